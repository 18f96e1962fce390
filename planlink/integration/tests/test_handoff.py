"""The tambon plan handed to the local governments covering the tambon (form ผ.02 order, XLSX,
PDF), what each records it did with the items, and who may record or see it."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area, Coverage, LocalGovernment
from planlink.integration import services
from planlink.integration.handoff import (
    HEADER_AFTER,
    HEADER_BEFORE,
    Handoff,
    ItemFacts,
    budget_header,
    handed,
    handoff_pdf,
    handoff_workbook,
    handoffs,
    latest_tambon_plans,
)
from planlink.integration.models import Adoption, AdoptionStatus
from planlink.plans.models import ItemStatus, PlanItem

TAMBON = "520101"
YEAR = 2570
CITY = "3520101"  # เทศบาลนครลำปาง: covers every village of the tambon


pytestmark = pytest.mark.django_db


@pytest.fixture
def tambon() -> Area:
    return Area.objects.get(code=TAMBON)


@pytest.fixture
def city() -> LocalGovernment:
    return LocalGovernment.objects.get(code=CITY)


@pytest.fixture
def plan(tambon):  # type: ignore[no-untyped-def]
    return services.tambon_consolidate(user=None, tambon=tambon, first_year=YEAR).plan


@pytest.fixture
def planner() -> User:
    return User.objects.get(username="lao-3520101")


def _handoff(lg: LocalGovernment) -> Handoff:
    covered = frozenset(lg.coverage_set.values_list("village_id", flat=True))
    found = handoffs(
        local_governments=[lg], covered={lg.code: covered}, plans=latest_tambon_plans([TAMBON])
    )
    return found[0]


def _partial_lg(village: str) -> LocalGovernment:
    lg = LocalGovernment.objects.create(
        code="6520199", kind="sub_municipality", name_th="เทศบาลตำบลทดสอบ", seat_id=TAMBON
    )
    Coverage.objects.create(local_government=lg, village_id=village)
    return lg


def _other_planner() -> User:
    """The planner of a local government covering no village of the tambon."""
    other = (
        LocalGovernment.objects.exclude(kind="pao")
        .exclude(coverage__village__code__startswith=TAMBON)
        .filter(coverage__isnull=False)
        .first()
    )
    assert other is not None
    user = User.objects.create_user(username="lao-other", password="x")
    RoleAssignment.objects.create(user=user, role=Role.LAO_PLANNER, local_government=other)
    return user


# --- The rule and the rows ------------------------------------------------------------------------


def test_rule_hands_items_touching_a_covered_village_by_issue_then_priority():
    items = [
        ItemFacts(1, priority=1, issue_number=2, villages=frozenset({"52010101"})),
        ItemFacts(2, priority=2, issue_number=1, villages=frozenset({"52010102", "52010103"})),
        ItemFacts(3, priority=3, issue_number=None, villages=frozenset()),  # the whole tambon
        ItemFacts(4, priority=4, issue_number=1, villages=frozenset({"52010104"})),
        ItemFacts(5, priority=0, issue_number=1, villages=frozenset({"52010103"}), dropped=True),
        ItemFacts(6, priority=5, issue_number=1, villages=frozenset({"52010103"})),
    ]
    assert handed(items, {"52010103", "52010101"}) == [2, 6, 1, 3]
    assert handed(items, set()) == [3]


def test_rows_follow_form_p02_with_budgets_per_year_summing_the_items(plan, city):
    handoff = _handoff(city)
    items = list(plan.versions.get().items.exclude(status=ItemStatus.DROPPED))
    assert len(handoff.rows) == len(items) > 3  # the city covers every village
    assert [r.number for r in handoff.rows] == list(range(1, len(items) + 1))
    numbers = [r.issue.number if r.issue else 99 for r in handoff.rows]
    assert numbers == sorted(numbers)
    assert handoff.years == [2570, 2571, 2572]
    for row in handoff.rows:
        budgets = {b.fiscal_year: b.amount for b in row.item.budgets.all()}
        assert row.budgets == [budgets.get(y) for y in handoff.years]
        assert row.villages and row.covered == row.villages
    for index, year in enumerate(handoff.years):
        expected = sum(
            (b.amount for i in items for b in i.budgets.all() if b.fiscal_year == year), Decimal(0)
        )
        assert handoff.totals[index] == expected
    assert handoff.grand_total == sum(handoff.totals) > 0
    assert not handoff.partial and handoff.counts["waiting"] == len(items)


def test_a_local_government_covering_some_villages_gets_only_their_items(plan):
    lg = _partial_lg("52010102")
    handoff = _handoff(lg)
    everything = plan.versions.get().items.exclude(status=ItemStatus.DROPPED)
    concerning = {
        i.pk
        for i in everything
        if i.villages.filter(code="52010102").exists() or not i.villages.exists()
    }
    assert {r.item.pk for r in handoff.rows} == concerning
    assert 0 < len(concerning) < everything.count()
    assert handoff.partial and [v.code for v in handoff.villages_covered] == ["52010102"]
    assert all([v.code for v in r.covered] == ["52010102"] for r in handoff.rows if r.villages)
    assert any(r.partly_covered and "ในเขต อปท.: หมู่ที่ 2" in r.villages_text for r in handoff.rows)


def test_dropped_items_are_not_handed(plan, city):
    item = plan.versions.get().items.order_by("priority").first()
    services.tambon_item_drop(user=None, item=item, reason="ซ้ำกับโครงการของ อบจ.")
    assert item.pk not in {r.item.pk for r in _handoff(city).rows}


# --- Documents ------------------------------------------------------------------------------------


def test_xlsx_has_the_form_p02_headers_in_order_numbers_and_a_totals_row(plan, city):
    from openpyxl import load_workbook

    handoff = _handoff(city)
    data = handoff_workbook(handoff, pack_url="https://example.invalid/areas/520101/evidence/")
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "ที่")
    header = [c for c in rows[head] if c is not None]
    years = [budget_header(y) for y in (2570, 2571, 2572)]
    assert header[: 4 + 3 + len(HEADER_AFTER)] == [*HEADER_BEFORE, *years, *HEADER_AFTER]
    assert header[1:4] == ["โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)"]
    assert header[7:10] == ["ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก"]
    assert header[10:12] == ["ประเด็นการพัฒนาจังหวัด", "หมู่บ้านที่เสนอ"]
    body = rows[head + 1 : head + 1 + len(handoff.rows)]
    assert [r[1] for r in body] == [r.item.title for r in handoff.rows]
    first = next(r for r in handoff.rows if r.budgets[0] is not None)
    cell = sheet.cell(row=head + 1 + first.number + 0, column=5)
    assert isinstance(cell.value, float | int) and cell.number_format == "#,##0.00"
    totals = rows[head + 1 + len(handoff.rows)]
    assert totals[1] == f"รวม {len(handoff.rows)} โครงการ"
    assert [Decimal(str(v)) for v in totals[4:7]] == handoff.totals
    assert any("ยุทธศาสตร์จังหวัด" in str(r[0]) for r in rows[:head])
    assert any("example.invalid/areas/520101/evidence/" in str(r[0]) for r in rows[:head])
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_renders_with_its_title_and_the_pack_url(plan, city):
    pdf = handoff_pdf(_handoff(city), pack_url="https://planlink.example/areas/520101/evidence/")
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "แผนชุมชนระดับตำบล" in text and "เทศบาลนครลำปาง" in text
    assert "planlink.example/areas/520101/evidence/" in text.replace("\u200b", "")


# --- Recording the decision -----------------------------------------------------------------------


def _item(plan, lg) -> PlanItem:  # type: ignore[no-untyped-def]
    return _handoff(lg).rows[0].item


def test_adopted_needs_years_form_and_number_and_is_kept_normalised(plan, city, planner):
    item = _item(plan, city)
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(user=planner, item=item, local_government=city, status="adopted")
    assert set(refused.value.message_dict) == {"plan_years", "form", "project_number"}
    assert not Adoption.objects.exists()
    adoption = services.adoption_record(
        user=planner,
        item=item,
        local_government=city,
        status="adopted",
        plan_years="๒๕๗๑-๒๕๗๕",
        form="ผ.02",
        project_number="12",
    )
    assert (adoption.plan_years, adoption.form, adoption.project_number) == (
        "2571–2575",
        "ผ.02",
        "12",
    )
    assert adoption.recorded_by == planner and adoption.lineage_id == item.lineage_id
    assert adoption.history.get().history_user == planner
    assert _handoff(city).counts["adopted"] == 1


@pytest.mark.parametrize(
    ("years", "says"),
    [
        ("2028-2032", "ค.ศ."),
        ("2575-2571", "ก่อนปีเริ่มต้น"),
        ("2571-2576", "ไม่เกิน 5 ปี"),
        ("ปีหน้า", "พ.ศ."),
        ("3000", "ไม่ใช่ปีงบประมาณ"),
    ],
)
def test_plan_years_are_checked(years, says):
    with pytest.raises(ValidationError) as refused:
        services.plan_years_clean(years)
    assert says in refused.value.messages[0] and " / " in refused.value.messages[0]


def test_forwarded_and_not_adopted_need_their_field_and_rerecording_updates_the_row(
    plan, city, planner
):
    item = _item(plan, city)
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(user=planner, item=item, local_government=city, status="forwarded")
    assert set(refused.value.message_dict) == {"forwarded_to"}
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(
            user=planner, item=item, local_government=city, status="not_adopted"
        )
    assert set(refused.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError):
        services.adoption_record(user=planner, item=item, local_government=city, status="maybe")
    services.adoption_record(
        user=planner,
        item=item,
        local_government=city,
        status="adopted",
        plan_years="2571–2575",
        form="ผ.02",
        project_number="3",
    )
    services.adoption_record(
        user=planner,
        item=item,
        local_government=city,
        status="forwarded",
        forwarded_to="องค์การบริหารส่วนจังหวัดลำปาง",
    )
    adoption = Adoption.objects.get()
    assert adoption.status == AdoptionStatus.FORWARDED
    assert (adoption.plan_years, adoption.form, adoption.project_number) == ("", "", "")
    services.adoption_record(
        user=planner, item=item, local_government=city, status="not_adopted", reason="เกินศักยภาพ"
    )
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.reason, adoption.forwarded_to) == (
        "not_adopted",
        "เกินศักยภาพ",
        "",
    )
    assert adoption.history.count() == 3


def test_citizen_ids_are_refused(plan, city, planner):
    with pytest.raises(ValidationError):
        services.adoption_record(
            user=planner,
            item=_item(plan, city),
            local_government=city,
            status="not_adopted",
            reason="ผู้ร้อง 1101700203450",
        )
    assert not Adoption.objects.exists()


@pytest.mark.parametrize(
    "who", ["lao-other", "tambon-520101", "village-52010101", "officer-520101"]
)
def test_only_the_local_governments_planner_records(plan, city, who):
    user = _other_planner() if who == "lao-other" else User.objects.get(username=who)
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            user=user,
            item=_item(plan, city),
            local_government=city,
            status="not_adopted",
            reason="x",
        )
    assert not Adoption.objects.exists()


def test_a_planner_records_only_items_handed_to_its_local_government(plan):
    lg = _partial_lg("52010102")
    user = User.objects.create_user(username="lao-partial", password="x")
    RoleAssignment.objects.create(user=user, role=Role.LAO_PLANNER, local_government=lg)
    mine = {r.item.pk for r in _handoff(lg).rows}
    other = plan.versions.get().items.exclude(pk__in=mine).first()
    assert other is not None
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            user=user, item=other, local_government=lg, status="not_adopted", reason="x"
        )
    # Nor for another local government, though its coverage reaches the same village.
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            user=user,
            item=PlanItem.objects.get(pk=min(mine)),
            local_government=LocalGovernment.objects.get(code=CITY),
            status="not_adopted",
            reason="x",
        )
    assert not Adoption.objects.exists()
    services.adoption_record(
        user=user,
        item=PlanItem.objects.get(pk=min(mine)),
        local_government=lg,
        status="not_adopted",
        reason="เกินศักยภาพ",
    )
    assert Adoption.objects.get().local_government == lg


# --- Pages ----------------------------------------------------------------------------------------


def test_lao_page_lists_the_covered_tambon_with_its_items_and_the_form(plan, city, login):
    client = login("lao-3520101")
    response = client.get(f"/lao/{CITY}/tambon-plans/")
    assert response.status_code == 200
    html = response.content.decode()
    handoff = _handoff(city)
    assert "ตำบล" in html and handoff.tambon.name_th in html
    assert all(r.item.title in html for r in handoff.rows)
    assert f"/lao/{CITY}/tambon-plans/{TAMBON}.xlsx" in html
    assert f"/lao/{CITY}/tambon-plans/{TAMBON}.pdf" in html
    assert f"/areas/{TAMBON}/evidence/" in html
    assert html.count('name="status" value="adopted"') == len(handoff.rows)


def test_lao_page_shows_a_decision_the_system_recorded(plan, city, login):
    client = login("lao-3520101")
    client.raise_request_exception = True
    services.adoption_record(
        user=None,
        item=_item(plan, city),
        local_government=city,
        status="forwarded",
        forwarded_to="อบจ.ลำปาง",
    )
    html = client.get(f"/lao/{CITY}/tambon-plans/").content.decode()
    assert "อบจ.ลำปาง" in html


def test_lao_page_before_consolidation_says_what_to_do_next(login):
    html = login("lao-3520101").get(f"/lao/{CITY}/tambon-plans/").content.decode()
    assert "ศอช.ต." in html and 'name="status"' not in html


def test_another_local_governments_planner_sees_nothing_of_the_tambon(plan, client):
    user = _other_planner()
    client.force_login(user)
    assert client.get(f"/lao/{CITY}/tambon-plans/").status_code == 403
    assert client.get(f"/lao/{CITY}/tambon-plans/{TAMBON}.pdf").status_code == 403
    own = user.role_assignments.get().local_government_id
    html = client.get(f"/lao/{own}/tambon-plans/").content.decode()
    assert plan.area.name_th not in html and plan.title not in html
    assert client.get(f"/lao/{own}/tambon-plans/{TAMBON}.xlsx").status_code == 404


def test_posting_a_decision_saves_it_and_a_refused_one_keeps_what_was_typed(plan, city, login):
    client = login("lao-3520101")
    item = _item(plan, city)
    url = f"/lao/{CITY}/tambon-plans/items/{item.pk}/decision/"
    refused = client.post(url, {"status": "adopted", "plan_years": "2028-2032", "form": "ผ.02"})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "2028-2032" in html and "ค.ศ." in html and not Adoption.objects.exists()
    saved = client.post(
        url, {"status": "adopted", "plan_years": "2571-2575", "form": "ผ.02", "project_number": "7"}
    )
    assert saved.status_code == 302 and saved.url.endswith(f"#item-{item.pk}")
    assert Adoption.objects.get().project_number == "7"


def test_others_may_not_post_a_decision(plan, city, login):
    client = login("tambon-520101")
    item = _item(plan, city)
    response = client.post(
        f"/lao/{CITY}/tambon-plans/items/{item.pk}/decision/",
        {"status": "not_adopted", "reason": "x"},
    )
    assert response.status_code == 403 and not Adoption.objects.exists()


def test_downloads_for_the_planner(plan, login):
    client = login("lao-3520101")
    xlsx = client.get(f"/lao/{CITY}/tambon-plans/{TAMBON}.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/lao/{CITY}/tambon-plans/{TAMBON}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_tambon_summary_counts_per_local_government(plan, city, planner, login):
    item = _item(plan, city)
    services.adoption_record(
        user=planner, item=item, local_government=city, status="not_adopted", reason="เกินศักยภาพ"
    )
    response = login("tambon-520101").get(f"/areas/{TAMBON}/tambon-plan/handoff/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "เทศบาลนครลำปาง" in html and "องค์การบริหารส่วนจังหวัดลำปาง" in html
    assert f"/lao/{CITY}/tambon-plans/{TAMBON}.xlsx" in html
    rows = {h.local_government.code: h.counts for h in [_handoff(city)]}
    assert rows[CITY]["not_adopted"] == 1 and rows[CITY]["waiting"] == len(_handoff(city).rows) - 1
    # The tambon's people download what their local governments were handed.
    assert login("tambon-520101").get(f"/lao/{CITY}/tambon-plans/{TAMBON}.pdf").status_code == 200


def test_tambon_summary_needs_the_tambon(plan, client):
    client.force_login(_other_planner())
    assert client.get(f"/areas/{TAMBON}/tambon-plan/handoff/").status_code == 403


def test_the_hand_off_reads_in_a_fixed_number_of_queries(plan, city, planner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _handoff(city).rows[0].adoption  # noqa: B018
        return len(queries)

    before = count()
    for row in _handoff(city).rows[:3]:
        services.adoption_record(
            user=planner, item=row.item, local_government=city, status="not_adopted", reason="x"
        )
    assert count() == before <= 12
