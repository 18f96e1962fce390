"""The gatekeeper: every read and write decision in planlink is made here.

A role held on an area covers that area and everything under it; DOPA codes are prefixes, so
"is X inside Y" is ``X.startswith(Y)``. A local-government planner holds the role on the
local government and so on the villages it covers; where it covers every village of a tambon
(or district, or province) the grant is widened to that whole area, so the planner can open
the tambon page too. Views call `require`; selectors call `filter_areas`.

A local government's pages (detail, data pack, its PDF and XLSX) show each user only the
covered villages inside their own areas, or all of them to a role on it or on areas holding
every one (`covered_villages`); its seat tambon grants nothing by itself.
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


@dataclass(frozen=True)
class CoveredVillages:
    """The villages a local government covers that one user may see (`visible`), out of
    `total`. Every local-government page shows and counts these villages only."""

    visible: frozenset[str]
    total: int

    @property
    def whole(self) -> bool:
        return len(self.visible) == self.total

    @property
    def outside(self) -> int:
        """Covered villages outside the user's area: counted for them, never named."""
        return self.total - len(self.visible)


def covered_villages(user: Any, codes: Iterable[str]) -> dict[str, CoveredVillages | None]:
    """For each local government, the covered villages `user` may see; None where they may
    not open it at all. A role on the local government, or on areas holding every village it
    covers, sees the whole; otherwise the villages inside the user's own areas, and with none
    there, nothing. A local government with no villages recorded yet is seen by those who may
    view its seat (there is nothing in it to leak)."""
    from planlink.areas.models import Coverage, LocalGovernment

    codes = list(codes)
    access = access_for(user)
    covered: dict[str, set[str]] = {code: set() for code in codes}
    for lao, village in Coverage.objects.filter(local_government__in=codes).values_list(
        "local_government_id", "village_id"
    ):
        covered[lao].add(village)
    seats = dict(
        LocalGovernment.objects.filter(
            code__in=[c for c, v in covered.items() if not v]
        ).values_list("code", "seat_id")
    )
    result: dict[str, CoveredVillages | None] = {}
    for code, villages in covered.items():
        if code in access.local_governments():
            visible = frozenset(villages)
        else:
            visible = frozenset(v for v in villages if access.can(Capability.VIEW_AREA, v))
        if visible or code in access.local_governments():
            result[code] = CoveredVillages(visible, len(villages))
        elif not villages and code in seats and access.can(Capability.VIEW_AREA, seats[code]):
            result[code] = CoveredVillages(frozenset(), 0)
        else:
            result[code] = None
    return result


def local_government_villages(
    user: Any, local_government: LocalGovernment
) -> CoveredVillages | None:
    return covered_villages(user, [local_government.code])[local_government.code]


def can_view_local_government(user: Any, local_government: LocalGovernment) -> bool:
    return local_government_villages(user, local_government) is not None


def require_local_government(user: Any, local_government: LocalGovernment) -> CoveredVillages:
    """The villages of `local_government` the user may see; 403 when there are none."""
    villages = local_government_villages(user, local_government)
    if villages is None:
        raise PermissionDenied
    return villages


def require_job(user: Any, job: Any) -> None:
    """A job is seen by whoever started it and by those who may import into its area."""
    if job.created_by_id is not None and job.created_by_id == getattr(user, "pk", None):
        return
    if job.area_id and can(user, Capability.IMPORT_EVIDENCE, job.area_id):
        return
    if EVERYWHERE in roots(user, Capability.MANAGE_ROLES):
        return
    raise PermissionDenied


def can_view_meeting(user: Any, code: str) -> bool:
    """See what concerns an area wider than the user's own (a municipality's plan covering
    five tambons, a provincial list): a root of theirs lies inside it, or it inside a root."""
    return any(
        root.startswith(code) or code.startswith(root)
        for root in access_for(user).roots(Capability.VIEW_AREA)
    )


def can_read_framework(user: Any, *, area_code: str | None, local_government: Any = None) -> bool:
    """A strategy framework: the national ones are read by everyone signed in; an area's by
    anyone whose areas lie inside or above it; a local government's by whoever sees it."""
    if local_government is not None:
        return can_view_local_government(user, local_government)
    if area_code is None:
        return bool(access_for(user).grants)
    return can_view_meeting(user, area_code)


def can_edit_framework(
    user: Any, *, kind: str, area_code: str | None, local_government: str | None = None
) -> bool:
    """Who owns a framework: the national ones the system administrator; a province's (and
    its group's) the provincial offices (SET_FRAMEWORKS); a district's strategy the district
    administration office; a local government's strategy its own planner."""
    access = access_for(user)
    if local_government is not None:
        return any(
            Capability.EDIT_LOCAL_PLAN in CAPABILITIES[g.role]
            and (g.local_government == local_government or g.role == Role.SYSTEM_ADMIN)
            for g in access.grants
        )
    if area_code is None:
        return Role.SYSTEM_ADMIN in access.roles()
    capability = Capability.EDIT_DISTRICT_PLAN if kind == "district" else Capability.SET_FRAMEWORKS
    return access.can(capability, area_code)


def can_import_source(
    user: Any, *, area_code: str, local_government: str | None = None, villages: Iterable[str] = ()
) -> bool:
    """Import another budget source's project list: a local government's plan by its own
    planner, or by a holder of the capability on any village it covers; any other list by a
    holder of the capability (on an area, not through a local government) on its area."""
    access = access_for(user)
    capability = Capability.IMPORT_SOURCES
    if local_government is not None:
        for grant in access.grants:
            if capability not in CAPABILITIES[grant.role]:
                continue
            if grant.local_government == local_government:
                return True
            if grant.local_government is None and any(grant.covers(v) for v in villages):
                return True
        return False
    return any(
        capability in CAPABILITIES[g.role] and g.local_government is None and g.covers(area_code)
        for g in access.grants
    )


def visible_local_governments(user: Any) -> QuerySet[LocalGovernment]:
    """Local governments the user may open: those they hold a role on and those covering at
    least one village inside the user's areas (see `covered_villages`)."""
    from planlink.areas.models import Coverage, LocalGovernment

    access = access_for(user)
    if not access.grants:
        return LocalGovernment.objects.none()
    if EVERYWHERE in access.roots(Capability.VIEW_AREA):
        return LocalGovernment.objects.all()
    reaching = Coverage.objects.filter(area_filter(user, field_name="village__code"))
    empty_at_seat = Q(coverage__isnull=True) & area_filter(user, field_name="seat__code")
    return LocalGovernment.objects.filter(
        Q(code__in=access.local_governments())
        | Q(code__in=reaching.values("local_government_id"))
        | Q(code__in=LocalGovernment.objects.filter(empty_at_seat).values("code"))
    )


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
