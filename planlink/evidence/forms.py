from django import forms
from django.utils.translation import gettext_lazy as _

FAMILY_CHOICES = [
    ("bmn", _("BMN (จปฐ.) — household rows or village summary")),
    ("vbd", _("Village basic data (กชช.2ค)")),
    ("gvh", _("Gross Village Happiness (GVH)")),
    ("accounts", _("Household income–expense accounts")),
    ("capital", _("Community capital")),
    ("groups", _("Occupation groups")),
    ("poor", _("Poor household list")),
]
SUFFIXES = (".csv", ".txt", ".xlsx", ".xls", ".parquet")
MAX_UPLOAD = 500 * 1024 * 1024


class EvidenceImportForm(forms.Form):
    family = forms.ChoiceField(label=_("Data"), choices=FAMILY_CHOICES)
    file = forms.FileField(
        label=_("File (CSV, Excel or Parquet)"),
        help_text=_("UTF-8 or TIS-620; Thai digits are fine. Formats: see the format guide."),
    )
    year = forms.IntegerField(
        label=_("Survey year (B.E.)"),
        required=False,
        min_value=2400,
        max_value=2700,
        help_text=_("Leave empty to take it from the file."),
    )
    drop_personal_columns = forms.BooleanField(
        label=_("Ignore columns with names or citizen IDs (they are never stored)"), required=False
    )
    dry_run = forms.BooleanField(label=_("Only check the file, do not save"), required=False)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(
                _("Upload a .csv, .xlsx or .parquet file (this one is %(name)s).")
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 500 MB."))
        return upload
