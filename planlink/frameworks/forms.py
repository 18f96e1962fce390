from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planlink.core.dates import BEDateField
from planlink.frameworks.models import DEFAULT_ITEMS_UP, Audience, Step, Topic


class IssueForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99, required=False)
    title = forms.CharField(label=_("Issue"), max_length=300)
    description = forms.CharField(
        label=_("What it covers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    strategy = forms.CharField(
        label=_("Provincial strategy it serves"), max_length=300, required=False
    )
    keywords = forms.CharField(
        label=_("Words that suggest this issue (separated by commas)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: ถนน, รางระบายน้ำ, ประปา. A person confirms each suggestion."),
    )
    items_up = forms.IntegerField(
        label=_("Items per tambon that go up to the district"),
        min_value=1,
        max_value=20,
        initial=DEFAULT_ITEMS_UP,
    )


class CopyForm(forms.Form):
    from_year = forms.IntegerField(min_value=2500, max_value=2700)


class CalendarForm(forms.Form):
    """The year's deadlines at once: a B.E. date and a note per step (an empty date removes
    the step's deadline)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for step in Step:
            self.fields[f"{step.value}_due"] = BEDateField(label=step.label, required=False)
            self.fields[f"{step.value}_note"] = forms.CharField(
                label=_("Note"), max_length=300, required=False
            )

    def pairs(self) -> list[tuple[Any, Any]]:
        """(date field, note field) per step, for the template."""
        return [(self[f"{s.value}_due"], self[f"{s.value}_note"]) for s in Step]

    def dates(self) -> dict[str, tuple[date | None, str]]:
        d = self.cleaned_data
        return {s.value: (d.get(f"{s.value}_due"), d.get(f"{s.value}_note") or "") for s in Step}


class MediumForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    audiences = forms.MultipleChoiceField(
        label=_("For"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("What it is for"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, image, PowerPoint (.pptx), Word (.docx) or MP4 video."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.pptx,.docx,.mp4"}
        ),
    )
    url = forms.CharField(
        label=_("Or a link"),
        max_length=500,
        required=False,
        help_text=_("For example the Department's page of the medium, or a video's address."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    national = forms.BooleanField(label=_("For every province (national)"), required=False)

    def __init__(self, *args: Any, national: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not national:
            del self.fields["national"]


class MediaSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("any")), *Topic.choices]
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("anyone")), *Audience.choices]
    )


class FacilitatorForm(forms.Form):
    tambon = forms.ChoiceField(label=_("Tambon"), choices=())
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(
        label=_("Village or organisation"), max_length=200, required=False
    )
    course = forms.CharField(label=_("Course"), max_length=300, required=False)
    trained_on = BEDateField(label=_("Trained on"), required=False)
    active = forms.BooleanField(label=_("Active: can be asked to facilitate"), required=False)

    def __init__(self, *args: Any, tambons: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tambon"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = tambons
        if len(tambons) == 1:
            field.initial = tambons[0][0]
            field.widget = forms.HiddenInput()


# --- Strategy frameworks ---------------------------------------------------------------------


def _year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=2500, max_value=2700)


class FrameworkStartForm(forms.Form):
    """A new framework at an area: `choices` are the kinds (and, for a local strategy, the
    user's own local governments) the user may start there, as "kind" or "local:<code>"."""

    kind = forms.ChoiceField(label=_("Framework"), choices=())
    title = forms.CharField(label=_("Title"), max_length=300)
    first_year = _year_field(_("First fiscal year (B.E.)"))
    last_year = _year_field(_("Last fiscal year (B.E.)"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class FrameworkEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    last_year = _year_field(_("Last fiscal year (B.E.)"))


class FrameworkVersionForm(forms.Form):
    first_year = _year_field(_("First fiscal year (B.E.)"))
    last_year = _year_field(_("Last fiscal year (B.E.)"))


class NodeForm(forms.Form):
    code = forms.CharField(
        label=_("Number in the outline"),
        max_length=20,
        help_text=_(
            "Its place in the outline: 2 for the second issue, 2.3 for a programme under it."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    keywords = forms.CharField(
        label=_("Keywords (separated by commas)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Words that suggest it for a project, for example: ถนน, ประปา."),
    )


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
