"""Forms of the plan pages: phone-friendly, budgets typed as people write them.

Every text field refuses a citizen ID (FreeTextForm). Edit forms of a stored record carry the
record's edit counter in a hidden `row_version` (see plans.locking); the view passes it to the
service, which refuses the save if the record changed since the form was loaded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planlink.core.dates import BEDateField
from planlink.core.thai import ThaiValueError, parse_budget
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.freetext import FreeTextForm
from planlink.plans.models import FundingSource, ItemStatus, Mode, PlanVersion, VersionKind
from planlink.plans.services import ItemData


def row_version_field() -> forms.IntegerField:
    """The record's edit counter as the form was loaded (hidden, sent back on save)."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def with_row_version(form: forms.Form, value: int) -> None:
    """Make a bound form send `value` back: after a refused save it is shown again with what
    the user typed, and saving it then saves over the version now stored."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["row_version"] = str(value)
    form.data = data


class BudgetField(forms.CharField):
    """Money as real documents write it: 1,250,000 / 1,250,000.- / ๑.๒๕ ล้านบาท."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_budget(text)
        except ThaiValueError as exc:
            raise forms.ValidationError(f"{exc.th} / {exc.en}") from exc


class PlanForm(FreeTextForm):
    """Base of the plan forms: an error of a hidden field (a page from before a change of the
    form, a tampered value) is shown at the top, where the user sees it."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in self.errors:
                del self.errors[name]
                self.add_error(
                    None,
                    _("This form is out of date. Open the page again, then make your change."),
                )
        return data


def _lines(text: str) -> list[tuple[str, str]]:
    """'name | role' per line → pairs (role optional)."""
    pairs = []
    for line in text.splitlines():
        name, _sep, role = line.partition("|")
        if name.strip():
            pairs.append((name.strip(), role.strip()))
    return pairs


class PlanCreateForm(PlanForm):
    first_year = forms.IntegerField(
        label=_("First fiscal year (B.E.)"), min_value=2500, max_value=2700
    )
    last_year = forms.IntegerField(
        label=_("Last fiscal year (B.E.)"), min_value=2500, max_value=2700
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and not 0 <= last - first <= 4:
            raise forms.ValidationError(_("A village plan covers one to five fiscal years."))
        return data


class ItemForm(PlanForm):
    title = forms.CharField(label=_("Project or activity"), max_length=300)
    mode = forms.ChoiceField(
        label=_("How is it carried out?"), choices=Mode.choices, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=_("Development category"), queryset=DevelopmentCategory.objects.filter(is_active=True)
    )
    objective = forms.CharField(
        label=_("Objective"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.CharField(
        label=_("Target / output"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kpi = forms.CharField(label=_("Indicator (KPI)"), required=False)
    expected_result = forms.CharField(
        label=_("Expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    funding_agency = forms.CharField(
        label=_("Agency asked for support"), required=False, max_length=200
    )
    working_group = forms.ChoiceField(label=_("Responsible working group"), required=False)
    responsible_agency = forms.CharField(
        label=_("Responsible agency"), required=False, max_length=200
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ItemStatus.choices, initial=ItemStatus.PROPOSED
    )
    dropped_reason = forms.CharField(label=_("Why it was dropped"), required=False)
    contribution_cash = BudgetField(label=_("Villagers' cash (baht)"), required=False)
    contribution_in_kind = forms.CharField(
        label=_("Villagers' materials / in-kind"), required=False, max_length=300
    )
    contribution_in_kind_value = BudgetField(label=_("Value of in-kind (baht)"), required=False)
    contribution_labour_days = forms.DecimalField(
        label=_("Villagers' labour (person-days)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
    )
    start_date = BEDateField(label=_("Start"), required=False)
    end_date = BEDateField(label=_("Planned end"), required=False)
    problem_key = forms.CharField(required=False, widget=forms.HiddenInput)
    row_version = row_version_field()

    def __init__(
        self,
        *args: Any,
        version: PlanVersion,
        problems: dict[str, Any] | None = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not editing:  # a new item has no stored version to compare with
            del self.fields["row_version"]
        self.version = version
        self.problems = problems or {}  # key → (title, year, share) of the village's problems
        groups = version.plan.area.working_groups.order_by("kind", "name")
        group_field = self.fields["working_group"]
        assert isinstance(group_field, forms.ChoiceField)
        group_field.choices = [("", "—")] + [(str(g.pk), g.name) for g in groups]
        self.year_fields = []
        for year in version.plan.years:
            name = f"budget_{year}"
            self.fields[name] = BudgetField(
                label=_("Budget %(year)s (baht)") % {"year": year}, required=False
            )
            self.year_fields.append(name)

    def budget_bound_fields(self) -> list[Any]:
        return [self[name] for name in self.year_fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") == ItemStatus.DROPPED
            and not (data.get("dropped_reason") or "").strip()
        ):
            self.add_error("dropped_reason", _("Say why the item was dropped."))
        if (
            data.get("mode") == Mode.REQUEST
            and data.get("funding_source") == FundingSource.COMMUNITY
        ):
            self.add_error(
                "funding_source", _("An item asking for support needs an outside funding source.")
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end is before the start."))
        key = data.get("problem_key") or ""
        if key and key not in self.problems:
            self.add_error(None, _("That problem is not one of this village's problems."))
        return data

    def item_data(
        self, keep_problems: list[tuple[str, str, int | None, Decimal | None]]
    ) -> ItemData:
        d = self.cleaned_data
        problems = list(keep_problems)
        key = d.get("problem_key")
        if key and all(p[0] != key for p in problems):
            title, year, share = self.problems[key]
            problems.append((key, title, year, share))
        return ItemData(
            title=d["title"].strip(),
            mode=d["mode"],
            category_id=d["category"].pk,
            description=d["description"],
            objective=d["objective"],
            target=d["target"],
            kpi=d["kpi"],
            expected_result=d["expected_result"],
            funding_source=d["funding_source"],
            funding_agency=d["funding_agency"],
            working_group_id=int(d["working_group"]) if d.get("working_group") else None,
            responsible_agency=d["responsible_agency"],
            status=d["status"],
            dropped_reason=d["dropped_reason"],
            contribution_cash=d.get("contribution_cash") or Decimal(0),
            contribution_in_kind=d["contribution_in_kind"],
            contribution_in_kind_value=d.get("contribution_in_kind_value") or Decimal(0),
            contribution_labour_days=d.get("contribution_labour_days") or Decimal(0),
            start_date=d.get("start_date"),
            end_date=d.get("end_date"),
            budgets={
                int(name.split("_")[1]): d[name]
                for name in self.year_fields
                if d.get(name) is not None
            },
            problems=problems,
        )


class TransitionForm(PlanForm):
    target = forms.ChoiceField(
        choices=[
            ("submitted", "submitted"),
            ("reviewed", "reviewed"),
            ("draft", "draft"),
            ("approved", "approved"),
            ("published", "published"),
        ],
        widget=forms.HiddenInput,
    )
    # What the page showed: a transition from a status the version has left is refused.
    from_status = forms.CharField(required=False, widget=forms.HiddenInput)
    row_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Note to the committee"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason to accept less than the self-reliance threshold"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    facilitators = forms.CharField(
        label=_("Facilitators who took part (one per line: name | organisation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    assembly_date = BEDateField(label=_("Village assembly date"), required=False)
    attendance = forms.IntegerField(label=_("Persons attending"), required=False, min_value=1)
    households = forms.IntegerField(label=_("Households represented"), required=False, min_value=1)

    def facilitator_rows(self) -> list[tuple[str, str, bool]]:
        return [(n, o, True) for n, o in _lines(self.cleaned_data.get("facilitators") or "")]


class CommentForm(PlanForm):
    text = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RevisionForm(PlanForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (VersionKind.ADDITION, VersionKind.ADDITION.label),
            (VersionKind.AMENDMENT, VersionKind.AMENDMENT.label),
        ],
    )
    reason = forms.CharField(
        label=_("Why the plan changes"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's FileField takes one)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgressForm(PlanForm):
    reported_on = BEDateField(label=_("Date"))
    percent_done = forms.IntegerField(label=_("% done"), min_value=0, max_value=100)
    money_spent = BudgetField(label=_("Money spent so far (baht)"), required=False)
    contribution_cash = BudgetField(label=_("Cash the villagers gave (baht)"), required=False)
    contribution_labour_days = forms.DecimalField(
        label=_("Labour the villagers gave (person-days)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
    )
    note = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # No `capture` attribute: on phones it would force the camera and hide the gallery.
    photos = MultipleFileField(
        label=_("Photos (JPEG, PNG or WebP)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)


class EvaluationForm(PlanForm):
    evaluated_on = BEDateField(label=_("Date"))
    kpi_reached = forms.TypedChoiceField(
        label=_("Was the indicator reached?"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Villagers' satisfaction"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    lessons = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    row_version = row_version_field()  # 0: the item had no evaluation yet


class PeopleForm(PlanForm):
    people = forms.CharField(
        label=_("One per line: name | role"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    row_version = row_version_field()

    def pairs(self) -> list[tuple[str, str]]:
        return _lines(self.cleaned_data.get("people") or "")


class WorkingGroupForm(PeopleForm):
    name = forms.CharField(label=_("Working group"), max_length=200)
    field_order = ["name", "people"]

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:  # a new group has no stored version
            del self.fields["row_version"]
