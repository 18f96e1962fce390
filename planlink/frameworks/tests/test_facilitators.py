"""The tambons' trained facilitators: kept by the CD officers and offices of the area (names
only), read by whoever sees the area, picked by the officer on a village plan's review."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.demo.facilitators import demo_frameworks_load
from planlink.frameworks import selectors, services
from planlink.frameworks.models import Deadline, LearningMedium, TrainedFacilitator
from planlink.plans.models import Facilitator
from planlink.plans.services import version_transition

pytestmark = pytest.mark.django_db
CITIZEN_ID = "1101700230708"  # a valid check digit


def _save(username: str | None, tambon: str, name: str, **extra: object) -> TrainedFacilitator:
    return services.facilitator_save(
        user=User.objects.get(username=username) if username else None,
        tambon=Area.objects.get(code=tambon),
        data=services.FacilitatorData(name=name, **extra),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("username", "tambon"),
    [
        ("officer-520101", "520101"),  # the tambon's officer
        ("district-5201", "520102"),  # the district CD office, any of its tambons
        ("province", "520201"),  # the provincial CD office
    ],
)
def test_the_cd_officers_and_offices_register_facilitators(username, tambon):
    row = _save(
        username,
        tambon,
        "  นางบัวคำ   ใจคำ ",
        organisation="ศอช.ต.",
        course="หลักสูตรวิทยากรกระบวนการ รุ่นที่ 2",
        trained_on=date(2025, 6, 1),
    )
    assert (row.name, row.tambon_id, row.active) == ("นางบัวคำ ใจคำ", tambon, True)
    assert row.history.first().history_user.username == username
    services.facilitator_save(
        user=User.objects.get(username=username),
        tambon=row.tambon,
        facilitator=row,
        data=services.FacilitatorData(name=row.name, active=False),
    )
    row.refresh_from_db()
    assert not row.active and row.history.count() == 2


@pytest.mark.parametrize(
    ("username", "tambon"),
    [
        ("officer-520101", "520102"),  # another tambon's
        ("tambon-520101", "520101"),  # the ศอช.ต. uses the list, the officers keep it
        ("village-52010101", "520101"),
        ("amphoe-5201", "520101"),  # the district administration office
        ("lao-3520101", "520101"),
    ],
)
def test_others_do_not_change_the_list(username, tambon):
    existing = _save(None, tambon, "นายสมชาย ปินตา")
    before = list(TrainedFacilitator.objects.values_list("pk", "name", "active"))
    user = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        _save(username, tambon, "นายใหม่ ไม่มีสิทธิ์")
    with pytest.raises(PermissionDenied):
        services.facilitator_save(
            user=user,
            tambon=existing.tambon,
            facilitator=existing,
            data=services.FacilitatorData(name="เปลี่ยนชื่อ"),
        )
    with pytest.raises(PermissionDenied):
        services.facilitator_remove(user=user, facilitator=existing)
    assert list(TrainedFacilitator.objects.values_list("pk", "name", "active")) == before


def test_names_only_never_a_citizen_id_and_one_name_per_tambon():
    with pytest.raises(ValidationError, match="เลขประจำตัวประชาชน") as refused:
        _save("officer-520101", "520101", f"นายสมชาย {CITIZEN_ID}")
    assert CITIZEN_ID not in str(refused.value)  # named by its last four digits only
    with pytest.raises(ValidationError, match="เลขประจำตัวประชาชน"):
        _save("officer-520101", "520101", "นายสมชาย", organisation=f"เลข {CITIZEN_ID}")
    _save("officer-520101", "520101", "นายสมชาย ปินตา")
    with pytest.raises(ValidationError, match="มีวิทยากรชื่อนี้แล้ว"):
        _save("officer-520101", "520101", "นายสมชาย  ปินตา")
    with pytest.raises(ValidationError, match="ตำบล"):
        _save(None, "5201", "นายก")  # registered with a tambon, not a district
    assert TrainedFacilitator.objects.filter(tambon_id="520101").count() == 1


def test_the_page_lists_by_tambon_and_lets_the_officer_keep_it(login):
    _save(None, "520101", "นางศรีนวล คำมูล", organisation="บ้านหนองหล่ม")
    _save(None, "520102", "นายอุดม แสนคำ")
    officer = login("officer-520101")
    page = officer.get("/areas/520101/facilitators/")
    body = page.content.decode()
    assert page.status_code == 200 and "นางศรีนวล คำมูล" in body and "นายอุดม" not in body
    assert 'name="name"' in body
    response = officer.post(
        "/areas/520101/facilitators/",
        {"tambon": "520101", "name": "นายวีระ ต๊ะวิชัย", "trained_on": "12/02/2568", "active": "on"},
    )
    assert response.status_code == 302
    added = TrainedFacilitator.objects.get(name="นายวีระ ต๊ะวิชัย")
    assert added.trained_on == date(2025, 2, 12) and added.active
    forged = officer.post(
        "/areas/520101/facilitators/", {"tambon": "520102", "name": "นายปลอม", "active": "on"}
    )
    assert forged.status_code == 422  # not a tambon of this page's choices
    assert not TrainedFacilitator.objects.filter(name="นายปลอม").exists()

    district = login("district-5201").get("/areas/5201/facilitators/")
    assert {"นางศรีนวล คำมูล", "นายอุดม แสนคำ"} <= {
        f.name for _t, people in district.context["groups"] for f in people
    }
    body = district.content.decode()
    assert '<select name="tambon"' in body and 'value="520102"' in body  # any of its tambons
    assert 'value="520201"' not in body  # another district's
    for username, code in (("tambon-520101", "520101"), ("village-52010101", "52010101")):
        client = login(username)
        body = client.get(f"/areas/{code}/facilitators/").content.decode()
        assert "นางศรีนวล คำมูล" in body and 'name="name"' not in body
        post = client.post(f"/areas/{code}/facilitators/", {"tambon": "520101", "name": "x"})
        assert post.status_code == 403
        remove = client.post(f"/areas/{code}/facilitators/{added.pk}/remove/")
        assert remove.status_code == 403
    assert not TrainedFacilitator.objects.filter(name="x").exists()
    assert TrainedFacilitator.objects.filter(pk=added.pk).exists()
    assert login("officer-520101").get("/areas/520102/facilitators/").status_code == 403


def test_the_officer_picks_registered_facilitators_on_the_review(login, plan_with_items):
    mine = _save(None, "520101", "นางสาวมณี อินทร์ปัญญา", organisation="ศอช.ต.เวียงเหนือ")
    other = _save(None, "520102", "นายอื่น ตำบลอื่น")
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    officer = login("officer-520101")
    page = officer.get("/areas/52010101/plan/").content.decode()
    assert f'name="registered" value="{mine.pk}"' in page
    assert f'name="registered" value="{other.pk}"' not in page and "นายอื่น" not in page
    response = officer.post(
        f"/plans/versions/{version.pk}/transition/",
        {
            "target": "reviewed",
            "from_status": "submitted",
            "facilitators": "นายสมศักดิ์ ขันแก้ว | ผู้นำ อช.",
            "registered": [str(mine.pk), str(other.pk), "junk"],
            "override_reason": "ทบทวนแล้ว",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert sorted(
        Facilitator.objects.filter(version=version).values_list("name", "organisation")
    ) == [
        ("นางสาวมณี อินทร์ปัญญา", "ศอช.ต.เวียงเหนือ"),
        ("นายสมศักดิ์ ขันแก้ว", "ผู้นำ อช."),
    ]  # the other tambon's facilitator is ignored


def test_the_demo_loads_calendar_media_and_facilitators_once():
    today = date(2026, 12, 2)
    Deadline.objects.filter(province_id="52", fiscal_year=2570).delete()
    added = demo_frameworks_load(province="52", today=today)
    assert added["deadlines"] == 4 and added["media"] >= 3 and added["facilitators"] > 0
    assert set(Deadline.objects.filter(fiscal_year=2570).values_list("is_demo", flat=True)) == {
        True
    }
    media = LearningMedium.objects.filter(province_id="52", is_demo=True)
    assert media.exclude(file="").count() == 1  # one generated PDF, the rest are links
    pdf = media.exclude(file="").get()
    assert pdf.file.open("rb").read(5) == b"%PDF-"
    tambons = set(
        Area.objects.filter(code__startswith="52", level=4, is_demo=True).values_list(
            "parent_id", flat=True
        )
    )
    per_tambon = {
        t: TrainedFacilitator.objects.filter(tambon_id=t, is_demo=True).count() for t in tambons
    }
    assert per_tambon and all(2 <= n <= 4 for n in per_tambon.values())
    assert selectors.facilitators_of("520101")
    assert demo_frameworks_load(province="52", today=today) == {
        "deadlines": 0,
        "media": 0,
        "facilitators": 0,
    }
