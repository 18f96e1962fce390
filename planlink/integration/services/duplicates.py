"""The duplicate check, run over the index, and the decisions people take on its candidates.

`check_area` runs the engine over the proposals around an area (inside it, or of an area
holding it) and returns every candidate touching the area's own proposals, each with the
decision already taken on it (decisions are keyed on the proposals' keys, so they hold when
either side is revised or re-imported). `duplicate_decide` records a decision: duplicate
(and, when both sides are plan items, the link duplicate_of) or not a duplicate, with a
reason. A plan item with a duplicate decision does not go up to the district.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.core import audit
from planlink.integration import proposals
from planlink.integration.engine import duplicates as engine
from planlink.integration.models import DuplicateDecision, DuplicateVerdict, Proposal
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import ItemLineage, ItemLink, LinkKind


@dataclass
class Found:
    """A candidate pair with both proposals and the decision taken on it (if any)."""

    candidate: engine.Candidate
    a: Proposal
    b: Proposal
    decision: DuplicateDecision | None

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def is_duplicate(self) -> bool:
        return self.decision is not None and self.decision.verdict == DuplicateVerdict.DUPLICATE

    def other(self, key: str) -> Proposal:
        return self.b if self.a.key == key else self.a

    def mine(self, key: str) -> Proposal:
        return self.a if self.a.key == key else self.b


def check_area(
    area_code: str, years: tuple[int, int] | None = None, *, focus: set[str] | None = None
) -> list[Found]:
    """Every candidate touching a proposal inside `area_code` (or in `focus`), best first."""
    entries = proposals.entries(proposals.around(area_code), years)
    inside = {e.key for e in entries if e.area.startswith(area_code)} if focus is None else focus
    found = engine.candidates(entries, focus=inside)
    return attach(found)


def attach(found: list[engine.Candidate]) -> list[Found]:
    keys = {k for c in found for k in (c.a, c.b)}
    rows = proposals.proposals_by_key(keys)
    decisions = decisions_for(keys)
    out = []
    for c in found:
        if c.a in rows and c.b in rows:
            out.append(Found(c, rows[c.a], rows[c.b], decisions.get((c.a, c.b))))
    return out


def decisions_for(keys: set[str]) -> dict[tuple[str, str], DuplicateDecision]:
    if not keys:
        return {}
    rows = DuplicateDecision.objects.filter(Q(key_a__in=keys) | Q(key_b__in=keys)).select_related(
        "decided_by"
    )
    return {(d.key_a, d.key_b): d for d in rows}


def can_decide(user: Any, a: Proposal, b: Proposal) -> bool:
    if user is None:
        return True
    return any(
        access.can(user, Capability.DECIDE_DUPLICATES, code)
        for code in {a.area_code, b.area_code, *a.villages, *b.villages}
        if code
    )


def duplicate_decide(
    *,
    user: Any,
    key_a: str,
    key_b: str,
    verdict: str,
    reason: str = "",
    demo: bool = False,
) -> DuplicateDecision:
    """Record (or change) the decision on a pair; "not a duplicate" needs a reason."""
    key_a, key_b = sorted((key_a, key_b))
    rows = proposals.proposals_by_key({key_a, key_b})
    if key_a not in rows or key_b not in rows or key_a == key_b:
        raise ValidationError("ไม่พบรายการคู่นี้แล้ว (อาจถูกแก้ไขหรือนำเข้าใหม่) / the pair is gone")
    a, b = rows[key_a], rows[key_b]
    if not can_decide(user, a, b):
        raise PermissionDenied("คุณไม่มีสิทธิ์ตัดสินรายการซ้ำของพื้นที่นี้ / you may not decide duplicates here")
    if verdict not in DuplicateVerdict.values:
        raise ValidationError(f"unknown decision {verdict!r}")
    reason = " ".join(reason.split())
    if verdict == DuplicateVerdict.DISTINCT and not reason:
        raise ValidationError(
            "ต้องระบุเหตุผลว่าทำไมไม่ซ้ำ (เช่น คนละช่วงถนน) / a reason is required for not a duplicate"
        )
    refuse_citizen_ids({"reason": reason})
    scored = engine.score(proposals.entry_of(a), proposals.entry_of(b))
    with transaction.atomic():
        decision = (
            DuplicateDecision.objects.select_for_update().filter(key_a=key_a, key_b=key_b).first()
        )
        if decision is None:
            decision = DuplicateDecision(key_a=key_a, key_b=key_b)
        decision.verdict = verdict
        decision.reason = reason
        decision.title_a, decision.title_b = a.title[:300], b.title[:300]
        decision.explanation = scored.reason_th if scored else ""
        decision.score = Decimal(str(scored.score)) if scored else Decimal(0)
        decision.decided_by = user
        decision.area_code = engine.common_prefix(a.area_code, b.area_code)
        decision.is_demo = demo
        audit.stamp(decision, user, reason or verdict)
        decision.save()
        _link(a, b, verdict, reason, user, demo)
    return decision


def _link(a: Proposal, b: Proposal, verdict: str, reason: str, user: Any, demo: bool) -> None:
    """Both sides plan items: the link duplicate_of joins their lineages (kept with the plans)."""
    if not (a.key.startswith("item:") and b.key.startswith("item:")):
        return
    source, target = UUID(a.key.removeprefix("item:")), UUID(b.key.removeprefix("item:"))
    if ItemLineage.objects.filter(pk__in=[source, target]).count() != 2:
        return
    existing = ItemLink.objects.filter(
        source_id=source, target_id=target, kind=LinkKind.DUPLICATE_OF
    )
    if verdict == DuplicateVerdict.DUPLICATE and not existing.exists():
        link = ItemLink(
            source_id=source,
            target_id=target,
            kind=LinkKind.DUPLICATE_OF,
            reason=reason or "ตัดสินว่าเป็นโครงการเดียวกัน",
            created_by=user,
            is_demo=demo,
        )
        audit.stamp(link, user, "duplicate")
        link.save()
    elif verdict == DuplicateVerdict.DISTINCT:
        for link in existing:
            audit.stamp(link, user, reason)
            link.delete()


def status_of(keys: set[str], found: list[Found]) -> tuple[set[str], set[str]]:
    """Of `keys`: those with a confirmed duplicate, and those with an undecided candidate."""
    duplicate, undecided = set(), set()
    for f in found:
        for key in (f.a.key, f.b.key):
            if key in keys:
                if f.is_duplicate:
                    duplicate.add(key)
                elif not f.decided:
                    undecided.add(key)
    return duplicate, undecided - duplicate
