from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planlink.frameworks.models import DEFAULT_ITEMS_UP


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
