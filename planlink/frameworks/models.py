"""What the province sets for a fiscal year: the issues (ประเด็น) the tambons rank their needs
in and from which the top items go up to the District Development Plan (DOMAIN.md §5 rule 2).

The strategy trees (national, provincial, district, local) join this app with the alignment
issue; until then an issue names the provincial strategy it serves in words.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area
from planlink.core import audit
from planlink.core.models import BaseModel

DEFAULT_ITEMS_UP = 2  # the seed: the items ranked 1 and 2 in each issue go up


@audit.register
class ProvinceIssue(BaseModel):
    """One issue of a province's year, in the order the province lists them."""

    province = models.ForeignKey(
        Area,
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        related_name="province_issues",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("issue"), max_length=300)
    description = models.TextField(_("what it covers"), blank=True)
    strategy = models.CharField(_("provincial strategy it serves"), max_length=300, blank=True)
    # Words that suggest this issue for a tambon item ("ถนน, ประปา, ไฟฟ้า"); a person confirms.
    keywords = models.TextField(_("words that suggest this issue"), blank=True)
    items_up = models.PositiveSmallIntegerField(
        _("items per tambon that go up to the district"),
        default=DEFAULT_ITEMS_UP,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("province issue")
        verbose_name_plural = _("province issues")
        ordering = ["province", "fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "number"], name="province_issue_unique_number"
            ),
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "title"], name="province_issue_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(items_up__gte=1) & Q(items_up__lte=20), name="province_issue_items_up"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def audit_area_code(self) -> str:
        return self.province_id

    def keyword_list(self) -> list[str]:
        return [w.strip() for w in self.keywords.replace("\n", ",").split(",") if w.strip()]
