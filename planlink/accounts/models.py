from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.accounts.roles import ROLE_LEVEL, Role
from planlink.areas.models import CODE_LENGTH, Area, LocalGovernment
from planlink.core import audit
from planlink.core.models import BaseModel


class User(AbstractUser):
    is_demo = models.BooleanField(_("demo account"), default=False)
    # The newest notification the user has seen (workspace's feed shows newer ones as new).
    notifications_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


def _role_shape() -> Q:
    """Each role is held on the right kind of place (see roles.ROLE_LEVEL)."""
    shape = Q(role=Role.LAO_PLANNER, local_government__isnull=False, area__isnull=True)
    shape |= Q(role=Role.SYSTEM_ADMIN, local_government__isnull=True)
    for role, level in ROLE_LEVEL.items():
        if level is not None:
            shape |= Q(role=role, local_government__isnull=True, area__length=CODE_LENGTH[level])
    return shape


@audit.register
class RoleAssignment(BaseModel):
    """`user` holds `role` on `area` (and everything under it) or on a local government."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    history = audit.audited()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(name="role_held_on_matching_place", condition=_role_shape()),
            models.UniqueConstraint(
                fields=["user", "role", "area"],
                condition=Q(area__isnull=False),
                name="role_unique_on_area",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "local_government"],
                condition=Q(local_government__isnull=False),
                name="role_unique_on_lao",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(area__isnull=True, local_government__isnull=True),
                name="role_unique_everywhere",
            ),
        ]

    def __str__(self) -> str:
        place = self.area_id or self.local_government_id or "*"
        return f"{self.get_role_display()} @ {place}"

    def audit_area_code(self) -> str:
        if self.area_id:
            return self.area_id
        if self.local_government is not None:
            return self.local_government.seat_id
        return ""
