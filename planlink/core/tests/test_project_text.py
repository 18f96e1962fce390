"""Tests of planlink.core.project_text: how Thai project titles are read for matching."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planlink.core import project_lexicon as lex
from planlink.core.project_text import (
    OBJECTS,
    WORK_TYPES,
    Place,
    ProjectText,
    analyse,
    normalise,
    object_label,
    same_route,
    work_label,
)
from planlink.core.thai import to_arabic_digits, to_thai_digits

# --- A table of real-looking titles -----------------------------------------------------------

# (title, work, object, material, moo, soi, sections, waters, routes, core)
# fmt: off
CASES = [
    ("ปรับปรุงถนน คสล. ซอย 7 บ้านแม่ตาล หมู่ที่ 2", "improve", "road", "concrete", (2,), ("7",), (), (), (), "ปรับปรุงถนนคอนกรีตเสริมเหล็ก"),
    ("โครงการก่อสร้างรางระบายน้ำ ค.ส.ล. แบบมีฝาปิด ช่วงที่ 2 ม.9", "construct", "drain", "concrete", (9,), (), (2,), (), (), "ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก"),
    ("ขุดลอกลำเหมืองหลวง ม.๕", "dredge", "waterway", None, (5,), (), (), ("ลำเหมืองหลวง",), (), "ขุดลอกลำเหมือง"),
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านป่าตัน – บ้านแม่ตาล หมู่ที่ 4", "construct", "road", "concrete", (4,), (), (), (), ("บ้านปาตัน-บ้านแมตาล",), "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
    ("ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (โซล่าเซลล์)", "install", "streetlight", None, (), (), (), (), (), "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (โซลาร์เซลล์)"),
    ("ส่งเสริมการปลูกผักปลอดสารพิษ", "promote", "vegetables", None, (), (), (), (), (), "ส่งเสริมการปลูกผักปลอดสารพิษ"),
    ("ก่อสร้างถนน คสล. กว้าง 4 เมตร ยาว 200 เมตร หนา 0.15 เมตร หมู่ที่ 3", "construct", "road", "concrete", (3,), (), (), (), (), "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
    ("ก่อสร้างถนน คสล. ทางหลวงท้องถิ่น ลป.ถ. 1-0012 (ช่วงที่ 1) ตามแบบ อบต. กำหนด", "construct", "road", "concrete", (), (), (1,), (), ("ลป.ถ 1-0012",), "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
    ("ซ่อมแซมถนนคสล.ซอย๓หมู่ที่๑๒", "repair", "road", "concrete", (12,), ("3",), (), (), (), "ซ่อมแซมถนนคอนกรีตเสริมเหล็ก"),
    ("ขุดลอกห้วยแม่ต๋อม หมู่ 6", "dredge", "waterway", None, (6,), (), (), ("ลำห้วยแมตอม",), (), "ขุดลอกลำห้วย"),
    ("ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่ตาล", "construct", "weir", None, (), (), (), ("ลำห้วยแมตาล",), (), "ก่อสร้างฝายชะลอน้ำ"),
    ("ก่อสร้างฝายน้ำล้น คสล. ห้วยแม่ตอม ม.ที่ 8", "construct", "weir", "concrete", (8,), (), (), ("ลำห้วยแมตอม",), (), "ก่อสร้างฝายน้ำล้นคอนกรีตเสริมเหล็ก"),
    ("ก่อสร้างสะพาน ค.ส.ล. ข้ามลำห้วยป่าแดง หมู่ที่ 1", "construct", "bridge", "concrete", (1,), (), (), ("ลำห้วยปาแดง",), (), "ก่อสร้างสะพานคอนกรีตเสริมเหล็ก"),
    ("ขุดลอกหนองบัว หมู่ที่ 10", "dredge", "pond", None, (10,), (), (), ("หนองบัว",), (), "ขุดลอกหนอง"),
    ("ขุดลอกลำเหมืองสาธารณะ หมู่ที่ 5", "dredge", "waterway", None, (5,), (), (), (), (), "ขุดลอกลำเหมืองสาธารณะ"),
    ("ขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งไคร้ หมู่ที่ 3", "extend", "electricity", None, (3,), (), (), (), ("ทุงไคร",), "ขยายเขตไฟฟ้าเพื่อการเกษตร"),
    ("ขยายเขตประปาหมู่บ้าน หมู่ที่ 1-3", "extend", "water_supply", None, (1, 2, 3), (), (), (), (), "ขยายเขตประปาหมู่บ้าน"),
    ("เจาะบ่อบาดาล ม.4", "drill", "well", None, (4,), (), (), (), (), "เจาะบ่อบาดาล"),
    ("ก่อสร้างหอถังเก็บน้ำ บ.ดอนแก้ว ม.7", "construct", "water_tower", None, (7,), (), (), (), (), "ก่อสร้างหอถังเก็บน้ำ"),
    ("ซ่อมแซมศาลาอเนกประสงค์หมู่บ้าน", "repair", "hall", None, (), (), (), (), (), "ซ่อมแซมศาลาอเนกประสงค์หมู่บ้าน"),
    ("ปรับปรุงศูนย์พัฒนาเด็กเล็กบ้านแม่ตาล", "improve", "childcare", None, (), (), (), (), (), "ปรับปรุงศูนย์พัฒนาเด็กเล็ก"),
    ("ปรับปรุงผิวจราจรแอสฟัลต์ติกคอนกรีต สายบ้านสันทราย - บ้านนาแก้ว", "improve", "road", "asphalt", (), (), (), (), ("บ้านสันทราย-บ้านนาแกว",), "ปรับปรุงผิวจราจรแอสฟัลท์ติกคอนกรีต"),
    ("ก่อสร้างถนนลูกรังเพื่อการเกษตร สายทุ่งน้ำจำ หมู่ที่ 2", "construct", "road", "laterite", (2,), (), (), (), ("ทุงนำจำ",), "ก่อสร้างถนนลูกรังเพื่อการเกษตร"),
    ("ลงหินคลุกถนนเพื่อการเกษตร ซอย 4 หมู่ที่ 6", "build_up", "road", "gravel", (6,), ("4",), (), (), (), "ลงหินคลุกถนนเพื่อการเกษตร"),
    ("วางท่อระบายน้ำ คสล. พร้อมบ่อพัก ซอย 5 หมู่ที่ 2", "construct", "drain", "concrete", (2,), ("5",), (), (), (), "วางท่อระบายน้ำคอนกรีตเสริมเหล็ก"),
    ("ก่อสร้างถนน คสล. จากบ้านนายแดง ถึง ลำเหมืองหลวง หมู่ที่ 9", "construct", "road", "concrete", (9,), (), (), (), (), "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
    ("ปรับปรุงถนนพหลโยธิน หมู่ที่ 1, 3 และ 5", "improve", "road", None, (1, 3, 5), (), (), (), (), "ปรับปรุงถนน"),
    ("ซ่อมแซมบ้านผู้ยากไร้และผู้ด้อยโอกาส ม.3", "repair", "housing", None, (3,), (), (), (), (), "ซ่อมแซมบ้านผู้ยากไร้และผู้ด้อยโอกาส"),
    ("เยี่ยมบ้านผู้สูงอายุติดบ้านติดเตียง", "visit", "elderly", None, (), (), (), (), (), "เยี่ยมบ้านผู้สูงอายุติดบ้านติดเตียง"),
    ("รณรงค์ป้องกันไข้เลือดออก", "campaign", "dengue", None, (), (), (), (), (), "รณรงค์ป้องกันไข้เลือดออก"),
    ("ตรวจคัดกรองสุขภาพผู้สูงอายุ", "screen", "health", None, (), (), (), (), (), "ตรวจคัดกรองสุขภาพผู้สูงอายุ"),
    ("จัดตั้งกองทุนปุ๋ยชุมชน", "establish", "fertiliser", None, (), (), (), (), (), "จัดตั้งกองทุนปุ๋ยชุมชน"),
    ("อนุรักษ์ประเพณีสืบชะตาหมู่บ้าน", "conserve", "tradition", None, (), (), (), (), (), "อนุรักษ์ประเพณีสืบชะตาหมู่บ้าน"),
    ("จัดงานวันผู้สูงอายุ", "organise", "elderly", None, (), (), (), (), (), "จัดงานวันผู้สูงอายุ"),
    ("ปลูกป่าชุมชน", "plant", "forest", None, (), (), (), (), (), "ปลูกป่าชุมชน"),
    ("คัดแยกขยะในครัวเรือน", "sort", "waste", None, (), (), (), (), (), "คัดแยกขยะในครัวเรือน"),
    ("ฝึกอบรมอาชีพทำขนมพื้นเมือง (ขนมจ็อกและข้าวแต๋น)", "train", "processed_food", None, (), (), (), (), (), "ฝึกอบรมอาชีพทำขนมพื้นเมือง (ขนมจ็อกและข้าวแต๋น)"),
    ("ส่งเสริมอาชีพการทำน้ำพริกลาบ", "promote", "processed_food", None, (), (), (), (), (), "ส่งเสริมอาชีพการทำน้ำพริกลาบ"),
    ("ติดตั้งหอกระจายข่าวและเสียงตามสาย หมู่ที่ 11", "install", "broadcast", None, (11,), (), (), (), (), "ติดตั้งหอกระจายข่าวและเสียงตามสาย"),
    ("หมู่บ้านปลอดยาเสพติด (กองทุนแม่ของแผ่นดิน)", "prevent", "drugs", None, (), (), (), (), (), "หมู่บ้านปลอดยาเสพติด (กองทุนแม่ของแผ่นดิน)"),
    ("ติดตั้งไฟโซลาร์เซล ซ.2 ม.5 ปีงบประมาณ 2568.-", "install", "streetlight", None, (5,), ("2",), (), (), (), "ติดตั้งไฟโซลาร์เซลล์"),
    ("1. ก่อสร้างถนนลูกรัง บ.ห้วยทราย ม.2 ต.แม่ตาล อ.เมือง จ.ลำปาง", "construct", "road", "laterite", (2,), (), (), (), (), "ก่อสร้างถนนลูกรัง"),
    ("ก่อสร้างถนน คสล. ซอยร่มเย็น หมู่ที่ 2", "construct", "road", "concrete", (2,), ("รมเยน",), (), (), (), "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
    ("ปรับปรุงโรงเรียนบ้านแม่ตาล", "improve", "school", None, (), (), (), (), (), "ปรับปรุงโรงเรียน"),
    ("ก่อสร้างรางระบายน้ำ ถนนพหลโยธิน หมู่ที่ 1", "construct", "drain", None, (1,), (), (), (), (), "ก่อสร้างรางระบายน้ำ"),
    ("จิตอาสาพัฒนาวัดและที่สาธารณะ", "volunteer", "public_space", None, (), (), (), (), (), "จิตอาสาพัฒนาวัดและที่สาธารณะ"),
]
# fmt: on


@pytest.mark.parametrize(
    ("title", "work", "obj", "material", "moo", "soi", "sections", "waters", "routes", "core"),
    CASES,
)
def test_title_table(title, work, obj, material, moo, soi, sections, waters, routes, core):
    found = analyse(title)
    assert (found.work, found.object, found.material) == (work, obj, material)
    assert (found.place.moo, found.place.soi, found.place.sections) == (moo, soi, sections)
    assert (found.place.waters, found.place.routes) == (waters, routes)
    assert found.core == core


def test_table_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("title", "villages", "named", "span"),
    [
        ("ปรับปรุงถนน คสล. ซอย 7 บ้านแม่ตาล หมู่ที่ 2", ("แมตาล",), (), None),
        ("ก่อสร้างหอถังเก็บน้ำ บ.ดอนแก้ว ม.7", ("ดอนแกว",), (), None),
        ("ปรับปรุงศูนย์พัฒนาเด็กเล็กบ้านแม่ตาล", ("แมตาล",), (), None),
        ("ก่อสร้างถนนลูกรัง บ.ห้วยทราย ม.2 ต.แม่ตาล อ.เมือง จ.ลำปาง", ("หวยทราย",), (), None),
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านป่าตัน – บ้านแม่ตาล หมู่ที่ 4", (), (), None),
        ("ปรับปรุงโรงเรียนบ้านแม่ตาล", (), ("โรงเรียนบ้านแมตาล",), None),
        ("ปรับปรุงถนนพหลโยธิน หมู่ที่ 1, 3 และ 5", (), ("ถนนพหลโยธิน",), None),
        ("ก่อสร้างรางระบายน้ำ ถนนพหลโยธิน หมู่ที่ 1", (), ("ถนนพหลโยธิน",), None),
        (
            "ก่อสร้างถนน คสล. จากบ้านนายแดง ถึง ลำเหมืองหลวง หมู่ที่ 9",
            (),
            (),
            ("บ้านนายแดง", "ลำเหมืองหลวง"),
        ),
        # Houses, not villages.
        ("ซ่อมแซมบ้านผู้ยากไร้และผู้ด้อยโอกาส ม.3", (), (), None),
        ("เยี่ยมบ้านผู้สูงอายุติดบ้านติดเตียง", (), (), None),
        ("ขยายเขตประปาหมู่บ้าน หมู่ที่ 1-3", (), (), None),
        ("อบรมการใช้สมุนไพรพื้นบ้านดูแลสุขภาพเบื้องต้น", (), (), None),
        ("รณรงค์บ้านสะอาด ชุมชนน่าอยู่", (), (), None),
        # Body names are no places.
        ("สนับสนุนงบประมาณ อบต.บ้านแลง", (), (), None),
        # บ. after a หมู่ or ซอย number is still บ้าน; after an amount it is baht.
        ("ปรับปรุงถนน คสล. ม.3 บ.ใหม่", ("ใหม",), (), None),
        ("ปรับปรุงถนน คสล. ซอย ๔ บ.ปางลัว", ("ปางลัว",), (), None),
        ("จ้างเหมาขุดลอก 500 ลบ.ม. บ.ใหม่", ("ใหม",), (), None),
        ("ค่าตอบแทนอาสาสมัคร 300 บ. ต่อวัน", (), (), None),
    ],
)
def test_villages_named_and_spans(title, villages, named, span):
    place = analyse(title).place
    assert (place.villages, place.named, place.span) == (villages, named, span)


@pytest.mark.parametrize(
    ("title", "moo"),
    [
        ("ปรับปรุงถนนคอนกรีตเสริมเหล็กม.1", (1,)),  # ก of เหล็ก ends a word
        ("ก่อสร้างถนนลูกรัง ระยะทาง 2 กม. ม.3", (3,)),  # กม. is kilometres
        ("ก่อสร้างถนนลูกรัง ระยะทาง 2กม.", ()),
    ],
)
def test_kilometres_are_no_moo(title, moo):
    assert analyse(title).place.moo == moo


def test_news_tower_line_is_no_route():
    assert analyse("ติดตั้งหอกระจายข่าวและเสียงตามสาย หมู่ที่ 11").place.routes == ()
    assert analyse("ปรับปรุงระบบเสียงตามสายหมู่บ้าน").place.routes == ()


def test_local_road_code_goes_to_routes_in_every_spelling():
    spellings = [
        "ก่อสร้างถนน คสล. ทางหลวงท้องถิ่น ลป.ถ. 1-0012",
        "ก่อสร้างถนน คสล. รหัสทางหลวงท้องถิ่น ลป.ถ.1-0012",
        "ก่อสร้างถนน คสล. สาย ลป.ถ 1-12",
        "ก่อสร้างถนน คสล. (ลป.ถ.๑-๐๐๑๒)",
    ]
    for title in spellings:
        found = analyse(title)
        assert found.place.routes == ("ลป.ถ 1-0012",), title
        assert found.core == "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", title


def test_route_keeps_order_and_unifies_dashes():
    dashes = ["–", "—", "-", " - ", " ถึง ", "‑"]
    keys = {analyse(f"ก่อสร้างถนน คสล. สายบ้านป่าตัน{d}บ้านแม่ตาล").place.routes for d in dashes}
    assert keys == {("บ้านปาตัน-บ้านแมตาล",)}
    other_way = analyse("ก่อสร้างถนน คสล. สายบ้านแม่ตาล - บ้านป่าตัน").place.routes
    assert other_way == ("บ้านแมตาล-บ้านปาตัน",)


def test_same_route_ignores_the_order_of_endpoints_only():
    a = analyse("ก่อสร้างถนน คสล. สายบ้านป่าตัน – บ้านแม่ตาล หมู่ที่ 4").place.routes[0]
    b = analyse("ก่อสร้างถนน คสล. สายบ้านแม่ต๋าล - บ้านป่าตัน หมู่ที่ 5").place.routes[0]
    assert a != b and same_route(a, b)
    assert not same_route(a, "บ้านปาตัน-บ้านดอน")
    assert same_route("ลป.ถ 1-0012", "ลป.ถ 1-0012")
    assert not same_route("ลป.ถ 1-0012", "ลป.ถ 0012-1")


def test_tone_marks_do_not_split_a_name():
    a = analyse("ขุดลอกลำห้วยแม่ต๋อม หมู่ที่ 2")
    b = analyse("ขุดลอกห้วยแม่ตอม ม.2")
    assert a.place == b.place
    assert a.place.waters == ("ลำห้วยแมตอม",)
    assert "แม่ต๋อม" in a.normalised  # the written form keeps its marks


def test_the_same_work_elsewhere_is_another_place():
    base = analyse("ปรับปรุงถนน คสล. ซอย 7 หมู่ที่ 2")
    for other in (
        "ปรับปรุงถนน คสล. ซอย 8 หมู่ที่ 2",
        "ปรับปรุงถนน คสล. ซอย 7 หมู่ที่ 3",
        "ปรับปรุงถนน คสล. ซอย 7 หมู่ที่ 2 ช่วงที่ 2",
    ):
        found = analyse(other)
        assert (found.work, found.object, found.core) == (base.work, base.object, base.core)
        assert found.place != base.place
    drain = analyse("ก่อสร้างรางระบายน้ำ ซอย 7 หมู่ที่ 2")
    assert (drain.work, drain.object) == ("construct", "drain")


def test_specs_added_or_dropped_do_not_change_the_reading():
    bare = analyse("ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 6")
    specced = analyse(
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 3 หมู่ที่ 6 กว้าง 4 เมตร ยาว 150 เมตร "
        "หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า 600 ตารางเมตร ตามแบบ อบต. กำหนด"
    )
    assert replace(specced, raw="", normalised="") == replace(bare, raw="", normalised="")


def test_shared_keys_and_is_empty():
    place = analyse("ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่ตาล สายบ้านป่าตัน - บ้านแม่ตาล หมู่ที่ 3").place
    assert place.shared_keys() == frozenset({"water:ลำห้วยแมตาล", "route:บ้านปาตัน-บ้านแมตาล"})
    span = analyse("ก่อสร้างถนน คสล. จากบ้านนายแดง ถึง ลำเหมืองหลวง").place
    assert span.shared_keys() == frozenset({"span:บ้านนายแดง-ลำเหมืองหลวง"})
    named = analyse("ปรับปรุงถนนพหลโยธิน").place
    assert named.shared_keys() == frozenset({"named:ถนนพหลโยธิน"})
    assert analyse("ปรับปรุงถนน คสล. ซอย 7 บ้านแม่ตาล หมู่ที่ 2").place.shared_keys() == frozenset()
    assert Place().is_empty()
    assert analyse("ส่งเสริมการปลูกผักปลอดสารพิษ").place.is_empty()
    assert not analyse("เจาะบ่อบาดาล ม.4").place.is_empty()
    assert not Place(span=("ก", "ข")).is_empty()


# --- Normal form -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ("ถนน คสล.", "ถนนค.ส.ล.", "ถนนคอนกรีตเสริมเหล็ก", "ถนน ค.ส.ล", "ถนน คสล"),
        ("หมู่ที่ ๕", "ม.5", "ม.ที่ 5", "หมู่ 5", "หมู่ที่5", "ม. ๕"),
        ("ถนนซอย7หมู่ที่3", "ถนน ซอย 7 หมู่ที่ 3", "ถนน  ซ.7  ม.3", "ถนน\u00a0ซอย 7\u200b หมู่ที่ 3"),
        ("ติดตั้งไฟโซล่าเซลล์", "ติดตั้งไฟโซลาร์เซลล์", "ติดตั้งไฟโซล่าร์เซล", "ติดตั้งไฟSolar cell"),
        ("สายบ้านป่าตัน – บ้านแม่ตาล", "สาย บ.ป่าตัน—บ.แม่ตาล", "สายบ้านป่าตัน-บ้านแม่ตาล"),
        ("ก่อสร้างถนน คสล.", "ก่อสร้างถนน คสล.-", "ก่อสร้างถนน คสล. .-"),
        ("ตามแบบ อบต. กำหนด", "ตามแบบ อบต กำหนด", "ตามแบบ องค์การบริหารส่วนตำบล กำหนด"),
        ("ผิวจราจรแอสฟัลท์ติก", "ผิวจราจรแอสฟัลต์ติก", "ผิวจราจร แอสฟัลติก"),
        ("แม่ตาล", "เเม่ตาล"),
    ],
)
def test_variants_normalise_equal(variants):
    assert len({normalise(v) for v in variants}) == 1, [normalise(v) for v in variants]


def test_normal_forms():
    assert normalise("หมู่ที่ ๕") == "หมู่ที่ 5"
    assert normalise("ถนน คสล.") == "ถนนคอนกรีตเสริมเหล็ก"
    assert normalise("ถนนซอย7หมู่ที่3") == "ถนน ซอย 7 หมู่ที่ 3"
    assert normalise("ศูนย์พัฒนาเด็กเล็กบ้านแม่ตาล") == "ศูนย์พัฒนาเด็กเล็ก บ้านแม่ตาล"
    assert normalise("ถนนสายบ้านป่าตัน") == "ถนน สายบ้านป่าตัน"
    assert normalise("รางระบายน้ำ(ช่วงที่ 1)") == "รางระบายน้ำ ช่วงที่ 1"
    assert normalise("ทต.แม่ตาล") == "เทศบาลตำบลแม่ตาล"
    assert normalise("ทม.ลำปาง") == "เทศบาลเมืองลำปาง"
    assert normalise("อบจ.ลำปาง") == "องค์การบริหารส่วนจังหวัดลำปาง"
    assert normalise("ถ.พหลโยธิน") == "ถนนพหลโยธิน"
    # Words that only look like markers stay as they are.
    assert normalise("ซ่อมแซมศาลาอเนกประสงค์หมู่บ้าน") == "ซ่อมแซมศาลาอเนกประสงค์หมู่บ้าน"
    assert normalise("เยี่ยมบ้านผู้สูงอายุ") == "เยี่ยมบ้านผู้สูงอายุ"
    assert normalise("ติดตั้งหอกระจายข่าวและเสียงตามสาย") == "ติดตั้งหอกระจายข่าวและเสียงตามสาย"
    assert normalise("ยาว 200 ม. หนา 0.15 ม.") == "ยาว 200 ม. หนา 0.15 ม"


# --- Lexicons and labels -----------------------------------------------------------------------


def test_labels():
    assert work_label("repair") == "ซ่อมแซม"
    assert work_label("train") == "ฝึกอบรม"
    assert object_label("road") == "ถนน"
    assert object_label("childcare") == "ศูนย์พัฒนาเด็กเล็ก"
    assert work_label("retired_key") == "retired_key"
    assert object_label("retired_key") == "retired_key"


def test_no_variant_belongs_to_two_keys():
    for lexicon in (WORK_TYPES, OBJECTS):
        seen: dict[str, str] = {}
        for key, (label, variants) in lexicon.items():
            assert label and variants, key
            for variant in variants:
                assert seen.setdefault(variant, key) == key, variant
    assert set(lex.OBJECT_RANK) <= set(OBJECTS)


def test_analyse_is_cached_and_keeps_the_raw_text():
    title = "  ขุดลอกลำเหมืองหลวง ม.๕ "
    first = analyse(title)
    assert analyse(title) is first
    assert isinstance(first, ProjectText)
    assert first.raw == title
    assert first.tokens == ("ขุด", "ลอก", "ลำ", "เหมือง")


def test_tokens_hold_no_spaces_or_punctuation():
    found = analyse("ติดตั้งกล้องวงจรปิด (CCTV) บริเวณจุดเสี่ยง หมู่ที่ 4")
    assert found.tokens and all(t.strip() and t not in "()-.,\"'" for t in found.tokens)
    assert "CCTV" in found.tokens


# --- Every demo title ------------------------------------------------------------------------

SAMPLE_VALUES = {
    "moo": 3,
    "village": "บ้านแม่ตาล",
    "neighbour": "บ้านป่าตัน",
    "soi": 7,
    "section": 2,
    "canal": "ลำเหมืองหลวง",
    "creek": "ลำห้วยแม่ตุ๋ย",
    "pond": "หนองปู่จ๋า",
    "field": "ทุ่งไคร้",
    "product": "ไม้กวาดดอกหญ้า",
}


def test_every_demo_title_has_a_work_and_an_object():
    from planlink.demo.plan_catalogue import _PLACE_WORDS, _PRODUCTS, WORKS

    missing = []
    for work in WORKS:
        for pattern in work.titles:
            for word, product in zip(_PLACE_WORDS, _PRODUCTS * 3, strict=False):
                values = SAMPLE_VALUES | {
                    "canal": f"ลำเหมือง{word}",
                    "creek": f"ลำห้วย{word}",
                    "pond": f"หนอง{word}",
                    "field": f"ทุ่ง{word}",
                    "product": product,
                }
                found = analyse(pattern.format(**values))
                if found.work is None or found.object is None:
                    missing.append((work.key, found.raw, found.work, found.object))
                if "{moo}" in pattern:
                    assert found.place.moo == (3,), found.raw
                if "{soi}" in pattern:
                    assert found.place.soi == ("7",), found.raw
                if "{section}" in pattern:
                    assert found.place.sections == (2,), found.raw
                for holder in ("{canal}", "{creek}", "{pond}"):
                    if holder in pattern:
                        assert len(found.place.waters) == 1, found.raw
                if "{neighbour}" in pattern or "{field}" in pattern:
                    assert len(found.place.routes) == 1, found.raw
    assert missing == []


# --- Properties ------------------------------------------------------------------------------

FRAGMENTS = [
    "หมู่ที่", "หมู่", "ม.", "ม.ที่", "ซอย", "ซ.", "บ้าน", "บ.", "สาย", "ช่วงที่", "ช่วง", "คสล.",
    "ค.ส.ล.", "ถ.", "อบต.", "ทต.", "ลป.ถ.", "1-0012", "จาก", "ถึง", "-", "–", " ", "  ",
    "\u00a0", "\u200b", "5", "๕", "12", "ลำห้วย", "ห้วย", "แม่ตาล", "แม่ต๋อม", "ถนน", "(", ")",
    ".", ",", "โครงการ", "ก่อสร้าง", "หนอง", "วัด", "โรงเรียน", "ต.", "ตำบล", "และ", "กว้าง",
    "ยาว", "เมตร", "ตามแบบ", "กำหนด", "หมู่บ้าน", "เยี่ยม", "ผู้", "โซล่าเซลล์", "เเ", "ํา",
    "ก", "่", "ัน", "2568", "ตร.ม.", "แบบมีฝาปิด", "พร้อม", "ข้าม", "ณ", '"', "“",
]  # fmt: skip
fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)
any_text = st.one_of(fragment_text, st.text(max_size=80))

HEADS = [
    "ก่อสร้างถนน คสล.",
    "ปรับปรุงถนนคอนกรีตเสริมเหล็ก",
    "ก่อสร้างรางระบายน้ำ ค.ส.ล. แบบมีฝาปิด",
    "ขุดลอก",
    "ก่อสร้างฝายชะลอน้ำ",
    "ติดตั้งไฟฟ้าส่องสว่าง",
    "ขยายเขตประปาหมู่บ้าน",
    "ซ่อมแซมศาลาอเนกประสงค์",
]
WATERS = ["ลำห้วยแม่ตาล", "ห้วยแม่ต๋อม", "ลำเหมืองหลวง", "หนองบัว"]
VILLAGES = ["บ้านแม่ตาล", "บ้านป่าตัน", "บ้านดอนแก้ว"]
SOI_NAMES = ["ร่มเย็น", "สุขใจ"]


@st.composite
def titles(draw):
    """Realistic titles as (piece, ...) where each piece is (marker word, value or "")."""
    head = draw(st.sampled_from(HEADS))
    pieces = [(head, "")]
    if head == "ขุดลอก" or draw(st.booleans()):
        pieces.append((draw(st.sampled_from(WATERS)), ""))
    if draw(st.booleans()):
        soi = draw(st.one_of(st.integers(1, 30).map(str), st.sampled_from(SOI_NAMES)))
        pieces.append(("ซอย", soi))
    if draw(st.booleans()):
        pieces.append((draw(st.sampled_from(VILLAGES)), ""))
    if draw(st.booleans()):
        pieces.append(("ช่วงที่", str(draw(st.integers(1, 9)))))
    if draw(st.booleans()):
        marker = draw(st.sampled_from(["หมู่ที่", "ม.", "หมู่", "ม.ที่"]))
        pieces.append((marker, str(draw(st.integers(1, 25)))))
    if draw(st.booleans()):
        a, b = draw(st.permutations(VILLAGES))[:2]
        pieces.append(("สาย", draw(st.sampled_from([f"{a} - {b}", f"{a}–{b}", "ทุ่งไคร้"]))))
    return pieces


def render(pieces, gaps):
    """Join the pieces; gaps[i] is the space (or none) before piece i and after its marker."""
    out = ""
    for i, (marker, value) in enumerate(pieces):
        gap = gaps[i % len(gaps)]
        out += (gap if i else "") + marker
        if value:
            out += (gap if value[0].isdigit() else "") + value
    return out


PROPS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(any_text)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@PROPS
@given(titles(), st.lists(st.sampled_from(["", " ", "  "]), min_size=1, max_size=8))
def test_normalise_is_idempotent_on_titles(pieces, gaps):
    once = normalise(render(pieces, gaps))
    assert normalise(once) == once


@PROPS
@given(st.one_of(titles().map(lambda p: render(p, [" "])), fragment_text))
def test_thai_and_arabic_digits_read_the_same(text):
    arabic, thai = analyse(to_arabic_digits(text)), analyse(to_thai_digits(text))
    assert replace(arabic, raw="") == replace(thai, raw="")


@PROPS
@given(titles(), st.lists(st.sampled_from(["", " ", "  "]), min_size=1, max_size=8))
def test_spaces_around_markers_do_not_change_the_place(pieces, gaps):
    spaced = analyse(render(pieces, [" "]))
    assert analyse(render(pieces, gaps)).place == spaced.place
    assert analyse(render(pieces, [""])).place == spaced.place


@PROPS
@given(titles(), st.sampled_from(["โครงการ", "โครงการ ", "โครงการ  "]))
def test_the_project_prefix_changes_nothing_that_matters(pieces, prefix):
    title = render(pieces, [" "])
    bare, prefixed = analyse(title), analyse(prefix + title)
    assert (prefixed.core, prefixed.work, prefixed.object) == (bare.core, bare.work, bare.object)
    assert prefixed.place == bare.place


@PROPS
@given(titles())
def test_generated_titles_are_read(pieces):
    found = analyse(render(pieces, [" "]))
    assert found.work is not None and found.object is not None
    markers = {marker for marker, _ in pieces}
    if markers & {"หมู่ที่", "ม.", "หมู่", "ม.ที่"}:
        assert len(found.place.moo) == 1
    if "ซอย" in markers:
        assert len(found.place.soi) == 1
    if "ช่วงที่" in markers:
        assert len(found.place.sections) == 1
    if "สาย" in markers:
        assert len(found.place.routes) == 1
    if markers & set(VILLAGES):
        assert len(found.place.villages) == 1
    if markers & set(WATERS):
        assert len(found.place.waters) == 1
    assert "หมู่ที่" not in found.core and "ซอย" not in found.core


@PROPS
@given(any_text)
def test_analyse_is_total_and_finds_moo_only_in_digits_present(text):
    found = analyse(text)
    numbers = [int(n) for n in re.findall("[0-9]+", to_arabic_digits(text))]
    for number in found.place.moo + found.place.sections:
        assert numbers and min(numbers) <= number <= max(numbers)
    assert found.place.moo == tuple(sorted(set(found.place.moo)))


@pytest.mark.parametrize("written", ["ศพด.บ้านแพะ", "ศ.พ.ด. บ้านแพะ", "ศพด บ้านแพะ"])
def test_the_nursery_abbreviation_reads_as_the_nursery(written):
    found = analyse("ปรับปรุง" + written)
    assert found.object == "childcare"
    assert "ศูนย์พัฒนาเด็กเล็ก" in found.normalised


def test_road_safety_names_no_road():
    assert analyse("รณรงค์ป้องกันอุบัติเหตุทางถนนช่วงเทศกาลสงกรานต์").place.named == ()
    assert analyse("ก่อสร้างรางระบายน้ำ ถนนพหลโยธิน หมู่ที่ 1").place.named == ("ถนนพหลโยธิน",)


def test_lexicon_reads_cameras_filters_sluices_cemeteries_and_pipe_mains():
    assert analyse("ติดตั้งกล้องโทรทัศน์วงจรปิด บ้านทุ่งฝาย").object == "cctv"
    assert analyse("ก่อสร้างระบบกรองน้ำประปาภูเขา บ้านห้วยเฮี้ย").object == "water_supply"
    assert analyse("ก่อสร้างประตูปิด-เปิดน้ำ คสล. ลำเหมืองดอนแก้ว").object == "sluice"
    assert analyse("ก่อสร้างรั้วคอนกรีตบล็อกรอบสุสาน หมู่ที่ 8").object == "cemetery"
    pipe = analyse("วางท่อเมนประปา PVC ขนาด 3 นิ้ว ซอย 2 หมู่ที่ 2")
    assert (pipe.work, pipe.object) == ("extend", "water_supply")
    assert analyse("จัดซื้อถังเก็บน้ำพลาสติก ขนาด 2,000 ลิตร").material == "plastic"
