from django import forms
from django.utils.translation import gettext_lazy as _

ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx", ".xls")
MAX_UPLOAD = 10 * 1024 * 1024


class VillageImportForm(forms.Form):
    file = forms.FileField(
        label=_("Village file (CSV or Excel)"),
        help_text=_(
            "Columns: village code (8 digits), หมู่ที่, village name. UTF-8 or TIS-620; "
            "Thai digits are fine."
        ),
    )
    drop_personal_columns = forms.BooleanField(
        label=_("Ignore columns with people's names or citizen IDs (they are never stored)"),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Only check the file, do not save"), required=False)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                _("Upload a .csv or .xlsx file (this one is %(name)s).") % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
