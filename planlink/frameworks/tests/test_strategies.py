"""Strategy frameworks: the national ones loaded, who owns each kind, the tree edited node by
node and from a file (validated first, all-or-nothing), versions for later years."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area, LocalGovernment
from planlink.core.tabular import ImportRejected
from planlink.frameworks import selectors, services
from planlink.frameworks.models import Framework, FrameworkKind, FrameworkNode
from planlink.plans.models import ItemAlignment, PlanItem

pytestmark = pytest.mark.django_db
SAMPLE = (
    Path(__file__).resolve().parents[3] / "docs" / "samples" / "provincial-strategy-sample.xlsx"
)


def user(name: str) -> User:
    return User.objects.get(username=name)


def _empty_province_plan(who: str | None = "province") -> Framework:
    Framework.objects.filter(kind=FrameworkKind.PROVINCE).delete()
    return services.framework_create(
        user=user(who) if who else None,
        area=Area.objects.get(code="52"),
        data=services.FrameworkData(FrameworkKind.PROVINCE, "แผนพัฒนาจังหวัดลำปาง", 2566, 2570),
    )


def test_the_national_frameworks_are_loaded_with_every_node():
    counts = {
        f.kind: f.nodes.count()
        for f in Framework.objects.filter(area__isnull=True, local_government__isnull=True)
    }
    assert counts == {"national_strategy": 6, "master_plan": 23, "nesdp": 13}
    plans = Framework.objects.get(kind="master_plan")
    assert [n.code for n in selectors.tree(plans)][:3] == ["1", "2", "3"]
    assert selectors.tree(plans)[-1].code == "23"  # 23 after 3: outline order, not text


def test_an_items_area_sees_the_national_province_district_and_local_frameworks():
    lg = LocalGovernment.objects.filter(villages__code="52010101").exclude(kind="pao").first()
    assert lg is not None
    local = services.framework_create(
        user=None,
        local_government=lg,
        data=services.FrameworkData(FrameworkKind.LOCAL, f"ยุทธศาสตร์{lg.name_th}", 2566, 2570),
    )
    kinds = [f.kind for f in selectors.frameworks_for(area_code="52010101", fiscal_year=2570)]
    assert kinds[:3] == ["national_strategy", "master_plan", "nesdp"]
    assert "province" in kinds and "district" in kinds and kinds[-1] == "local"
    assert local in selectors.frameworks_for(area_code="52010101", fiscal_year=2570)
    other = selectors.frameworks_for(area_code="52020101", fiscal_year=2570)
    assert local not in other and not any(f.area_id == "5201" for f in other)
    # A year the NESDP 13 does not cover.
    assert "nesdp" not in [
        f.kind for f in selectors.frameworks_for(area_code="52", fiscal_year=2572)
    ]


def test_the_sample_file_imports_a_tree_and_importing_again_keeps_every_node():
    plan = _empty_province_plan()
    result = services.framework_import(user=user("province"), framework=plan, path=SAMPLE)
    assert (result.added, result.changed, result.removed) == (16, 0, 0)
    by_code = {n.code: n for n in plan.nodes.all()}
    assert by_code["4.1"].parent == by_code["4"] and by_code["1"].parent is None
    assert "ถนน" in by_code["4.1"].keyword_list()
    again = services.framework_import(user=user("province"), framework=plan, path=SAMPLE)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    assert {n.code: n.pk for n in plan.nodes.all()} == {c: n.pk for c, n in by_code.items()}


def _book(tmp_path: Path, rows: list[tuple[object, ...]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["แผนพัฒนาจังหวัด"])
    sheet.append(["เลขที่", "ชื่อ", "คำสำคัญ"])
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_a_bad_file_names_each_row_and_column_and_writes_nothing(tmp_path):
    plan = _empty_province_plan()
    services.node_save(user=None, framework=plan, data=services.NodeData("9", "ยุทธศาสตร์เดิม"))
    path = _book(
        tmp_path,
        [
            ("๑", "ยุทธศาสตร์ที่หนึ่ง", ""),  # Thai digits are fine
            ("1.1", "", ""),  # no title
            ("1..2", "แผนงาน", ""),  # not an outline number
            ("2.1", "แผนงานที่ไม่มีแม่", ""),  # 2 is not in the file
            ("๑", "ซ้ำ", ""),  # repeats row 3
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        services.framework_import(user=user("province"), framework=plan, path=path)
    problems = {(p.row, p.column): p for p in caught.value.problems}
    assert set(problems) == {(4, "ชื่อ"), (5, "เลขที่"), (6, "เลขที่"), (7, "เลขที่")}
    assert "2.1" in problems[(6, "เลขที่")].en and "row 3" in problems[(7, "เลขที่")].en
    assert all(p.th and p.en for p in caught.value.problems)
    assert list(plan.nodes.values_list("code", flat=True)) == ["9"]


def test_a_node_with_aligned_items_is_kept(tmp_path):
    plan = _empty_province_plan()
    node = services.node_save(user=None, framework=plan, data=services.NodeData("1", "เดิม"))
    item = PlanItem.objects.first()
    assert item is not None
    ItemAlignment.objects.create(lineage=item.lineage, node=node)
    with pytest.raises(ImportRejected, match="aligned"):
        services.framework_import(
            user=user("province"), framework=plan, path=_book(tmp_path, [("2", "ใหม่", "")])
        )
    with pytest.raises(ValidationError):
        services.node_delete(user=user("province"), node=node)
    assert FrameworkNode.objects.filter(pk=node.pk).exists()


def test_nodes_need_their_parent_and_keep_their_number_once_they_have_children():
    plan = _empty_province_plan()
    with pytest.raises(ValidationError):
        services.node_save(user=None, framework=plan, data=services.NodeData("1.1", "แผนงาน"))
    top = services.node_save(user=None, framework=plan, data=services.NodeData("1", "ยุทธศาสตร์"))
    services.node_save(user=None, framework=plan, data=services.NodeData("1.1", "แผนงาน"))
    with pytest.raises(ValidationError):
        services.node_save(user=None, framework=plan, data=services.NodeData("2", "ย้าย"), node=top)
    with pytest.raises(ValidationError):  # the same number twice
        services.node_save(user=None, framework=plan, data=services.NodeData("1.1", "ซ้ำ"))


def test_a_new_version_copies_the_tree_and_cannot_overlap_the_old():
    plan = _empty_province_plan()
    services.framework_import(user=None, framework=plan, path=SAMPLE)
    with pytest.raises(ValidationError):
        services.framework_new_version(user=None, framework=plan, first_year=2570, last_year=2574)
    new = services.framework_new_version(user=None, framework=plan, first_year=2571, last_year=2575)
    assert new.nodes.count() == 16
    assert new.nodes.get(code="4.1").parent == new.nodes.get(code="4")
    assert selectors.frameworks_for(area_code="52", fiscal_year=2572)[-1] == new


def _holder(role: Role, area: str) -> User:
    holder = User.objects.create(username=f"fw-{role}-{area}")
    RoleAssignment.objects.create(user=holder, role=role, area_id=area)
    return holder


@pytest.mark.parametrize(
    ("kind", "owner", "allowed", "denied"),
    [
        (FrameworkKind.PROVINCE, "52", ["province", "admin"], ["amphoe-5201", "officer-520101"]),
        (FrameworkKind.DISTRICT, "5201", ["amphoe-5201", "admin"], ["province", "district-5201"]),
        (FrameworkKind.NATIONAL_STRATEGY, None, ["admin"], ["province", "amphoe-5201"]),
    ],
)
def test_who_owns_each_kind_of_framework(kind, owner, allowed, denied):
    Framework.objects.filter(kind=kind, area_id=owner, first_year=2590).delete()
    area = Area.objects.get(code=owner) if owner else None
    data = services.FrameworkData(kind, "ยุทธศาสตร์ทดสอบ", 2590, 2594)
    for name in denied:
        with pytest.raises(PermissionDenied):
            services.framework_create(user=user(name), area=area, data=data)
    assert not Framework.objects.filter(kind=kind, area_id=owner, first_year=2590).exists()
    for name in allowed:
        made = services.framework_create(user=user(name), area=area, data=data)
        services.node_save(user=user(name), framework=made, data=services.NodeData("1", "ข้อ 1"))
        made.delete()
    other = _holder(Role.DISTRICT_ADMIN_OFFICE, "5202")
    if kind == FrameworkKind.DISTRICT:
        with pytest.raises(PermissionDenied):
            services.framework_create(user=other, area=area, data=data)


def test_a_local_governments_strategy_is_its_planners():
    planner = user("lao-3520101")
    lg = RoleAssignment.objects.get(user=planner).local_government
    assert lg is not None
    data = services.FrameworkData(FrameworkKind.LOCAL, "ยุทธศาสตร์การพัฒนา", 2566, 2570)
    Framework.objects.filter(local_government=lg).delete()
    with pytest.raises(PermissionDenied):
        services.framework_create(user=user("amphoe-5201"), local_government=lg, data=data)
    made = services.framework_create(user=planner, local_government=lg, data=data)
    assert selectors.can_edit(planner, made) and selectors.readable(planner, made)
    assert not selectors.can_edit(user("province"), made)
