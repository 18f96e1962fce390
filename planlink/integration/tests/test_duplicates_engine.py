"""The duplicate engine across budget sources: same work, same place, overlapping years."""

from __future__ import annotations

from itertools import count

from planlink.core.project_text import analyse
from planlink.integration.engine.duplicates import (
    Entry,
    candidates,
    common_prefix,
    comparable,
    conflict,
    features,
    score,
)

_ids = count(1)


def entry(
    title: str,
    *,
    origin: str = "local",
    area: str = "52010104",
    villages: tuple[str, ...] | None = None,
    years: tuple[int, int] = (2570, 2570),
    group: str | None = None,
    generic: bool = False,
) -> Entry:
    n = next(_ids)
    if villages is None:
        villages = (area,) if len(area) == 8 else ()
    return Entry(
        key=f"{origin}:{n}",
        origin=origin,
        group=group or f"{origin}-group-{n}",
        area=area,
        villages=frozenset(villages),
        first_year=years[0],
        last_year=years[1],
        title=title,
        feats=features(analyse(title)),
        generic=generic,
    )


VILLAGE_ROAD = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", origin="village", years=(2570, 2572))


def test_a_reworded_local_plan_line_is_a_candidate_with_a_thai_reason():
    line = entry(
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย ๕ หมู่ที่ ๔ บ้านแม่มะกอก",
        years=(2568, 2570),
    )
    found = score(VILLAGE_ROAD, line)
    assert found is not None
    assert found.score >= 0.72
    assert found.reason_th == "งานเดียวกัน: ก่อสร้างถนน; ที่เดียวกัน: หมู่ที่ 4 ซอย 5; ปีซ้อนกัน 2570"
    assert "years overlap 2570" in found.reason_en


def test_the_next_soi_is_another_project():
    line = entry("โครงการก่อสร้างถนน ค.ส.ล. ซอย 6 หมู่ที่ 4")
    assert score(VILLAGE_ROAD, line) is None
    assert conflict(VILLAGE_ROAD.feats, line.feats, VILLAGE_ROAD, line) == "soi"


def test_the_next_moo_is_another_project():
    line = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 5", area="52010105")
    assert score(VILLAGE_ROAD, line) is None
    assert conflict(VILLAGE_ROAD.feats, line.feats, VILLAGE_ROAD, line) == "village"


def test_years_that_do_not_overlap_are_another_proposal():
    line = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", years=(2566, 2567))
    assert score(VILLAGE_ROAD, line) is None
    assert not comparable(VILLAGE_ROAD, line)


def test_another_material_or_object_is_another_project():
    asphalt = entry("ก่อสร้างถนนลาดยางแอสฟัลท์ติก ซอย 5 หมู่ที่ 4")
    drain = entry("ก่อสร้างรางระบายน้ำ คสล. ซอย 5 หมู่ที่ 4")
    assert score(VILLAGE_ROAD, asphalt) is None
    assert score(VILLAGE_ROAD, drain) is None


def test_another_section_of_the_same_road_is_another_project():
    first = entry("ปรับปรุงถนนลาดยาง สาย ลป.ถ 1-0012 ช่วงที่ 1", origin="province", area="520101")
    second = entry("ปรับปรุงถนนลาดยาง สาย ลป.ถ 1-0012 ช่วงที่ 2", origin="local", area="520101")
    assert score(first, second) is None


def test_repair_and_improve_of_the_same_road_are_the_same_work():
    village = entry("ซ่อมแซมถนน คสล. ซอย 4 บ้านปงทอง หมู่ที่ 7", origin="village", area="52010107")
    line = entry("โครงการปรับปรุงถนนคอนกรีตเสริมเหล็ก ซอย ๔ หมู่ที่ ๗", area="52010107")
    found = score(village, line)
    assert found is not None and "ซอย 4" in found.reason_th


def test_a_named_water_in_a_wider_area_meets_the_villages_item():
    village = entry("ขุดลอกหนองผาแดง", origin="village", area="52010103")
    provincial = entry(
        "ขุดลอกหนองผาแดง บ้านแม่เหียง ต.เวียงเหนือ อ.เมืองลำปาง",
        origin="province",
        area="5201",
        villages=(),
    )
    found = score(village, provincial)
    assert found is not None and "หนองผาแดง" in found.reason_th


def test_a_similar_but_other_pond_is_not_a_candidate():
    village = entry("ขุดลอกหนองบัว", origin="village", area="52010103")
    other = entry("ขุดลอกหนองบัวคำ หมู่ที่ 3", area="52010103")
    assert score(village, other) is None


def test_the_same_training_is_a_candidate_another_subject_is_not():
    village = entry("ฝึกอบรมอาชีพทำขนมพื้นเมือง (ขนมจ็อกและข้าวแต๋น)", origin="village")
    same = entry("โครงการส่งเสริมอาชีพการทำขนมพื้นเมือง ขนมจ็อก ข้าวแต๋น หมู่ที่ 4")
    other = entry("โครงการฝึกอบรมอาชีพการจักสานไม้ไผ่ หมู่ที่ 4")
    assert score(village, same) is not None
    assert score(village, other) is None


def test_the_village_main_street_is_one_road_however_it_is_written():
    village = entry("ซ่อมแซมถนน คสล. สายกลางบ้านท่าเดื่อ", origin="village", area="52080802")
    line = entry("ปรับปรุงถนนคอนกรีตเสริมเหล็กสายกลางหมู่บ้าน หมู่ที่ 2 บ้านท่าเดื่อ", area="52080802")
    assert score(village, line) is not None


def test_a_road_end_spelt_with_or_without_its_final_vowel_is_one_place():
    village = entry("ก่อสร้างถนน คสล. สายบ้านห้วยเฮี้ย – บ้านทุ่งหก", origin="village")
    line = entry("ก่อสร้างถนน ค.ส.ล. สายบ้านห้วยเฮียะ - บ้านทุ่งหก ระยะทาง 500 เมตร")
    assert score(village, line) is not None


def test_east_and_west_of_a_village_name_are_two_ends():
    line = entry("ก่อสร้างถนน คสล. สายบ้านนาแก้วตะวันออก - บ้านนาแก้วตะวันตก", area="520302")
    other = entry(
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนาแก้วตะวันออก - บ้านหัวทุ่ง ตำบลนาแก้ว",
        origin="province", area="520302",
    )  # fmt: skip
    assert conflict(line.feats, other.feats, line, other) == "route"
    assert score(line, other) is None


def test_a_line_whose_ends_are_named_without_sai_is_the_same_line():
    village = entry("ขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งห้า – ห้วยแม่ตาล", origin="village")
    agency = entry(
        "ขยายเขตระบบจำหน่ายไฟฟ้าเพื่อการเกษตร บ้านทุ่งห้า - ลำห้วยแม่ตาล ต.ห้างฉัตร", origin="agency"
    )
    reservoir = entry("ก่อสร้างถนน คสล. สายบ้านแม่มอกใต้ – อ่างฯ แม่มอก หมู่ที่ 2", origin="village")
    access = entry("ก่อสร้างถนนคอนกรีตเสริมเหล็กเข้าอ่างเก็บน้ำแม่มอก บ้านแม่มอกใต้ หมู่ที่ 2")
    assert score(village, agency) is not None
    assert score(reservoir, access) is not None


def test_a_bridge_over_one_canal_in_two_villages_is_two_bridges():
    village = entry(
        "ก่อสร้างสะพาน คสล. ข้ามลำเหมืองท่าเกวียน บ้านศาลาดอน", origin="village", area="52030404"
    )
    line = entry("ก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามลำเหมืองท่าเกวียน หมู่ที่ 3", area="52030403")
    assert conflict(village.feats, line.feats, village, line) == "village"
    dredge = entry("ขุดลอกลำเหมืองท่าเกวียน บ้านศาลาดอน", origin="village", area="52030404")
    wide = entry("ขุดลอกลำเหมืองท่าเกวียน หมู่ที่ 3, 4", area="520304", villages=("52030403", "52030404"))
    assert score(dredge, wide) is not None


def test_raising_layers_is_not_raising_native_chickens():
    village = entry("ส่งเสริมการเลี้ยงไก่พื้นเมือง", origin="village")
    line = entry("โครงการส่งเสริมอาชีพเลี้ยงไก่ไข่ หมู่ที่ 4")
    same = entry("โครงการส่งเสริมอาชีพการเลี้ยงไก่พื้นเมือง หมู่ที่ 4")
    assert score(village, line) is None
    assert score(village, same) is not None


def test_community_plans_are_not_compared_with_each_other_nor_a_list_with_itself():
    tambon = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", origin="tambon", area="520101")
    assert not comparable(VILLAGE_ROAD, tambon)
    one = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", group="list:1")
    two = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", group="list:1")
    assert not comparable(one, two)


def test_two_other_sources_are_compared_with_each_other():
    local = entry("ก่อสร้างฝายน้ำล้น คสล. ลำห้วยหอย หมู่ที่ 4", origin="local")
    agency = entry("ก่อสร้างฝาย ค.ส.ล. ห้วยหอย บ้านแม่มะกอก ม.4", origin="agency")
    assert score(local, agency) is not None


def test_candidates_blocks_and_focuses():
    line = entry("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 หมู่ที่ 4", years=(2568, 2570))
    elsewhere = entry("ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", area="52020104")  # another tambon
    programme = entry(
        "ก่อสร้างถนนคอนกรีตเสริมเหล็กในหมู่บ้าน", origin="tambon", area="520101", generic=True
    )
    found = candidates([VILLAGE_ROAD, line, elsewhere, programme])
    assert [(c.a, c.b) for c in found] == [tuple(sorted((VILLAGE_ROAD.key, line.key)))]
    assert candidates([VILLAGE_ROAD, line], focus={"nothing"}) == []
    assert len(candidates([VILLAGE_ROAD, line], focus={line.key})) == 1


def test_a_district_wide_line_is_compared_with_the_items_inside_it():
    road = entry("ปรับปรุงถนนลาดยาง สายบ้านแม่เหียง - บ้านปงทอง", origin="village", area="52010103")
    provincial = entry(
        "ปรับปรุงถนนลาดยางแอสฟัลท์ติก สายบ้านปงทอง - บ้านแม่เหียง อ.เมืองลำปาง",
        origin="province",
        area="5201",
        villages=(),
    )
    found = candidates([road, provincial])
    assert len(found) == 1 and "สาย" in found[0].reason_th


def test_common_prefix():
    assert common_prefix("52010104", "52010105") == "520101"
    assert common_prefix("52010104", "5201") == "5201"
    assert common_prefix("52010104", "52010104") == "52010104"
    assert common_prefix("5201", "5302") == "52"


TITLES = [
    "ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย ๕ หมู่ที่ ๔",
    "ก่อสร้างถนน คสล. ซอย 6 หมู่ที่ 4", "ซ่อมแซมถนน คสล. ซอย 5 หมู่ที่ 4",
    "ปรับปรุงถนนคอนกรีตเสริมเหล็ก ซอย 5 หมู่ที่ 4", "ขุดลอกหนองผาแดง", "ขุดลอกหนองผาแดง หมู่ที่ 3",
    "ฝึกอบรมอาชีพทำขนมพื้นเมือง", "ส่งเสริมอาชีพการทำขนมพื้นเมือง หมู่ที่ 4",
    "รณรงค์การทำขนมพื้นเมือง", "จัดซื้อเครื่องออกกำลังกายกลางแจ้งพร้อมติดตั้ง หมู่ที่ 4",
    "ติดตั้งเครื่องออกกำลังกายกลางแจ้ง หมู่ที่ 4", "พัฒนาแหล่งน้ำหนองผาแดง",
    "ก่อสร้างแก้มลิงหนองผาแดง", "ส่งเสริมและพัฒนาผลิตภัณฑ์ผ้าทอพื้นเมือง", "ฝึกอบรมอาชีพทอผ้าพื้นเมือง",
    "ทำแนวกันไฟป่าชุมชน", "จัดทำแนวกันไฟป่าชุมชน หมู่ที่ 4", "ติดตั้งไฟฟ้าส่องสว่าง ซอย 2",
    "ขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งนาหลวง", "งานประจำปีของหมู่บ้าน",
]  # fmt: skip


def test_blocking_never_drops_a_pair_the_score_would_take():
    """candidates() (blocked by tambon, work family and object) finds exactly the pairs a
    comparison of every pair finds."""
    from itertools import combinations

    origins = ("village", "local", "province", "agency", "tambon")
    entries = [
        entry(
            t,
            origin=origins[n % 5],
            area="52010104" if n % 3 else "5201",
            villages=None if n % 3 else (),
        )
        for n, t in enumerate(TITLES * 2)
    ]
    everything = {
        (c.a, c.b)
        for x, y in combinations(entries, 2)
        if comparable(x, y) and (c := score(x, y)) is not None
    }
    assert everything  # the titles hold candidates
    assert {(c.a, c.b) for c in candidates(entries)} == everything


def test_a_part_in_the_details_is_the_whole_repaired_a_part_as_the_object_is_not():
    village = entry("ซ่อมแซมศาลาอเนกประสงค์ประจำหมู่บ้าน หมู่ที่ 4", origin="village")
    details = entry("ปรับปรุงศาลาอเนกประสงค์ หมู่ที่ 4 (เปลี่ยนหลังคาและปูกระเบื้อง)")
    roof = entry("ซ่อมแซมหลังคาศาลาอเนกประสงค์ หมู่ที่ 4")
    assert score(village, details) is not None
    assert conflict(village.feats, roof.feats, village, roof) == "object"
    assert score(roof, details) is not None  # the roof is named in its details


def test_the_spot_a_thing_is_put_at_and_the_kind_of_forest_tell_projects_apart():
    gate = entry("ติดตั้งกล้องวงจรปิด ทางเข้าหมู่บ้านทุ่งฝาย", origin="village", area="52011201")
    nursery = entry("ติดตั้งกล้อง CCTV ศพด.บ้านทุ่งฝาย", origin="agency", area="520112")
    village = entry("ติดตั้งกล้องวงจรปิด หมู่ที่ 1", origin="village", area="52011201")
    assert conflict(gate.feats, nursery.feats, gate, nursery) == "object"
    assert conflict(village.feats, nursery.feats, village, nursery) is None
    community = entry("ทำแนวกันไฟป่าชุมชน บ้านห้วยม่วง", origin="village", area="52010107")
    reserve = entry("จัดทำแนวกันไฟป่าสงวนแห่งชาติป่าแม่เหียง ต.เวียงเหนือ", area="520101")
    assert score(community, reserve) is None


def test_promoting_a_work_on_the_same_thing_is_that_work():
    village = entry("ส่งเสริมการปลูกผักสวนครัวรั้วกินได้", origin="village", area="52011203")
    tambon = entry("โครงการปลูกผักสวนครัวรั้วกินได้ ตำบลทุ่งฝาย", origin="local", area="520112")
    assert conflict(village.feats, tambon.feats, village, tambon, activity=True) is None
    assert score(village, tambon) is not None


def test_kinds_of_one_produce_or_product_tell_activities_apart():
    pond = entry("ส่งเสริมการเลี้ยงปลานิลในบ่อดิน", origin="village", area="52010804")
    cage = entry("โครงการส่งเสริมการเลี้ยงปลานิลในกระชัง หมู่ที่ 4", area="52010804")
    soap = entry("อบรมการทำสบู่สมุนไพร", origin="village", area="52010804")
    balm = entry("ส่งเสริมอาชีพการทำยาหม่องสมุนไพร หมู่ที่ 4", area="52010804")
    assert score(pond, cage) is None
    assert score(soap, balm) is None


def test_a_request_for_a_work_is_that_work():
    village = entry("เจาะบ่อบาดาลเพื่อการเกษตร บ้านแพะ", origin="village", area="52011202")
    agency = entry(
        "ขอรับการสนับสนุนเจาะบ่อบาดาลเพื่อการเกษตร บ้านแพะ หมู่ 2 ต.ทุ่งฝาย", origin="agency",
        area="520112", villages=("52011202",),
    )  # fmt: skip
    assert agency.feats["work"] == "drill"
    assert score(village, agency) is not None


def test_a_kind_inside_another_may_be_one_two_kinds_apart_are_not():
    ducks = entry("ส่งเสริมการเลี้ยงเป็ด", origin="village")
    layers = entry("ส่งเสริมอาชีพการเลี้ยงเป็ดไข่ หมู่ที่ 4")
    muscovy = entry("ส่งเสริมอาชีพการเลี้ยงเป็ดเทศ หมู่ที่ 4", origin="agency")
    assert conflict(ducks.feats, layers.feats, ducks, layers, activity=True) is None
    assert conflict(layers.feats, muscovy.feats, layers, muscovy, activity=True) == "object"


def test_crops_days_and_growing_or_processing_tell_activities_apart():
    rice = entry("ส่งเสริมการผลิตเมล็ดพันธุ์ข้าว", origin="village")
    nuts = entry("ส่งเสริมการผลิตเมล็ดพันธุ์ถั่วลิสง หมู่ที่ 4", origin="agency")
    grow = entry("ส่งเสริมการปลูกกาแฟ", origin="village")
    roast = entry("ส่งเสริมการแปรรูปกาแฟคั่วบด หมู่ที่ 4", origin="agency")
    children = entry("จัดกิจกรรมวันเด็กแห่งชาติ", origin="village")
    mothers = entry("โครงการจัดงานวันแม่แห่งชาติ หมู่ที่ 4")
    for a, b in ((rice, nuts), (grow, roast), (children, mothers)):
        assert score(a, b) is None
    again = entry("ส่งเสริมการผลิตเมล็ดพันธุ์ข้าวคุณภาพดี หมู่ที่ 4")
    assert score(rice, again) is not None


def test_laying_rock_on_an_unpaved_road_is_improving_it_a_paved_road_is_another():
    village = entry("ลงหินคลุกถนนสายเข้าทุ่งนาหลวง บ้านหลุก", origin="village", area="52011203")
    line = entry(
        "โครงการปรับปรุงถนนลูกรังเพื่อการเกษตร สายทุ่งนาหลวง หมู่ที่ 3 โดยลงหินคลุก หนา 0.10 เมตร",
        area="520112", villages=("52011203",),
    )  # fmt: skip
    paved = entry("ปรับปรุงถนน คสล. สายทุ่งนาหลวง หมู่ที่ 3", area="520112", villages=("52011203",))
    assert score(village, line) is not None
    assert conflict(village.feats, paved.feats, village, paved) == "work"


def test_developing_a_pond_is_dredging_it_and_a_generic_water_word_hides_no_name():
    assert analyse("ขุดลอกหนองน้ำสาธารณะหนองบัวคำ").place.waters == ("หนองบัวคำ",)
    village = entry("ขุดลอกหนองน้ำสาธารณะหนองบัวคำ", origin="village", area="52060304")
    province = entry(
        "พัฒนาแหล่งน้ำหนองบัวคำ (ขุดลอกและเสริมคันดิน) ตำบลปงดอน อำเภอแจ้ห่ม จังหวัดลำปาง",
        origin="province", area="520603", villages=(),
    )  # fmt: skip
    other = entry("ขุดลอกหนองน้ำสาธารณะหนองเขียว", origin="village", area="52060304")
    assert score(village, province) is not None
    assert score(other, province) is None


def test_a_named_soi_with_or_without_its_village_name_is_one_soi():
    village = entry("ก่อสร้างถนน คสล. ซอยข้างวัด บ้านท่าเกวียน", origin="village", area="52030403")
    line = entry(
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอยข้างวัดท่าเกวียน ม.3 กว้าง 4 ม.", area="520304",
        villages=("52030403",),
    )  # fmt: skip
    other = entry("ก่อสร้างถนน คสล. ซอยข้างโรงเรียน หมู่ที่ 3", area="520304", villages=("52030403",))
    assert score(village, line) is not None
    assert conflict(village.feats, other.feats, village, other) == "soi"


def test_a_shelter_in_front_of_a_school_is_the_villages_own():
    village = entry("ก่อสร้างศาลาที่พักผู้โดยสาร บ้านสบจาง", origin="village", area="52011206")
    line = entry(
        "โครงการก่อสร้างศาลาที่พักผู้โดยสาร หน้าโรงเรียนบ้านสบจาง หมู่ที่ 6", area="520112",
        villages=("52011206",),
    )  # fmt: skip
    assert line.feats["named"] == [] and line.feats["parts"] == []
    assert score(village, line) is not None


def test_objects_that_are_one_thing_and_topics_worded_apart():
    solar = entry("ก่อสร้างระบบกระจายน้ำด้วยพลังงานแสงอาทิตย์ บ้านหนองแหย่ง", origin="village",
                  area="52120506")  # fmt: skip
    pump = entry("ก่อสร้างระบบสูบน้ำพลังงานแสงอาทิตย์เพื่อการเกษตร หมู่ที่ 6", area="521205",
                 villages=("52120506",))  # fmt: skip
    assert score(solar, pump) is not None
    dengue = entry("รณรงค์ป้องกันไข้เลือดออก", origin="village", area="52010103")
    mosquito = entry("โครงการรณรงค์กำจัดแหล่งเพาะพันธุ์ยุงลาย ตำบลเวียงเหนือ", area="520101")
    training = entry("อบรม อสม. ควบคุมโรคไข้เลือดออก ตำบลเวียงเหนือ", area="520101")
    assert score(dengue, mosquito) is not None
    assert score(dengue, training) is None  # one topic, but a training is another activity
    health = entry("ตรวจคัดกรองสุขภาพผู้สูงอายุ", origin="village", area="52010803")
    diabetes = entry("ตรวจคัดกรองสุขภาพและโรคเบาหวานในผู้สูงอายุ ตำบลปงแสนทอง", area="520108")
    assert conflict(health.feats, diabetes.feats, health, diabetes, activity=True) is None


def test_waste_places_waste_kinds_and_ways_of_growing_tell_projects_apart():
    shed = entry("ก่อสร้างโรงเรือนคัดแยกขยะชุมชน บ้านห้วยม่วง", origin="village", area="52010107")
    point = entry("โครงการก่อสร้างจุดทิ้งขยะอันตรายประจำหมู่บ้าน หมู่ที่ 7", area="520101",
                  villages=("52010107",))  # fmt: skip
    assert conflict(shed.feats, point.feats, shed, point) == "object"
    fence = entry("ส่งเสริมการปลูกผักสวนครัวรั้วกินได้", origin="village", area="52010101")
    hydro = entry("ส่งเสริมการปลูกผักไฮโดรโปนิกส์ หมู่ที่ 1", area="520101", villages=("52010101",))
    assert fence.feats["parts"] == []  # รั้วกินได้ is a garden, no fence
    assert score(fence, hydro) is None


def test_whom_a_craft_and_a_part_of_a_site_tell_projects_apart():
    elderly = entry("ตรวจสุขภาพผู้สูงอายุ บ้านปางอ้อย", origin="village", area="52060404")
    workers = entry("โครงการตรวจสุขภาพประจำปีกลุ่มวัยทำงาน ตำบลแม่สุก", area="520604")
    assert score(elderly, workers) is None
    sewing = entry("ฝึกอาชีพตัดเย็บเสื้อผ้า บ้านขอใต้", origin="village", area="52130202")
    embroidery = entry("โครงการฝึกอบรมอาชีพการปักผ้าด้วยมือ ตำบลบ้านขอ", area="521302")
    assert score(sewing, embroidery) is None
    centre = entry("ปรับปรุงศูนย์พัฒนาเด็กเล็กบ้านหลวง", origin="village", area="52130203")
    playground = entry("โครงการปรับปรุงสนามเด็กเล่น ศพด.บ้านหลวง หมู่ที่ 3", area="521302",
                       villages=("52130203",))  # fmt: skip
    assert conflict(centre.feats, playground.feats, centre, playground) == "object"


def test_a_road_shoulder_built_is_not_the_road_a_shoulder_in_the_spec_is():
    road = entry("สร้างถนนคอนกรีต ซ.๑ บ้านวังทองใต้", origin="village", area="52070502")
    shoulder = entry("โครงการก่อสร้างไหล่ทางคอนกรีตเสริมเหล็ก ซอย 1 หมู่ที่ 2", area="520705",
                     villages=("52070502",))  # fmt: skip
    spec = entry(
        "โครงการก่อสร้างถนน คสล. ซอย 1 หมู่ที่ 2 กว้าง 4 เมตร ไหล่ทางข้างละ 0.50 เมตร",
        area="520705", villages=("52070502",),
    )  # fmt: skip
    assert shoulder.feats["parts"] == ["ไหล่ทาง"] and spec.feats["parts"] == []
    assert score(road, shoulder) is None
    assert score(road, spec) is not None


def test_a_reservoir_is_not_the_village_named_after_it_and_roads_are_named_by_where_they_lead():
    reservoir = entry("ก่อสร้างถนน คสล. สายบ้านห้วยแก้ว – อ่างเก็บน้ำห้วยแก้ว", origin="village",
                      area="52070507")  # fmt: skip
    village = entry("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านห้วยแก้ว – บ้านป่าคา หมู่ที่ 7 – 8",
                    area="520705", villages=("52070507", "52070508"))  # fmt: skip
    own = entry("ก่อสร้างถนนคอนกรีตเสริมเหล็กสายหมู่บ้าน – อ่างเก็บน้ำห้วยแก้ว หมู่ที่ 7",
                area="520705", villages=("52070507",))  # fmt: skip
    assert conflict(reservoir.feats, village.feats, reservoir, village) == "route"
    assert score(reservoir, own) is not None
    fields = entry("ลงหินคลุกถนนเข้าทุ่งนา บ้านกาด", origin="village", area="52060402")
    cemetery = entry("โครงการปรับปรุงถนนลูกรังสายเข้าป่าช้า หมู่ที่ 2", area="520604",
                     villages=("52060402",))  # fmt: skip
    next_moo = entry("โครงการปรับปรุงถนนลูกรังสายเข้าทุ่งนา หมู่ที่ 12", area="520604",
                     villages=("52060412",))  # fmt: skip
    same = entry("โครงการปรับปรุงถนนลูกรังสายเข้าทุ่งนา หมู่ที่ 2", area="520604",
                 villages=("52060402",))  # fmt: skip
    assert conflict(fields.feats, cemetery.feats, fields, cemetery) == "route"
    assert score(fields, next_moo) is None  # every village has its road to the fields
    assert score(fields, same) is not None


def test_one_work_of_a_line_joining_two_is_that_line():
    # "X และ Y" pays for X: a line for X alone at the same place is the same request.
    both = entry("โครงการก่อสร้างถนน คสล. และรางระบายน้ำ หมู่ที่ 9 บ้านดอนคำ", area="520203",
                 villages=("52020309",))  # fmt: skip
    drain = entry("ก่อสร้างรางระบายน้ำ บ้านดอนคำ", origin="village", area="52020309")
    other_moo = entry("ก่อสร้างรางระบายน้ำ บ้านดอนไชย", origin="village", area="52020308")
    hall = entry("โครงการปรับปรุงศาลาอเนกประสงค์และห้องน้ำ หมู่ที่ 5", area="520402",
                 villages=("52040205",))  # fmt: skip
    hall_only = entry("ปรับปรุงศาลาอเนกประสงค์ บ้านสันกลาง", origin="village", area="52040205")
    toilet_only = entry("ก่อสร้างห้องน้ำสาธารณะ บ้านสันกลาง", origin="village", area="52040205")
    assert [a["object"] for a in both.feats["alts"]] == ["road", "drain"]
    assert score(both, drain) is not None
    assert score(both, other_moo) is None
    assert score(hall, hall_only) is not None
    assert score(hall, toilet_only) is None  # building a toilet is not the hall's repair
    # An activity's "และ" joins the words of its subject, not two works.
    assert entry("รณรงค์ป้องกันไฟป่าและหมอกควัน").feats["alts"] == []


def test_an_agencys_programme_words_name_the_work_it_funds():
    shed = entry("ก่อสร้างโรงคัดแยกขยะ บ้านทุ่งผึ้งเหนือ", origin="village", area="52060608")
    funded = entry("ส่งเสริมการจัดการขยะชุมชน ก่อสร้างโรงคัดแยกขยะ บ้านทุ่งผึ้งเหนือ ม.8",
                   origin="agency", area="520606", villages=("52060608",))  # fmt: skip
    campaign = entry("ส่งเสริมการจัดการขยะชุมชน บ้านทุ่งผึ้งเหนือ ม.8", origin="agency",
                     area="520606", villages=("52060608",))  # fmt: skip
    assert funded.feats["work"] == "construct" and campaign.feats["work"] == "promote"
    assert score(shed, funded) is not None
    assert score(shed, campaign) is None


def test_a_training_is_not_the_inputs_handed_out_for_it():
    training = entry("โครงการอบรมการเลี้ยงปลานิลในกระชัง หมู่ที่ 9", area="521304",
                     villages=("52130409",))  # fmt: skip
    inputs = entry("สนับสนุนพันธุ์ปลานิลและอาหารปลา บ้านทุ่งจี้ใต้", origin="village",
                   area="52130409")  # fmt: skip
    reworded = entry("ฝึกอบรมการเลี้ยงปลานิลในกระชัง บ้านทุ่งจี้ใต้", origin="village",
                     area="52130409")  # fmt: skip
    assert inputs.feats["inputs"] and not training.feats["inputs"]
    assert conflict(training.feats, inputs.feats, training, inputs, activity=True) == "work"
    assert score(training, reworded) is not None
    # Waste turned into a product is no input handed out.
    assert not entry("ส่งเสริมการผลิตถ่านอัดแท่งจากเศษวัสดุการเกษตร").feats["inputs"]


def test_diseases_products_sides_and_sub_lanes_tell_projects_apart():
    def pair(x: str, y: str) -> tuple[Entry, Entry]:
        return (
            entry(x, origin="village", area="52090208"),
            entry(y, area="520902", villages=("52090208",)),
        )

    assert score(*pair("รณรงค์ป้องกันโรคมือเท้าปาก ศูนย์พัฒนาเด็กเล็ก บ้านสบเชียง",
                       "โครงการรณรงค์ป้องกันเหาในเด็กเล็ก ศูนย์พัฒนาเด็กเล็ก หมู่ที่ 8")) is None  # fmt: skip
    assert score(*pair("รณรงค์ป้องกันโรคมือเท้าปาก ศูนย์พัฒนาเด็กเล็ก บ้านสบเชียง",
                       "โครงการรณรงค์ป้องกันโรคมือ เท้า ปาก ศูนย์พัฒนาเด็กเล็ก หมู่ที่ 8")) is not None  # fmt: skip
    assert score(*pair("อบรมการทำขนมไทย กลุ่มแม่บ้าน", "โครงการอบรมการทำเบเกอรี่ กลุ่มแม่บ้าน หมู่ที่ 8")) is None  # fmt: skip
    assert score(*pair("อบรมการทำปุ๋ยหมักชีวภาพ", "โครงการอบรมการทำน้ำหมักชีวภาพไล่แมลง หมู่ที่ 8")) is None  # fmt: skip
    west = "โครงการวางท่อระบายน้ำ คสล. ทางทิศตะวันตกของหมู่บ้าน หมู่ที่ 8"
    assert entry(west).feats["sides"] == ["ตะวันตก"]
    assert score(*pair("วางท่อระบายน้ำ คสล. ทางทิศตะวันออกหมู่บ้าน", west)) is None
    assert score(*pair("วางท่อระบายน้ำ คสล. ทิศตะวันตกหมู่บ้าน", west)) is not None
    assert entry("ก่อสร้างถนน คสล. ซอย 3 แยก 1 หมู่ที่ 8").feats["soi"] == ["3/1"]
    assert score(*pair("ก่อสร้างถนน คสล. ซอย 3", "ก่อสร้างถนน คสล. ซอย 3 แยก 1 หมู่ที่ 8")) is None  # fmt: skip
    assert score(*pair("ก่อสร้างถังเก็บน้ำ คสล.", "โครงการก่อสร้างหอถังสูงประปาหมู่บ้าน หมู่ที่ 8")) is None  # fmt: skip


def test_the_main_streets_of_two_villages_are_two_roads():
    one = entry("ก่อสร้างถนน คสล. สายกลางหมู่บ้าน บ้านทุ่งผึ้ง", origin="village", area="52060601")
    eight = entry("โครงการก่อสร้างถนน คสล. สายกลางหมู่บ้าน หมู่ที่ 8", area="520606",
                  villages=("52060608",))  # fmt: skip
    first = entry("โครงการก่อสร้างถนน คสล. สายกลางหมู่บ้าน หมู่ที่ 1", area="520606",
                  villages=("52060601",))  # fmt: skip
    assert score(one, eight) is None
    assert score(one, first) is not None
