"""What the check reads of a title once, when it is indexed, and the entries it compares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from planlink.core.project_lexicon import WORK_TYPES, Lexicon
from planlink.core.project_text import ProjectText, what

CHAIN = frozenset({"village", "tambon", "district"})  # the community plans' own line
THRESHOLD = 0.65
ACTIVITY_SUBJECT = 0.5  # Jaccard of two activities' subject words
_UNITS = frozenset(
    (
        "เมตร",
        "ม",
        "กม",
        "กิโลเมตร",
        "กว้าง",
        "ยาว",
        "หนา",
        "ลึก",
        "สูง",
        "ขนาด",
        "พื้นที่",
        "ตร",
        "ตารางเมตร",
        "ลบ",
        "ลูกบาศก์เมตร",
        "จุด",
        "แห่ง",
        "ต้น",
        "ตัว",
        "ชุด",
        "บ่อ",
        "ไม่น้อยกว่า",
        "รวม",
        "ผิวจราจร",
        "ไหล่ทาง",
        "พร้อม",
        "ปริมาณ",
        "ความ",
        "โครงการ",
        "ตำบล",
        "อำเภอ",
        "จังหวัด",
        "ต",
        "อ",
        "จ",
        "บาท",
        "งบประมาณ",
    )
)
_WORK_LEXICON = Lexicon({key: variants for key, (_label, variants) in WORK_TYPES.items()})
_NUMBERISH = re.compile(r"^[0-9.,x×/-]+$")
_BRACKETS = re.compile(r"\([^()]*\)")


_INTO = re.compile(r"ถนน[^ ]{0,20}?เข้า(?!หมู่บ้าน|พื้นที่|ชุมชน|สู่|ไป|ถึง|บ้าน)([ก-ฮะ-์]{4,})")
_ROUTE_CODE = re.compile(r"[ก-ฮ]{2}\.ถ [0-9]{1,3}-[0-9]{4,5}")
_HIGHWAY = re.compile(r"(?<![ก-๛])(ลป|ทล|ทช)\.?\s?([0-9]{1,4})(?![0-9])")
_SIDE = re.compile(
    r"(?:(?:ฝั่ง|ด้าน)\s?(?:ทิศ)?|ทิศ)\s?(ซ้าย|ขวา|ตะวันออก(?!เฉียง)|ตะวันตก(?!เฉียง)|เหนือ|ใต้)"
)
_KM = re.compile(r"กม\.?\s?(?:ที่)?\s?([0-9]+)\+([0-9]{3})\s?-\s?(?:กม\.?\s?)?([0-9]+)\+([0-9]{3})")
_INPUTS = re.compile(
    r"พันธุ์(?!ไม้ดอก)|อาหารสัตว์|อาหารปลา|อาหารไก่|เครื่อง(?:มือ|จักร|คั่ว|รีด|สี|บด|อบ|ตัด|พ่น|สูบ|ผลิต"
    r"|ปั่น|ซีล|นวด|ชั่ง|กะเทาะ)|อุปกรณ์|(?<!เศษ)วัสดุ|ปัจจัยการผลิต|ถังนม|ต้นกล้า|กล้าไม้|ลังเลี้ยง|หีบเลี้ยง"
)
# Words that tell two works of one kind apart: one side's word against another of its set.
EXCLUSIVE = (
    frozenset({"แรงต่ำ", "แรงสูง"}),
    frozenset({"เพื่อการเกษตร", "อุปโภค"}),
    frozenset({"ท่อระบายน้ำ", "รางระบายน้ำ", "ร่องระบายน้ำ"}),
    frozenset({"พักผู้โดยสาร", "อเนกประสงค์"}),
    frozenset({"หอกระจายข่าว", "ไร้สาย"}),
    frozenset({"แขวน", "คอนกรีตเสริมเหล็ก"}),
    frozenset({"ดินซีเมนต์", "กระสอบทราย", "คอนกรีตเสริมเหล็ก", "ผสมผสาน"}),
    # Kinds of one produce: raising layers is not raising native chickens.
    frozenset(
        {"ไก่พื้นเมือง", "ไก่ไข่", "ไก่เนื้อ", "ไก่ชน", "เป็ด", "เป็ดไข่", "เป็ดเทศ", "เป็ดเนื้อ", "ห่าน", "นกกระทา"}
    ),
    frozenset({"โคเนื้อ", "โคนม", "โคขุน", "สุกร", "แพะ", "กระบือ"}),
    frozenset({"ปลานิล", "ปลาดุก", "ปลาทับทิม", "กบ", "กุ้ง"}),
    # What a broom or a basket is made of.
    frozenset({"ทางมะพร้าว", "ดอกหญ้า", "ไม้ไผ่", "ผักตบชวา", "หวาย", "กระจูด", "เส้นพลาสติก"}),
    frozenset({"ป่าชุมชน", "ป่าสงวน"}),
    frozenset({"บ่อดิน", "กระชัง", "บ่อซีเมนต์"}),
    frozenset({"ปล่อยพันธุ์ปลา", "เลี้ยงปลา"}),
    # Crops: the seed of rice is not the seed of groundnuts.
    frozenset(
        {"ข้าว", "ถั่วลิสง", "ถั่วเหลือง", "ข้าวโพด", "ลำไย", "มะม่วง", "กาแฟ", "ยางพารา", "มันสำปะหลัง"}
    ),
    frozenset({"วันเด็ก", "วันแม่", "วันพ่อ", "วันผู้สูงอายุ"}),
    frozenset({"ปลูก", "แปรรูป"}),  # growing coffee is not roasting it
    frozenset(
        {
            "สบู่",
            "ยาหม่อง",
            "ลูกประคบ",
            "น้ำมันไพล",
            "แชมพู",
            "น้ำยาล้างจาน",
            "น้ำยาอเนกประสงค์",
            "น้ำยาปรับผ้านุ่ม",
            "น้ำยาซักผ้า",
        }
    ),
    frozenset({"ป้ายชื่อหมู่บ้าน", "ป้ายบอกทาง", "ป้ายชื่อซอย", "ป้ายประชาสัมพันธ์"}),
    frozenset({"เตาเผาถ่าน", "เตาชีวมวล", "เตาแก๊ส"}),
    # Where waste goes, and which waste: a sorting shed is not a hazardous-waste drop point.
    frozenset({"โรงเรือนคัดแยก", "จุดทิ้ง", "ถังขยะ", "เตาเผาขยะ", "บ่อขยะ", "ธนาคารขยะ"}),
    frozenset({"ขยะอันตราย", "ขยะเปียก", "ขยะอินทรีย์", "ขยะรีไซเคิล", "ขยะติดเชื้อ"}),
    frozenset({"ฝายชะลอน้ำ", "ฝายน้ำล้น"}),
    frozenset({"ลานกีฬา", "สนามเปตอง", "สนามฟุตบอล", "สนามฟุตซอล", "สนามตะกร้อ", "สนามวอลเลย์บอล"}),
    frozenset({"ไฮโดรโปนิกส์", "กางมุ้ง", "รั้วกินได้"}),  # ways of growing vegetables
    frozenset({"ตัดเย็บ", "ปักผ้า", "มัดย้อม", "จักสาน", "เครื่องปั้นดินเผา", "ดอกไม้จันทน์"}),
    frozenset({"หอถัง", "ถังน้ำใส", "ถังเก็บน้ำใส", "ถังเก็บน้ำ"}),  # the tower, or a tank
    # Which disease a campaign is against, what a group makes, how a fruit is grown.
    frozenset(
        {
            "ไข้เลือดออก",
            "มือเท้าปาก",
            "เหา",
            "วัณโรค",
            "พิษสุนัขบ้า",
            "เบาหวาน",
            "ความดัน",
            "โควิด",
            "ไข้หวัด",
            "มะเร็ง",
            "เอดส์",
            "ยาเสพติด",
        }
    ),
    frozenset(
        {
            "ขนมไทย",
            "เบเกอรี่",
            "ขนมปัง",
            "น้ำพริก",
            "แหนม",
            "ไส้อั่ว",
            "กล้วยฉาบ",
            "ข้าวแต๋น",
            "ทองม้วน",
            "ข้าวเกรียบ",
            "แยม",
        }
    ),
    frozenset({"ปุ๋ย", "ไล่แมลง", "สารชีวภัณฑ์", "ศัตรูพืช"}),
    frozenset({"ตอนกิ่ง", "นอกฤดู", "ตัดแต่งกิ่ง", "เสียบยอด", "ทาบกิ่ง"}),
    frozenset({"เห็ดนางฟ้า", "เห็ดฟาง", "เห็ดนางรม", "เห็ดขอนขาว", "เห็ดหลินจือ"}),
    frozenset({"กระจกโค้ง", "ป้ายเตือน", "ไฟกระพริบ", "สัญญาณไฟจราจร", "ลูกระนาด"}),
    # The spot a thing is put at: cameras at the village gate are not the nursery's.
    frozenset({"ทางเข้าหมู่บ้าน", "ศูนย์พัฒนาเด็กเล็ก", "โรงเรียน", "วัด", "ตลาด", "สี่แยก"}),
    # Whom an activity is for: training the young is not treating addicts nor the elderly.
    frozenset(
        {
            "ผู้สูงอายุ",
            "พิการ",
            "เยาวชน",
            "ผู้ปกครอง",
            "วัยรุ่น",
            "หญิงตั้งครรภ์",
            "ผู้ติดยา",
            "ผู้ป่วยติดเตียง",
            "เด็กเล็ก",
            "ปฐมวัย",
            "นักเรียน",
            "วัยทำงาน",
            "เกษตรกร",
            "สตรี",
            "ผู้นำชุมชน",
        }
    ),
)
# A part of a building or site: a roof over the court is not the court; and the building of
# a school or a temple is not the village's.
# Packaging or a brand of a product is another activity than making it.
PARTS = ("หลังคา", "ห้องน้ำ", "ห้องครัว", "รั้ว", "บันได", "โรงเรียน", "บรรจุภัณฑ์", "ตราสินค้า",
         "สนามเด็กเล่น", "โรงอาหาร")  # fmt: skip
_MARKS = str.maketrans("", "", "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
_END_PREFIXES = (
    "บาน", "อางเกบนำ", "อาง", "ลำหวย", "ลำนำ", "ลำเหมือง", "ลำ", "หวย", "หนอง", "ทุง", "แยก"
)  # fmt: skip


def place_name(name: str) -> str:
    """A place name as a key: no tone marks, no บ้าน/ลำห้วย/ห้วย… prefix, no spaces."""
    key = name.translate(_MARKS).replace(" ", "")
    stripped = True
    while stripped:
        stripped = False
        for prefix in _END_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                key, stripped = key[len(prefix) :], True
                break
    return key


_RESERVOIR = ("อางเกบนำ", "อาง")


def _kept_kind(name: str) -> str:
    """A place name as a key that keeps a reservoir apart from the village it is named after
    (อ่างเก็บน้ำห้วยแก้ว is not บ้านห้วยแก้ว)."""
    key = name.translate(_MARKS).replace(" ", "")
    for prefix in _RESERVOIR:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return "อาง" + place_name(key[len(prefix) :])
    return place_name(key)


def _end(name: str) -> str:
    """A road's end or name as a key; "สายกลางบ้าน…" / "สายกลางหมู่บ้าน" is the village's main
    street, whichever way it is written (the village itself is said elsewhere)."""
    key = name.translate(_MARKS).replace(" ", "")
    if key.startswith("เขา") and len(key) > 5:
        key = key[3:]  # สายเข้าทุ่งนา…: the road into it is named by it
    key = _kept_kind(key)
    central = key in ("กลาง", "กลางหมู") or key.startswith(("กลางบาน", "กลางหมูบาน"))
    return "กลางบาน" if central else key


def _water_name(water: str) -> str:
    return _kept_kind(water)


# Raised whenever `features` changes what it reads: rows of the index with another version are
# indexed again when next read (integration.proposals.entries).
FEATURES_VERSION = 18


def features(text: ProjectText) -> dict[str, Any]:
    """What the check needs of a title, as plain JSON (stored in the index)."""
    p = text.place
    works = [key for key, _s, _e in _WORK_LEXICON.scan(text.core.replace(" ", ""))]
    codes = {r for r in p.routes if _ROUTE_CODE.fullmatch(r)}
    codes |= {f"{m[0]}.{m[1]}" for m in _HIGHWAY.findall(text.normalised)}
    ends: list[list[str]] = []
    for route in p.routes:
        if route in codes or _ROUTE_CODE.fullmatch(route):
            continue
        pair = [_end(e) for e in re.split(r"-", route) if e.strip()]
        if pair == ["หมู"]:
            continue  # "สายหมู่บ้าน – …" read short: the village's own end says no route
        if 1 <= len(pair) <= 3:
            ends.append(sorted(pair))  # a road's ends, or its one name (สายทุ่งนาหลวง)
    if p.span:
        ends.append(sorted(_kept_kind(e) for e in p.span))
    if not p.routes and not p.span:
        # "ถนนเข้าทุ่งนา" without "สาย": the road is named by where it leads.
        ends.extend([_end(m[1])] for m in _INTO.finditer(text.normalised))
    in_routes = {n for pair in ends for n in pair}
    villages = sorted({place_name(v) for v in p.villages} - in_routes)
    names = sorted(
        set(villages)
        | in_routes
        | {_water_name(w) for w in p.waters}
        | {place_name(n) for n in p.named}
    )
    return {
        "v": FEATURES_VERSION,
        "work": _work(text, works),
        # Every work the title says, not only its first: ส่งเสริมการปลูกผัก promotes planting.
        "works": sorted(set(works)),
        "object": text.object,
        "material": text.material,
        "tokens": [t for t in text.tokens if not _NUMBERISH.match(t) and t not in _UNITS],
        "soi": sorted(set(p.soi)),
        "sections": sorted(set(p.sections)),
        "codes": sorted(codes),
        "ends": sorted(ends),
        "waters": sorted(set(p.waters)),
        "named": sorted(set(p.named)),
        "moo": sorted(set(p.moo)),
        "village_names": villages,
        "names": names,
        "sides": sorted(set(_SIDE.findall(text.normalised))),
        "km": [
            [int(a) * 1000 + int(b), int(c) * 1000 + int(d)]
            for a, b, c, d in _KM.findall(text.normalised)
        ],
        # Inputs handed out (fry, feed, machines, tools): another project than a training.
        "inputs": bool(_INPUTS.search(text.normalised.replace(" ", ""))),
        "words": sorted(
            {w for group in EXCLUSIVE for w in group if w in text.normalised.replace(" ", "")}
        ),
        # A part named in parentheses is the detail of the work, not what it is done to:
        # ปรับปรุงศาลาอเนกประสงค์ (เปลี่ยนหลังคาและปูกระเบื้อง) is the hall's repair.
        "parts": _parts(_BRACKETS.sub(" ", text.normalised)),
        "parts_any": _parts(text.normalised),
        "alts": _alternatives(text, _work(text, works)),
    }


_AND = re.compile(r"\s?และ\s?")


def _alternatives(text: ProjectText, work: str | None) -> list[dict[str, Any]]:
    """The works of a title that joins two with "และ" (ก่อสร้างถนน คสล. และรางระบายน้ำ,
    ขยายเขตไฟฟ้าและติดตั้งไฟฟ้าส่องสว่าง), each as the work, object and parts it would have
    alone: a line for one of them alone is the same request (funding both pays for it twice).
    A piece without its own verb or object takes the title's."""
    pieces = [x for x in _AND.split(text.core) if x.strip()]
    if len(pieces) < 2:
        return []
    found = []
    for piece in pieces:
        w, o, _m = what(piece)
        alt = {"work": w or work, "object": o or text.object, "parts": _parts(piece)}
        if alt not in found:
            found.append(alt)
    if not all(alt["work"] in _PLACED for alt in found):
        return []  # an activity's "และ" joins its subject's words (ไฟป่าและหมอกควัน)
    whole = {"work": work, "object": text.object, "parts": _parts(text.core)}
    return found if len(found) > 1 or found[0] != whole else []


def _parts(text: str) -> list[str]:
    """The parts a title's work is done to; not a place it stands by (หน้าโรงเรียน)."""
    return sorted({m[1] or m[2] for m in _PART.finditer(text)})


_PART = re.compile(
    rf"(?<!หน้า)(?<!ข้าง)(?<!ริม)(?<!ใกล้)({'|'.join(PARTS)})(?!กินได้)"
    # the shoulder as what is built, not as a road's spec (ไหล่ทางข้างละ 0.50 เมตร)
    r"|(?:(?<=สร้าง)|(?<=ปรับปรุง)|(?<=ซ่อมแซม)|(?<=ขยาย))(ไหล่ทาง)"
)


# Verbs that ask for a work rather than say it: "ขอรับการสนับสนุนเจาะบ่อบาดาล" drills a well.
_REQUESTS = frozenset({"support"})


# An agency's programme words before the work it funds: "ส่งเสริมการจัดการขยะชุมชน
# ก่อสร้างโรงคัดแยกขยะ" builds the shed.
_UMBRELLAS = frozenset({"promote", "develop"})
_BUILDING = ("construct", "dredge", "install", "drill", "extend", "repair")
_PLACED = frozenset({*_BUILDING, "improve", "build_up"})


def _work(text: ProjectText, works: list[str]) -> str | None:
    """The title's work; a request's is the work it asks for, a programme's the building
    work it names after its own words."""
    if text.work in _REQUESTS:
        return next((w for w in works if w not in _REQUESTS), text.work)
    if text.work in _UMBRELLAS and works and works[0] == text.work:
        return next((w for w in works[1:] if w in _BUILDING), text.work)
    return text.work


@dataclass(frozen=True)
class Entry:
    """One proposal of the index, as the check sees it."""

    key: str  # "item:<lineage>" or "line:<list>:<line key>"
    origin: str  # village, tambon, district, local, province, agency
    group: str  # the plan or list it belongs to: entries of one group are never compared
    area: str  # the smallest area known to hold the whole work (a code prefix)
    villages: frozenset[str]  # village codes the work is in, when known
    first_year: int
    last_year: int
    title: str
    feats: dict[str, Any] = field(hash=False, compare=False)
    generic: bool = False  # a programme item: its villages' own lines are checked instead


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    score: float
    reason_th: str
    reason_en: str
