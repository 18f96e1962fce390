"""The consolidation engine on real-looking village items (integration.engine.consolidate)."""

from __future__ import annotations

from decimal import Decimal

from planlink.integration.engine.consolidate import (
    NEED,
    PROGRAMME,
    SourceItem,
    consolidate,
)

NAMES = dict(
    enumerate(
        [
            "",
            "บ้านหัวฝาย",
            "บ้านทุ่งฝาง",
            "บ้านแม่ตาล",
            "บ้านป่าตัน",
            "บ้านสันลัว",
            "บ้านดอนไชย",
            "บ้านห้วยเย็น",
            "บ้านปงดอน",
            "บ้านป่าตาล",
        ]
    )
)


def _i(key: int, moo: int, title: str, mode: str = "request", budget: int = 0) -> SourceItem:
    return SourceItem(
        key=key,
        village=f"520101{moo:02d}",
        moo=moo,
        village_name=NAMES[moo],
        title=title,
        mode=mode,
        budget=Decimal(budget),
    )


def _by_keys(result):  # type: ignore[no-untyped-def]
    return {tuple(sorted(m.key for m in g.members)): g for g in result.groups}


def test_three_villages_dredging_one_stream_become_one_need_listing_the_three():
    result = consolidate(
        [
            _i(1, 3, "ขุดลอกลำเหมืองหลวง หมู่ที่ 3", budget=150_000),
            _i(2, 5, "โครงการขุดลอกลำเหมืองหลวง ม.5", budget=200_000),
            _i(3, 7, "ขุดลอก ลำเหมืองหลวง บ้านห้วยเย็น หมู่ที่ ๗", mode="joint", budget=50_000),
        ]
    )
    [group] = result.groups
    assert group.kind == NEED
    assert group.villages == ("52010103", "52010105", "52010107")
    assert group.budget == Decimal(400_000)
    assert group.title == "ขุดลอกลำเหมืองหลวง หมู่ที่ 3, 5 และ 7"
    assert "ที่เดียวกัน: ลำเหมืองหลวง" in group.explanation
    assert "หมู่บ้านที่ขอ: บ้านแม่ตาล (หมู่ที่ 3), บ้านสันลัว (หมู่ที่ 5), บ้านห้วยเย็น (หมู่ที่ 7)" in (group.explanation)


def test_each_villages_own_lane_repair_is_a_programme_with_its_lines():
    result = consolidate(
        [
            _i(1, 2, "ซ่อมแซมถนน คสล. ซอย 3 หมู่ที่ 2"),
            _i(2, 4, "ซ่อมแซมถนน คสล. ซอย 3 หมู่ที่ 4"),
            _i(3, 4, "ปรับปรุงถนน คสล. ซอย 7 หมู่ที่ 4"),
            _i(4, 9, "ซ่อมแซมถนนคอนกรีตเสริมเหล็ก ซอย 1 บ้านป่าตาล หมู่ที่ 9"),
        ]
    )
    [group] = result.groups
    assert group.kind == PROGRAMME
    assert [m.key for m in group.members] == [1, 2, 3, 4]  # every village's line kept
    assert group.title == "ซ่อมแซมถนนคอนกรีตเสริมเหล็กในหมู่บ้าน"
    assert "3 หมู่บ้าน" in group.explanation and "รายการย่อย" in group.explanation


def test_the_same_lane_asked_twice_in_one_village_is_one_need_inside_the_programme_block():
    result = consolidate(
        [
            _i(1, 4, "ปรับปรุงถนน คสล. ซอย 3 หมู่ที่ 4"),
            _i(2, 4, "ซ่อมแซมถนนคอนกรีตเสริมเหล็ก ซอย 3 หมู่ที่ 4"),
        ]
    )
    [group] = result.groups
    assert group.kind == NEED and len(group.members) == 2


def test_another_section_soi_or_stream_is_another_need():
    result = consolidate(
        [
            _i(1, 3, "ก่อสร้างรางระบายน้ำ คสล. แบบมีฝาปิด ช่วงที่ 1 หมู่ที่ 3"),
            _i(2, 3, "ก่อสร้างรางระบายน้ำ ค.ส.ล. แบบมีฝาปิด ช่วงที่ 2 หมู่ที่ 3"),
            _i(3, 5, "ขุดลอกลำห้วยแม่ตาล หมู่ที่ 5"),
            _i(4, 6, "ขุดลอกลำห้วยแม่ต๋อม หมู่ที่ 6"),
        ]
    )
    needs = [g for g in result.groups if g.kind == NEED]
    assert sorted(len(g.members) for g in needs) == [1, 1]  # the two sections
    # The two villages' own creeks: one dredging programme, each creek its own line.
    [programme] = [g for g in result.groups if g.kind == PROGRAMME]
    assert [m.key for m in programme.members] == [3, 4]


def test_a_stream_spelled_with_and_without_its_tone_mark_is_one_stream():
    [group] = consolidate(
        [_i(1, 5, "ขุดลอกลำห้วยแม่ต๋อม หมู่ที่ 5"), _i(2, 6, "ขุดลอกลำห้วยแม่ตอม ม.6")]
    ).groups
    assert group.kind == NEED and len(group.villages) == 2


def test_a_route_between_two_villages_is_the_same_whichever_end_comes_first():
    [group] = consolidate(
        [
            _i(1, 3, "ก่อสร้างถนน คสล. สายบ้านแม่ตาล – บ้านป่าตัน หมู่ที่ 3"),
            _i(
                2,
                4,
                "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านป่าตัน-บ้านแม่ตาล ม.4 "
                "กว้าง 5 เมตร ยาว 320 เมตร หนา 0.15 เมตร",
            ),
        ]
    ).groups
    assert group.kind == NEED and len(group.villages) == 2


def test_an_activity_asked_by_several_villages_is_one_need_but_not_across_subjects():
    groups = _by_keys(
        consolidate(
            [
                _i(1, 2, "ส่งเสริมการปลูกผักปลอดสารพิษ"),
                _i(2, 6, "โครงการส่งเสริมการปลูกผักปลอดสารพิษในครัวเรือน หมู่ที่ 6"),
                _i(3, 4, "ฝึกอบรมการเพาะเห็ดนางฟ้า"),
                _i(4, 8, "ฝึกอบรมการเพาะเห็ดฟาง"),
            ]
        )
    )
    assert (1, 2) in groups and groups[(1, 2)].kind == NEED
    assert "กิจกรรมเดียวกัน" in groups[(1, 2)].explanation
    assert (3,) in groups and (4,) in groups


def test_self_done_items_stay_in_the_village_and_are_counted():
    result = consolidate(
        [
            _i(1, 2, "คัดแยกขยะในครัวเรือน", mode="self"),
            _i(2, 2, "ปลูกป่าชุมชน", mode="self"),
            _i(3, 5, "รณรงค์ป้องกันไข้เลือดออก", mode="self"),
            _i(4, 5, "ขุดลอกหนองบัว หมู่ที่ 5"),
        ]
    )
    assert result.self_done == {"52010102": 2, "52010105": 1}
    assert [m.key for g in result.groups for m in g.members] == [4]


def test_every_item_sent_up_lands_in_exactly_one_group():
    items = [
        _i(k, 1 + k % 6, t)
        for k, t in enumerate(
            [
                "ซ่อมแซมถนน คสล. ซอย 2 หมู่ที่ 1",
                "ขุดลอกลำเหมืองหลวง",
                "ขุดลอกลำเหมืองหลวง ช่วงที่ 2",
                "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (โซล่าเซลล์)",
                "ติดตั้งไฟฟ้าส่องสว่างโซล่าเซลล์",
                "ขยายเขตประปาหมู่บ้าน",
                "ซ่อมแซมศาลาอเนกประสงค์",
                "ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่ตุ๋ย",
                "จัดงานวันผู้สูงอายุ",
                "อะไรสักอย่างที่ไม่รู้จัก",
            ]
        )
    ]
    result = consolidate(items)
    placed = sorted(m.key for g in result.groups for m in g.members)
    assert placed == [i.key for i in items]
