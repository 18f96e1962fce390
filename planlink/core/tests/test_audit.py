import pytest

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.accounts.services import role_grant, role_revoke
from planlink.areas.models import Area, LocalGovernmentKind
from planlink.areas.services import local_government_save
from planlink.core.audit import area_history

pytestmark = pytest.mark.django_db


def rename(code: str, name: str, user) -> None:
    area = Area.objects.get(code=code)
    area.name_th = name
    area._history_user = user
    area.save()


def test_a_change_records_who_when_before_and_after():
    officer = User.objects.get(username="district-5201")
    old = Area.objects.get(code="52010102").name_th
    rename("52010102", "บ้านใหม่สามัคคี", officer)
    entry = area_history("520101")[0]
    assert entry.who == "district-5201"
    assert entry.action == "~"
    assert [(c.before, c.after) for c in entry.changes] == [(old, "บ้านใหม่สามัคคี")]


def test_history_is_scoped_to_the_area():
    officer = User.objects.get(username="province")
    rename("52020101", "บ้านแม่เมาะหลวง", officer)
    assert any(e.object_label.endswith("บ้านแม่เมาะหลวง") for e in area_history("5202"))
    assert not any("บ้านแม่เมาะหลวง" in e.object_label for e in area_history("5201"))


def test_roles_and_coverage_changes_are_recorded():
    admin = User.objects.get(username="admin")
    holder = User.objects.create_user("new-officer")
    assignment = role_grant(
        user=admin, holder=holder, role=Role.CD_OFFICER, area=Area.objects.get(code="520102")
    )
    entries = area_history("520102")
    assert entries[0].who == "admin" and entries[0].action == "+"
    assert any(c.after == "new-officer" for c in entries[0].changes)
    role_revoke(user=admin, assignment=assignment)
    assert area_history("520102")[0].action == "-"
    assert not RoleAssignment.objects.filter(user=holder).exists()

    local_government_save(
        user=admin,
        code="6520102",
        kind=LocalGovernmentKind.SAO,
        name_th="อบต.ทดสอบ",
        seat=Area.objects.get(code="520102"),
        village_codes=["52010201"],
    )
    village_entries = area_history("52010201")
    assert village_entries[0].who == "admin"
    assert village_entries[0].model_label in {"coverage", "ความครอบคลุม"}


def test_history_page_shows_the_change(login):
    officer = User.objects.get(username="district-5201")
    rename("52010103", "บ้านทดสอบประวัติ", officer)
    body = login("officer-520101").get("/areas/520101/history/").content.decode()
    assert "บ้านทดสอบประวัติ" in body and "district-5201" in body


def test_history_page_pages_backwards(login):
    officer = User.objects.get(username="province")
    for n in range(60):
        rename("52010104", f"บ้านชื่อที่ {n}", officer)
    client = login("province")
    first = client.get("/areas/52010104/history/")
    assert first.context["older"] is not None
    second = client.get("/areas/52010104/history/", {"before": first.context["older"]})
    assert second.status_code == 200
    assert second.context["entries"][0].when <= first.context["entries"][-1].when


def test_a_long_reason_is_cut_at_a_word_to_fit_the_audit_column():
    from planlink.core.audit import CHANGE_REASON_LENGTH, change_reason

    long = "งานเดียวกัน: ขุดลอก ลำเหมือง; ที่เดียวกัน: ลำเหมืองหลวง; " * 5
    cut = change_reason(long)
    assert len(cut) <= CHANGE_REASON_LENGTH and cut.endswith("…")
    assert long.startswith(cut[:-1])
    assert change_reason("  short   reason ") == "short reason"
