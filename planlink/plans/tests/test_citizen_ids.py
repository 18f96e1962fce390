"""No citizen IDs in what people type into plans (issue #7, defect 5, the web half): every
free-text field refuses a valid 13-digit ID on that field, and nothing is stored."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from planlink.core.tabular import ImportRejected
from planlink.plans.excel import plan_import, plan_workbook
from planlink.plans.models import (
    Evaluation,
    Facilitator,
    MonitoringMember,
    Plan,
    PlanItem,
    PlanVersion,
    ProgressReport,
    WorkingGroup,
    WorkingGroupMember,
)
from planlink.plans.services import (
    evaluation_save,
    facilitators_set,
    item_create,
    item_status_set,
    monitors_set,
    progress_report_add,
    revision_start,
    version_transition,
    working_group_save,
)
from planlink.plans.tests.conftest import category, data

pytestmark = pytest.mark.django_db

REFUSED = "เลขประจำตัวประชาชน 13 หลัก"


def citizen_id(first12: str = "110370001234") -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


ID = citizen_id()  # 1103700012346
CARD = f"{ID[0]}-{ID[1:5]}-{ID[5:10]}-{ID[10:12]}-{ID[12]}"  # as printed on the card
THAI = ID.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
NOT_AN_ID = ID[:12] + str((int(ID[12]) + 1) % 10)  # 13 digits, wrong check digit


def snapshot() -> tuple[object, ...]:
    return (
        list(PlanItem.objects.order_by("pk").values_list("pk", "title", "description", "kpi")),
        list(PlanVersion.objects.order_by("pk").values_list("pk", "status", "review_note")),
        list(WorkingGroup.objects.order_by("pk").values_list("pk", "name")),
        list(WorkingGroupMember.objects.order_by("pk").values_list("pk", "name", "role")),
        list(Facilitator.objects.order_by("pk").values_list("pk", "name", "organisation")),
        list(MonitoringMember.objects.order_by("pk").values_list("pk", "name", "role")),
        list(ProgressReport.objects.order_by("pk").values_list("pk", "note")),
        list(Evaluation.objects.order_by("pk").values_list("pk", "lessons")),
        Plan.objects.count(),
    )


def test_the_ids_written_in_the_tests_are_what_they_claim():
    from planlink.core.personal import citizen_ids_in_text, is_citizen_id

    assert is_citizen_id(ID) and not is_citizen_id(NOT_AN_ID)
    assert citizen_ids_in_text(f"บัตร {CARD}") == [ID] == citizen_ids_in_text(THAI)


def item_post(row_version: int | None = None, **extra: str) -> dict[str, str]:
    post = {
        "title": "ขุดลอกคลองส่งน้ำ",
        "mode": "joint",
        "category": str(category()),
        "funding_source": "lao",
        "status": "proposed",
    }
    if row_version is not None:
        post["row_version"] = str(row_version)
    post.update(extra)
    return post


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("title", f"ขุดลอกคลอง (ผู้ประสานงาน {ID})"),
        ("description", f"ติดต่อนายสมชาย เลขบัตร {CARD}"),
        ("objective", f"เพื่อ {THAI}"),
        ("target", ID),
        ("kpi", f"ผู้รับผิดชอบ {ID}"),
        ("expected_result", f"{ID} ได้รับประโยชน์"),
        ("funding_agency", f"อบต. ({ID})"),
        ("responsible_agency", f"ผู้ใหญ่บ้าน {ID}"),
        ("contribution_in_kind", f"ไม้จากนาย ก. {ID}"),
    ],
)
def test_item_form_refuses_an_id_on_its_field(login, plan_with_items, name, value):
    client = login("village-52010101")
    version = plan_with_items.versions.get()
    item = version.items.get(mode="joint")
    before = snapshot()
    new = client.post(f"/plans/versions/{version.pk}/items/new/", item_post(**{name: value}))
    edit = client.post(
        f"/plans/items/{item.pk}/edit/", item_post(row_version=item.row_version, **{name: value})
    )
    for response in (new, edit):
        assert response.status_code == 422
        errors = response.context["form"].errors
        assert list(errors) == [name] and REFUSED in errors[name][0]
        assert f"…{ID[-4:]}" in errors[name][0] and ID not in errors[name][0]
    assert snapshot() == before


def test_dropped_reason_with_an_id_is_refused(login, plan_with_items):
    client = login("village-52010101")
    item = plan_with_items.versions.get().items.get(mode="joint")
    before = snapshot()
    response = client.post(
        f"/plans/items/{item.pk}/edit/",
        item_post(
            row_version=item.row_version, status="dropped", dropped_reason=f"ตามคำขอของ {ID}"
        ),
    )
    assert (
        response.status_code == 422
        and REFUSED in response.context["form"].errors["dropped_reason"][0]
    )
    assert snapshot() == before


def test_a_thirteen_digit_number_that_is_no_id_is_kept(login, plan_with_items):
    client = login("village-52010101")
    item = plan_with_items.versions.get().items.get(mode="joint")
    response = client.post(
        f"/plans/items/{item.pk}/edit/",
        item_post(row_version=item.row_version, description=f"เลขที่สัญญา {NOT_AN_ID}"),
    )
    assert response.status_code == 302
    assert PlanItem.objects.get(pk=item.pk).description == f"เลขที่สัญญา {NOT_AN_ID}"


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("name", "นายดำ ขยัน | ประธาน"),
        ("people", f"นายดำ ขยัน {ID} | ประธาน"),
        ("people", f"นายดำ ขยัน | {CARD}"),
    ],
)
def test_working_group_refuses_an_id_in_its_name_or_members(login, plan_with_items, name, people):
    group = WorkingGroup.objects.get(area_id="52010101", kind="economy")
    client = login("village-52010101")
    before = snapshot()
    response = client.post(
        f"/areas/52010101/working-groups/?edit={group.pk}",
        {
            "group": str(group.pk),
            "name": f"คณะทำงาน {ID}" if name == "name" else group.name,
            "people": people,
            "row_version": str(group.row_version),
        },
    )
    assert response.status_code == 422
    assert list(response.context["form"].errors) == [name]
    assert REFUSED in response.context["form"].errors[name][0]
    assert snapshot() == before


@pytest.mark.parametrize(
    "typed",
    [
        {"facilitators": f"นางบุญศรี ใจดี {ID} | ศอช.ต."},
        {"facilitators": f"นางบุญศรี ใจดี | {THAI}"},
        {"note": f"ให้ติดต่อ {CARD}"},
        {"override_reason": f"ตามที่ {ID} เสนอ"},
    ],
)
def test_review_refuses_an_id_and_moves_nothing(login, plan_with_items, committee, typed):
    version = plan_with_items.versions.get()
    if "override_reason" in typed:  # asked for only below the self-reliance threshold
        item_create(user=committee, version=version, data=data("ขอไฟฟ้าส่องสว่าง", "request"))
    version_transition(user=None, version=version, target="submitted")
    client = login("officer-520101")
    before = snapshot()
    response = client.post(
        f"/plans/versions/{version.pk}/transition/", {"target": "reviewed", **typed}
    )
    (name,) = typed
    assert response.status_code == 422
    assert REFUSED in response.context["refused"].errors[name][0]
    assert REFUSED in response.content.decode()  # shown under the text box
    assert snapshot() == before


def test_revision_reason_with_an_id_is_refused(login, plan_with_items, committee, officer):
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date.today(),
        attendance=30,
    )
    before = snapshot()
    response = login("village-52010101").post(
        f"/plans/{plan_with_items.pk}/revise/", {"kind": "addition", "reason": f"ตามคำขอ {ID}"}
    )
    assert response.status_code == 302 and snapshot() == before
    page = login("village-52010101").get("/areas/52010101/plan/").content.decode()
    assert REFUSED in page


@pytest.fixture
def approved_item(plan_with_items, committee, officer):  # type: ignore[no-untyped-def]
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date.today() - timedelta(days=1),
        attendance=60,
    )
    return version.items.get(mode="self")


@pytest.mark.parametrize(
    ("form", "name", "post"),
    [
        ("monitors", "people", {"people": f"นางคำ ดีงาม | {ID}"}),
        ("progress", "note", {"percent_done": "20", "note": f"นาย ก. ({CARD}) ช่วย"}),
        ("progress", "caption", {"percent_done": "20", "caption": f"ภาพ {ID}"}),
        ("evaluation", "lessons", {"kpi_reached": "1", "satisfaction": "4", "lessons": THAI}),
    ],
)
def test_monitoring_and_evaluation_refuse_an_id(login, approved_item, form, name, post):
    client = login("village-52010101")
    before = snapshot()
    today = date.today().isoformat()
    response = client.post(
        f"/plans/items/{approved_item.pk}/",
        {
            "form": form,
            "reported_on": today,
            "evaluated_on": today,
            "row_version": "0" if form == "evaluation" else str(approved_item.monitors_version),
            **post,
        },
    )
    assert response.status_code == 422
    errors = response.context[f"{form}_form"].errors
    assert list(errors) == [name] and REFUSED in errors[name][0]
    assert snapshot() == before


# --- The services refuse them too, whoever calls ------------------------------------------------


def field_of(refused: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(refused.value.message_dict)


def test_services_refuse_ids_on_the_field_they_name(approved_item, plan_with_items, committee):
    before = snapshot()
    village = plan_with_items.area
    version = approved_item.version
    calls = {
        "people": lambda: monitors_set(user=committee, item=approved_item, people=[("ก", ID)]),
        "note": lambda: progress_report_add(
            user=committee,
            item=approved_item,
            reported_on=date.today(),
            percent_done=5,
            note=CARD,
        ),
        "lessons": lambda: evaluation_save(
            user=committee,
            item=approved_item,
            evaluated_on=date.today(),
            kpi_reached=True,
            satisfaction=3,
            lessons=ID,
        ),
        "facilitators": lambda: facilitators_set(
            user=committee, version=version, people=[(f"นาง ข {ID}", "", True)]
        ),
        "name": lambda: working_group_save(user=committee, area=village, name=f"กลุ่ม {ID}"),
        "dropped_reason": lambda: item_status_set(
            user=committee, item=approved_item, status="dropped", dropped_reason=ID
        ),
        "reason": lambda: revision_start(
            user=committee, plan=plan_with_items, kind="addition", reason=ID
        ),
    }
    for name, call in calls.items():
        with pytest.raises(ValidationError) as refused:
            call()
        assert field_of(refused) == [name], name
    assert snapshot() == before


def test_item_services_refuse_ids_in_any_text_and_problem_titles(empty_village_plan, committee):
    version = empty_village_plan.versions.get()
    with pytest.raises(ValidationError) as refused:
        item_create(user=committee, version=version, data=data("ถนน", "self", kpi=ID))
    assert field_of(refused) == ["kpi"]
    with pytest.raises(ValidationError) as refused:
        item_create(
            user=committee,
            version=version,
            data=data("ถนน", "self", problems=[("bmn:22", f"ครัวเรือน {ID}", None, None)]),
        )
    assert field_of(refused) == ["problems"]
    assert not version.items.exists()


# --- The Excel import --------------------------------------------------------------------------


def test_excel_import_names_the_row_and_column_of_an_id(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(version)))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[3]]
    description = headers.index("รายละเอียด") + 1
    kpi = headers.index("ตัวชี้วัด (KPI)") + 1
    sheet.cell(row=4, column=description, value=f"ประสานงานโดย {CARD}")
    sheet.cell(row=6, column=kpi, value=int(ID))  # typed as a number: Excel keeps it one
    sheet.cell(row=5, column=kpi, value=f"ครัวเรือน {NOT_AN_ID}")  # 13 digits but no ID
    path = tmp_path / "plan.xlsx"
    book.save(path)
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        plan_import(user=committee, version=version, path=path)
    found = [(p.row, p.column) for p in rejected.value.problems]
    assert found == [(4, "รายละเอียด"), (6, "ตัวชี้วัด (KPI)")]
    problem = rejected.value.problems[0]
    assert REFUSED in problem.th and "citizen ID" in problem.en and ID not in problem.th
    assert snapshot() == before


def test_csv_import_refuses_thai_digit_ids(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    path = tmp_path / "plan.csv"
    path.write_text(
        "โครงการ/กิจกรรม,วิธีดำเนินการ,ด้านการพัฒนา,วัสดุ/สิ่งของสมทบ\n"
        "ปลูกป่าชุมชน,ทำเอง,เศรษฐกิจ,กล้าไม้\n"
        f"ทำปุ๋ยหมัก,ทำเอง,เศรษฐกิจ,มูลวัวจากนาย ก. {THAI}\n",
        encoding="utf-8",
    )
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        plan_import(user=committee, version=version, path=path)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(3, "วัสดุ/สิ่งของสมทบ")]
    assert snapshot() == before
    # The same file without the ID imports (the check refuses IDs, not the file).
    path.write_text(path.read_text(encoding="utf-8").replace(THAI, "").strip(), encoding="utf-8")
    outcome = plan_import(user=committee, version=version, path=path)
    assert outcome.created == 2 and outcome.deleted == 3
    assert Decimal(0) == sum((i.total_budget for i in version.items.all()), Decimal(0))
