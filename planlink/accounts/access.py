"""The gatekeeper: every read and write decision in planlink is made here.

A role held on an area covers that area and everything under it; DOPA codes are prefixes, so
"is X inside Y" is ``X.startswith(Y)``. A local-government planner holds the role on the
local government and so on the villages it covers; where it covers every village of a tambon
(or district, or province) the grant is widened to that whole area, so the planner can open
the tambon page too. Views call `require`; selectors call `filter_areas`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from planlink.accounts.roles import CAPABILITIES, Capability, Role

if TYPE_CHECKING:
    from planlink.areas.models import Area, LocalGovernment

M = TypeVar("M", bound=Any)

EVERYWHERE = ""  # the empty prefix covers every code
_CACHE_ATTR = "_planlink_access"


@dataclass(frozen=True)
class Grant:
    role: Role
    roots: frozenset[str]
    local_government: str | None = None

    def covers(self, code: str) -> bool:
        return any(code.startswith(root) for root in self.roots)


@dataclass(frozen=True)
class Access:
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    def roots(self, capability: Capability) -> frozenset[str]:
        """The area codes under which `capability` holds, without redundant nested roots."""
        return _outermost(
            root
            for grant in self.grants
            if capability in CAPABILITIES[grant.role]
            for root in grant.roots
        )

    def can(self, capability: Capability, code: str) -> bool:
        return any(
            capability in CAPABILITIES[grant.role] and grant.covers(code) for grant in self.grants
        )

    def area_roots(self) -> frozenset[str]:
        """Roots of the roles held on areas (not through a local government's coverage)."""
        return _outermost(
            root for grant in self.grants if grant.local_government is None for root in grant.roots
        )

    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.grants)

    def local_governments(self) -> frozenset[str]:
        return frozenset(g.local_government for g in self.grants if g.local_government)


def _outermost(codes: Iterable[str]) -> frozenset[str]:
    """Drop codes that lie inside another of the codes (52 makes 5201 redundant)."""
    found = set(codes)
    return frozenset(c for c in found if not any(c != o and c.startswith(o) for o in found))


def access_for(user: Any) -> Access:
    """The user's grants, computed once per request (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Access()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    access = _load(user)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget(user: Any) -> None:
    """Drop the cached grants after the user's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _load(user: Any) -> Access:
    from planlink.accounts.models import RoleAssignment

    grants: list[Grant] = []
    if user.is_superuser:
        grants.append(Grant(Role.SYSTEM_ADMIN, frozenset({EVERYWHERE})))
    lao_codes: list[str] = []
    for assignment in RoleAssignment.objects.filter(user=user).only(
        "role", "area_id", "local_government_id"
    ):
        role = Role(assignment.role)
        if role == Role.LAO_PLANNER and assignment.local_government_id:
            lao_codes.append(assignment.local_government_id)
        else:
            root = assignment.area_id or EVERYWHERE
            grants.append(Grant(role, frozenset({root})))
    if lao_codes:
        for code, roots in local_government_roots(lao_codes).items():
            grants.append(Grant(Role.LAO_PLANNER, roots, local_government=code))
    return Access(tuple(grants))


def local_government_roots(codes: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each local government, its covered villages, widened to any tambon, district or
    province whose every village it covers."""
    from planlink.areas.models import Area, AreaLevel, Coverage

    covered: dict[str, set[str]] = defaultdict(set)
    for lao, village in Coverage.objects.filter(local_government__in=list(codes)).values_list(
        "local_government_id", "village_id"
    ):
        covered[lao].add(village)
    if not covered:
        return {code: frozenset() for code in codes}
    prefixes = {v[:n] for villages in covered.values() for v in villages for n in (2, 4, 6)}
    # Villages per enclosing area, counted in one pass over the provinces involved.
    totals: dict[str, int] = defaultdict(int)
    provinces = Q()
    for province in {p for p in prefixes if len(p) == 2}:
        provinces |= Q(code__startswith=province)
    for village in Area.objects.filter(provinces, level=AreaLevel.VILLAGE).values_list(
        "code", flat=True
    ):
        for n in (2, 4, 6):
            if village[:n] in prefixes:
                totals[village[:n]] += 1
    result: dict[str, frozenset[str]] = {}
    for code in codes:
        villages = covered.get(code, set())
        roots: set[str] = set(villages)
        for length in (6, 4, 2):  # widen bottom-up
            counts: dict[str, int] = defaultdict(int)
            for village in villages:
                counts[village[:length]] += 1
            for prefix, count in counts.items():
                if count == totals.get(prefix, -1):
                    roots = {r for r in roots if not r.startswith(prefix)} | {prefix}
        result[code] = frozenset(roots)
    return result


# --- The questions views and selectors ask ------------------------------------------------


def can(user: Any, capability: Capability, area: Area | str) -> bool:
    code = area if isinstance(area, str) else area.code
    return access_for(user).can(capability, code)


def require(user: Any, capability: Capability, area: Area | str) -> None:
    """Raise PermissionDenied (HTTP 403) unless `user` may do `capability` on `area`."""
    if not can(user, capability, area):
        raise PermissionDenied


def roots(user: Any, capability: Capability = Capability.VIEW_AREA) -> frozenset[str]:
    return access_for(user).roots(capability)


def area_filter(
    user: Any, capability: Capability = Capability.VIEW_AREA, *, field_name: str = "code"
) -> Q:
    """A Q selecting rows whose area code (`field_name`) lies inside the user's grants."""
    allowed = roots(user, capability)
    if EVERYWHERE in allowed:
        return Q()
    if not allowed:
        return Q(pk__in=[])
    q = Q()
    for root in sorted(allowed):
        q |= Q(**{f"{field_name}__startswith": root})
    return q


def filter_areas(
    user: Any,
    queryset: QuerySet[M],
    capability: Capability = Capability.VIEW_AREA,
    *,
    field_name: str = "code",
) -> QuerySet[M]:
    return queryset.filter(area_filter(user, capability, field_name=field_name))


def can_view_local_government(user: Any, local_government: LocalGovernment) -> bool:
    access = access_for(user)
    return local_government.code in access.local_governments() or access.can(
        Capability.VIEW_AREA, local_government.seat_id
    )


def require_local_government(user: Any, local_government: LocalGovernment) -> None:
    if not can_view_local_government(user, local_government):
        raise PermissionDenied


def require_job(user: Any, job: Any) -> None:
    """A job is seen by whoever started it and by those who may import into its area."""
    if job.created_by_id is not None and job.created_by_id == getattr(user, "pk", None):
        return
    if job.area_id and can(user, Capability.IMPORT_EVIDENCE, job.area_id):
        return
    if EVERYWHERE in roots(user, Capability.MANAGE_ROLES):
        return
    raise PermissionDenied


def visible_local_governments(user: Any) -> QuerySet[LocalGovernment]:
    from planlink.areas.models import LocalGovernment

    access = access_for(user)
    q = area_filter(user, field_name="seat__code") | Q(code__in=access.local_governments())
    if not access.grants:
        return LocalGovernment.objects.none()
    return LocalGovernment.objects.filter(q)


# --- django-rules: the same decisions through user.has_perm("planlink.<capability>", area) ---


def _predicate(capability: Capability) -> Any:
    @rules.predicate(name=f"can_{capability.value}")  # type: ignore[attr-defined,no-untyped-call,untyped-decorator]
    def check(user: Any, area: Any = None) -> bool:
        if area is None:
            return bool(access_for(user).roots(capability))
        return can(user, capability, area)

    return check


for _capability in Capability:
    rules.add_perm(f"planlink.{_capability.value}", _predicate(_capability))  # type: ignore[attr-defined,no-untyped-call]
