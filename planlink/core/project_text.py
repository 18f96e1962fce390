"""Read Thai local project titles: one normal form, the work, the object and the place.

Consolidation (the same need in several villages of a tambon becomes one tambon item) and the
duplicate check across budget sources (same work + same place + overlapping years) both have to
see through the way titles are written: abbreviations (คสล. = ค.ส.ล. = คอนกรีตเสริมเหล็ก,
ม.5 = หมู่ที่ 5), Thai or Arabic digits, spaces anywhere, specs added or dropped between
documents, a "โครงการ" prefix or none. They also must not merge what differs: the same work in
another หมู่, ซอย, สาย or ช่วงที่ is another project. So a title is split into
`core` (what the work is, specs and places removed), `work`/`object`/`material` keys, and a
`Place` holding every place marker. Pure and fast: no database, no other planlink app.

Rules the callers rely on:
- `core` keeps the material ("ถนนคอนกรีตเสริมเหล็ก") but drops specs: sizes (กว้าง/ยาว/หนา/
  ขนาด/ระยะทาง/พื้นที่/จำนวน + number + unit), "ตามแบบ ... กำหนด", drain and weir types
  ("แบบมีฝาปิด", "พร้อมบ่อพัก", "แบบผสมผสาน": specs, dropped because documents add and omit
  them), local-road codes (they go to `Place.routes`), "(ช่วงที่ n)" (to `Place.sections`),
  fiscal years, local-government names, and the "โครงการ" prefix.
- A named water body that *is* the object ("ขุดลอกลำห้วยแม่ตาล") leaves its kind in `core`
  ("ขุดลอกลำห้วย"); one that only locates another object ("ฝายชะลอน้ำ ลำห้วยแม่ตาล") is
  removed. Roads, temples and schools with a name behave the same way.
- Place name keys drop Thai tone marks, ็ and ์ from the *name* (northern names are spelt
  with or without them: แม่ต๋อม = แม่ตอม); the kind word before it stays as written
  ("ลำห้วยแมตาล", "บ้านแมตาล-บ้านปาตัน"). `normalised` keeps every mark.
- Body names (องค์การบริหารส่วนตำบล..., เทศบาล...) and ตำบล/อำเภอ/จังหวัด names are not places.
- Route endpoints are not also counted as villages; moo ranges ("หมู่ที่ 1-5") are expanded.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pythainlp.tokenize import word_tokenize

from planlink.core import project_lexicon as lex
from planlink.core.project_lexicon import OBJECTS, WORK_TYPES
from planlink.core.thai import to_arabic_digits

__all__ = [
    "OBJECTS",
    "WORK_TYPES",
    "Place",
    "ProjectText",
    "analyse",
    "normalise",
    "object_label",
    "place_key",
    "same_route",
    "what",
    "work_label",
]


@dataclass(frozen=True)
class Place:
    """Where a project is, as identity keys (see the module docstring for how names are keyed)."""

    moo: tuple[int, ...] = ()
    villages: tuple[str, ...] = ()
    soi: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    sections: tuple[int, ...] = ()
    span: tuple[str, str] | None = None
    waters: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when the title names no place at all (a village-wide or generic activity)."""
        return not (self.moo or self.villages or self.soi or self.routes or self.sections) and not (
            self.span or self.waters or self.named
        )

    def shared_keys(self) -> frozenset[str]:
        """Places several villages can share (a creek, a road between villages): consolidation
        groups villages' needs on these, whereas moo, soi and village belong to one village."""
        keys = {f"water:{w}" for w in self.waters} | {f"route:{r}" for r in self.routes}
        keys |= {f"named:{n}" for n in self.named}
        if self.span:
            keys.add(f"span:{self.span[0]}-{self.span[1]}")
        return frozenset(keys)


@dataclass(frozen=True)
class ProjectText:
    """A title read for matching; `core`, `work` and `object` say what, `place` says where."""

    raw: str
    normalised: str
    core: str
    tokens: tuple[str, ...]
    work: str | None
    object: str | None
    material: str | None
    place: Place


def same_route(a: str, b: str) -> bool:
    """Whether two route keys name one road: `routes` keep the written order of endpoints (the
    village writing the title tends to name itself first), so "A-B" and "B-A" are the same
    road here; a registration code ("ลป.ถ 1-0012") only equals itself."""
    if a == b:
        return True
    if _CODE_NORM.fullmatch(a) or _CODE_NORM.fullmatch(b):
        return False
    return sorted(a.split("-")) == sorted(b.split("-"))


def work_label(key: str) -> str:
    """Thai label of a work key; an unknown (e.g. retired) key is shown as it is."""
    return WORK_TYPES[key][0] if key in WORK_TYPES else key


def object_label(key: str) -> str:
    """Thai label of an object key; an unknown (e.g. retired) key is shown as it is."""
    return OBJECTS[key][0] if key in OBJECTS else key


# --- Normalising ----------------------------------------------------------------------------

_TH = "\u0e01-\u0e4e"  # Thai letters, vowels and marks (digits are made Arabic first)
_MARKS = str.maketrans("", "", "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")  # ็ ่ ้ ๊ ๋ ์
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_CHARS = str.maketrans(
    {"–": "-", "—": "-", "‑": "-", "‐": "-", "‒": "-", "−": "-", "“": '"', "”": '"',
     "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"}
)  # fmt: skip
_NUM = r"[0-9]{1,6}(?![0-9])"
_CODE = re.compile(r"([ก-ฮ]{2})\.\s?ถ\.?\s?([0-9]{1,3})\s?-\s?([0-9]{1,5})(?![0-9])")
_SOLAR = re.compile(r"โซล(?:่า|า)(?:ร์)?\s?เซล(?:ล์|ส์|ล)?|solar\s?cells?", re.I)
_ADMIN_WORDS = {"ต": "ตำบล", "อ": "อำเภอ", "จ": "จังหวัด"}
_MATERIAL_HINTS = ("คอนกรีต", "แอสฟัลท์", "ลูกรัง", "หินคลุก", "ลาดยาง")
_MATERIAL_WORDS = "|".join(_MATERIAL_HINTS)

# (hints, pattern, replacement) applied in order, each only when the text holds one of its
# hints (none: always); the whole list runs until nothing changes.
_Rule = tuple[tuple[str, ...], re.Pattern[str], str | Callable[[re.Match[str]], str]]
# fmt: off
_RULES: list[_Rule] = [
    ((), re.compile("เเ"), "แ"),
    ((), re.compile("\u0e4d\u0e32"), "ำ"),
    ((), re.compile(r"^[\s\-•*·.]+|^\(?[0-9]{1,3}[.)]\s+(?=[ก-ฮเ-ไ])"), ""),
    (("ค.", "คสล"), re.compile(r"ค\.\s?ส\.\s?ล\.?|คสล\.?"), " คอนกรีตเสริมเหล็ก "),
    (("อ่างฯ",), re.compile(r"อ่างฯ\s?"), "อ่างเก็บน้ำ"),
    (("ศพด", "ศ.พ"), re.compile(rf"ศ\.?พ\.?ด(?:\.|(?![{_TH}]))\s?"), " ศูนย์พัฒนาเด็กเล็ก "),
    (("แอสฟัล",), re.compile(r"แอสฟัล(?:ท์|ต์)?(?:ติก|ติค|ทิก)"), "แอสฟัลท์ติก"),
    (("แอสฟัลต์",), re.compile(r"แอสฟัลต์"), "แอสฟัลท์"),
    (("โซล", "olar", "OLAR"), _SOLAR, "โซลาร์เซลล์"),
    (("อบต", "อ.บ"), re.compile(rf"อ\.?บ\.?ต\.|อบต(?![{_TH}])"), " องค์การบริหารส่วนตำบล"),
    (("อบจ", "อ.บ"), re.compile(rf"อ\.?บ\.?จ\.|อบจ(?![{_TH}])"), " องค์การบริหารส่วนจังหวัด"),
    (("ต.",), re.compile(rf"(?<![{_TH}])ท\.?ต\."), " เทศบาลตำบล"),
    (("ม.",), re.compile(rf"(?<![{_TH}])ท\.?ม\."), " เทศบาลเมือง"),
    (("น.",), re.compile(rf"(?<![{_TH}])ท\.?น\."), " เทศบาลนคร"),
    (("ต.", "อ.", "จ."), re.compile(r"(?<![^\s(])([ตอจ])\.\s?(?![ก-ฮ]\.)(?=[ก-ฮเ-ไ])"),
     lambda m: _ADMIN_WORDS[m[1]]),
    (("ถ",), _CODE, lambda m: f" {m[1]}.ถ {int(m[2])}-{m[3].zfill(4)} "),
    (("บ.",), re.compile(rf"(?<![0-9อ.])(?<!(?<![{_TH}])ล)บ\.(?!\s?ต่อ)\s?(?=[ก-ฮเ-ไ])"), " บ้าน"),
    (("ถ.",), re.compile(r"(?<![0-9.])ถ\.\s?(?=[ก-ฮเ-ไ])"), "ถนน"),
    (("ซ.",), re.compile(r"(?<![0-9.])ซ\.\s?(?=[0-9ก-ฮเ-ไ])"), " ซอย"),
    (("หมู่", "ม."), re.compile(
        # not the ม. of กม. (kilometres), nor of ชั้น ม. (a school grade)
        rf"(?:หมู่\s?ที่|หมู่|(?<![.0-9])(?<!(?<![{_TH}])ก)(?<!ชั้น)(?<!ชั้น )ม\.\s?(?:ที่)?)"
        rf"\s?({_NUM})"), r" หมู่ที่ \1"),
    (("ช่วง",), re.compile(rf"ช่วง(?:\s?ที่)?\s?({_NUM})"), r" ช่วงที่ \1"),
    (("ช่วงที่",), re.compile(r"\(\s?(ช่วงที่ [0-9]+(?:\s?(?:-|,|และ)\s?[0-9]+)*)\s?\)"), r" \1 "),
    (("ซอย",), re.compile(r"(?<=\S)(?=ซอย\s?(?:[0-9]|[ก-ฮเ-ไ]))"), " "),
    (("ซอย",), re.compile(rf"ซอย\s?({_NUM}(?:/[0-9]{{1,3}})?)"), r"ซอย \1"),
    (("แยก",),  # ซอย 3 แยก 1 is ซอย 3/1
     re.compile(r"ซอย ([0-9]{1,6})\s?แยก\s?(?:ที่)?\s?([0-9]{1,3})(?![0-9/])"), r"ซอย \1/\2"),
    (("หมู่ที่", "ซอย", "ช่วงที่"),
     re.compile(rf"((?:หมู่ที่|ซอย|ช่วงที่) [0-9/]+)(?=[{_TH}A-Za-z(])"), r"\1 "),
    (("-",), re.compile(r"(?<=[0-9])\s*-\s*(?=[0-9])"), "-"),
    (("-",), re.compile(r"(?<![0-9])\s*-\s*|\s*-\s*(?![0-9])"), " - "),
    (_MATERIAL_HINTS, re.compile(rf"(?<=[{_TH}])\s+(?={_MATERIAL_WORDS})"), ""),
    (("( ", " )"), re.compile(r"\(\s+|\s+\)"), lambda m: m[0].strip()),
]
# fmt: on
_TRAILING = re.compile(r"[\s.\-,;:/]+$")


def _before_ok(text: str, i: int, blocked: tuple[str, ...]) -> bool:
    return not text[:i].rstrip(" ").endswith(blocked)


def _name_ok(rest: str, blocked: tuple[str, ...]) -> bool:
    return bool(rest) and re.match("[ก-ฮเ-ไ]", rest) is not None and not rest.startswith(blocked)


def _is_village(text: str, i: int) -> bool:
    return _before_ok(text, i, lex.VILLAGE_PRE_BLOCK) and _name_ok(
        text[i + 4 :], lex.VILLAGE_NAME_BLOCK
    )


def _is_route(text: str, i: int) -> bool:
    rest = text[i + 3 :].removeprefix(" ")
    if not _before_ok(text, i, lex.ROUTE_PRE_BLOCK) or not rest:
        return False
    return bool(_CODE_NORM.match(rest)) or _name_ok(rest, lex.ROUTE_NAME_BLOCK)


def _space_markers(text: str) -> str:
    """A space before each village and route marker and none after "สาย" ("สายบ้านป่าตัน"),
    so glued and spaced titles agree."""
    out, last = [], 0
    for m in re.finditer("บ้าน|สาย", text):
        i = m.start()
        route = m[0] == "สาย" and _is_route(text, i)
        if not route and not (m[0] == "บ้าน" and _is_village(text, i)):
            continue
        if i and text[i - 1] != " ":
            out.append(text[last:i] + " ")
            last = i
        if route and text[i + 3 : i + 4] == " " and not _CODE_NORM.match(text, i + 4):
            out.append(text[last : i + 3])
            last = i + 4
    return "".join(out) + text[last:]


def _normalise_once(text: str) -> str:
    for hints, pattern, repl in _RULES:
        if not hints or any(hint in text for hint in hints):
            text = pattern.sub(repl, text)
    text = _space_markers(_SPACES.sub(" ", text))
    return _TRAILING.sub("", _SPACES.sub(" ", text).strip())


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The one written form of a title: Arabic digits, NFC, one kind of space, dash and quote,
    abbreviations spelt out (คสล. → คอนกรีตเสริมเหล็ก, ม.5/หมู่ 5/ม.ที่ 5 → หมู่ที่ 5, บ. → บ้าน,
    ถ. → ถนน, ซ. → ซอย, อบต./อบจ./ทต./ทม./ทน. → the body's name), one spelling of โซลาร์เซลล์
    and แอสฟัลท์ติก, a space before every หมู่ที่/ซอย/ช่วงที่/บ้าน/สาย marker and none before a
    material, trailing ".-" noise removed. The rules run until nothing changes, so applying
    normalise again never changes the result."""
    text = unicodedata.normalize("NFC", to_arabic_digits(str(text))).translate(_INVISIBLE)
    text = _SPACES.sub(" ", text.translate(_CHARS))
    for _ in range(6):
        done = _normalise_once(text)
        if done == text:
            break
        text = done
    return text


# --- Extracting places --------------------------------------------------------------------

_STOP = r"หมู่ที่|ซอย|ช่วงที่|ตำบล|อำเภอ|จังหวัด|พร้อม|เพื่อ|และ|ถึง|บ้าน|ข้าม|บริเวณ|สาย(?=\s?บ้าน)"
_STOP_FIRST = "หซชตอจพเแถบขส"  # the first letters of _STOP: only they need the look-ahead
_NAME = rf"[ก-ฮเ-ไ](?:[^\s()\[\]{{}}\"',/:;.\-0-9{_STOP_FIRST}]|(?!{_STOP})[{_STOP_FIRST}])*"
_CODE_NORM = re.compile(r"[ก-ฮ]{2}\.ถ [0-9]{1,3}-[0-9]{4,5}")
_CODE_PHRASE = re.compile(
    r"\(?\s?(?:สาย\s?)?(?:รหัส\s?)?(?:สายทาง\s?)?(?:ทางหลวงท้องถิ่น\s?)?(?:หมายเลข\s?)?"
    r"(?:รหัส\s?)?([ก-ฮ]{2}\.ถ [0-9]{1,3}-[0-9]{4,5})\s?\)?"
)
_ROUTE = re.compile(rf"สาย ?((?:บ้าน)?{_NAME}(?: ?(?:-|ถึง) ?(?:บ้าน)?{_NAME})*)")
_SPAN = re.compile(rf"จาก ?((?:บ้าน)?{_NAME}) ?(?:-|ถึง) ?((?:บ้าน)?{_NAME})")
_BODY = re.compile(
    rf"(?:ของ ?|โดย ?)?(?:องค์การบริหารส่วน(?:ตำบล|จังหวัด)|เทศบาล(?:ตำบล|เมือง|นคร))(?:(?:บ้าน)?{_NAME})?"
)
_ADMIN = re.compile(rf"(?<!ส่วน)(?<!เทศบาล)(?:ตำบล|อำเภอ|จังหวัด) ?(?:(?:บ้าน)?{_NAME})")
_LIST = r"(?: ?(?:,|และ|-|ถึง|หรือ) ?(?:{marker} ?)?[0-9]{{1,6}}(?![0-9]))*"
_MOO = re.compile(rf"หมู่ที่ ({_NUM}{_LIST.format(marker='หมู่ที่')})")
_SECTION = re.compile(rf"ช่วงที่ ({_NUM}{_LIST.format(marker='ช่วงที่')})")
_SOI = re.compile(rf"ซอย ?({_NUM}(?:/[0-9]{{1,3}})?|{_NAME})")
_VILLAGE = re.compile(rf"บ้าน({_NAME})")
_WATER = re.compile(rf"({'|'.join(sorted(lex.WATER_KINDS, key=len, reverse=True))})({_NAME})")


def _waters(text: str) -> Iterator[re.Match[str]]:
    """Each water word with the name after it; a generic one ("หนองน้ำสาธารณะ") does not hide
    the named water inside what it took as its name ("หนองน้ำสาธารณะหนองนาว")."""
    pos = 0
    while (m := _WATER.search(text, pos)) is not None:
        yield m
        generic = m[2].startswith(lex.WATER_NAME_BLOCK) or m[2] in lex.WATER_NAMES_GENERIC
        pos = m.start() + len(m[1]) if generic else m.end()


_NAMED = re.compile(rf"({'|'.join(lex.NAMED_KINDS)})((?:บ้าน)?{_NAME})")
_UNIT = (
    r"(?:ตารางเมตร|ตร\.ม\.?|ลูกบาศก์เมตร|ลบ\.ม\.?|กิโลเมตร|กม\.?|เซนติเมตร|ซม\.?|มิลลิเมตร|"
    rf"มม\.?|เมตร|นิ้ว|ไร่|จุด|ต้น|แห่ง|บ่อ|หลัง|ชุด|ตัว|ใบ|ม\.?(?![{_TH}]))"
)
_DIM_WORD = (
    r"(?:ขนาด|กว้าง|ยาว|หนา|สูง|ลึก|ระยะทาง|ความ(?:ยาว|กว้าง|หนา|สูง|ลึก|จุ)|พื้นที่|"
    r"เส้นผ่าน?ศูนย์กลาง|จำนวน|ปริมาณ)"
)
_DIM = re.compile(
    rf"(?<![{_TH}])(?:หรือ ?)?{_DIM_WORD} ?(?:เฉลี่ย|ประมาณ|ไม่น้อยกว่า|รวม|ข้างละ|ไม่เกิน)? ?"
    rf"(?:Ø ?)?[0-9][0-9.,]*(?: ?[x×*] ?[0-9][0-9.,]*)* ?{_UNIT}?"
)
_SPECS = re.compile(
    r"ตามแบบ(?:แปลน)?(?:ที่)?[^()]{0,60}?กำหนด|ตามแบบ(?:แปลน|มาตรฐาน)\S*|"
    r"(?:แบบ|ชนิด)(?:มีฝาปิด|ไม่มีฝาปิด|ฝาปิด|รางวี|รูปตัวยู|ตัวยู|ตัว ?U|ผสมผสาน|กึ่งถาวร|ถาวร)|"
    r"พร้อม(?:ฝาปิด|บ่อพัก|ป้ายโครงการ)|(?:ประจำ)?ปี(?:งบประมาณ)? ?(?:พ\.ศ\. ?)?25[0-9]{2}"
)
_PREPS = ("ภายใน", "บริเวณ", "ข้าม", "เลียบ", "ริม", "ของ", "ใน", "ณ")


def _key(name: str) -> str:
    """A place name as an identity key: no tone marks, no ็ or ์, no spaces."""
    return name.translate(_MARKS).replace(" ", "")


def place_key(name: str) -> str:
    """A village, tambon or district name keyed as titles' names are (บ้าน / ตำบล dropped)."""
    for prefix in ("บ้าน", "ตำบล", "อำเภอ", "ต.", "อ.", "บ."):
        name = name.strip().removeprefix(prefix)
    return _key(name)


def _endpoint_key(name: str) -> str:
    prefix = "บ้าน" if name.startswith("บ้าน") else ""
    return prefix + _key(name.removeprefix(prefix))


def _numbers(text: str) -> list[int]:
    """Numbers of a "1, 3 และ 5" or "1-5" list; a range wider than 50 is read as its ends."""
    found: list[int] = []
    parts = re.split(r" ?(?:,|และ|หรือ) ?", text)
    for part in parts:
        ends = [int(n) for n in re.findall(r"[0-9]+", part)]
        ranged = len(ends) == 2 and re.search("-|ถึง", part) and 0 < ends[1] - ends[0] <= 50
        found.extend(range(ends[0], ends[1] + 1) if ranged else ends)
    return found


class _Reader:
    """Finds place markers in a normalised title, each character claimed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement) for `core`

    def free(self, start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in self.taken)

    def claim(self, start: int, end: int, keep: str = "", *, prep: bool = True) -> bool:
        if not self.free(start, end):
            return False
        self.taken.append((start, end))
        if prep:
            before = self.text[:start].rstrip(" ")
            for word in _PREPS:
                lead = before[: -len(word)]
                if before.endswith(word) and (len(word) > 2 or not lead or lead[-1] == " "):
                    start = len(lead)
                    break
        self.edits.append((start, end, keep))
        return True

    def each(
        self,
        pattern: re.Pattern[str],
        test: Callable[[int], bool] | None = None,
        *,
        prep: bool = True,
    ) -> list[re.Match[str]]:
        return [
            m
            for m in pattern.finditer(self.text)
            if (test is None or test(m.start())) and self.claim(m.start(), m.end(), prep=prep)
        ]

    def object_before(self, i: int) -> bool:
        """Whether an object word precedes position i, places already read left out."""
        chars = list(self.text[:i])
        for s, e in self.taken:
            chars[s:e] = "|" * len(chars[s:e])
        return _OBJECTS.best(_compact("".join(chars))) is not None

    def kind_or_drop(self, m: re.Match[str], kind: str) -> None:
        """Keep the kind word in `core` when the named place is the object of the work."""
        self.claim(m.start(), m.end(), "" if self.object_before(m.start()) else kind)

    def core(self) -> str:
        text, parts, last = self.text, [], 0
        for start, end, keep in sorted(self.edits):
            if start < last:
                start = last
            parts.append(text[last:start] + (keep or " "))
            last = max(last, end)
        core = _SPACES.sub(" ", "".join(parts) + text[last:]).strip()
        core = re.sub(r"^(?:โครงการ ?)+", "", core)
        core = re.sub(r"\(\s*\)|[\"']", " ", core)
        core = re.sub(r"^(?:\s*(?:-|,|/|และ|ถึง))+|(?:\s*(?:-|,|/|และ|ถึง|ข้าม))+$", "", core)
        return _SPACES.sub(" ", core).strip()


def _read_place(r: _Reader) -> Place:
    text = r.text
    r.each(_SPECS, prep=False)
    r.each(_BODY, prep=False)
    routes = [m[1] for m in r.each(_CODE_PHRASE)]
    for m in r.each(_ROUTE, lambda i: _is_route(text, i)):
        ends = re.split(r" ?(?:-|ถึง) ?", m[1])
        routes.append("-".join(_endpoint_key(e) for e in ends))
    spans = [(_endpoint_key(m[1]), _endpoint_key(m[2])) for m in r.each(_SPAN)]
    r.each(_ADMIN)
    moo = [n for m in r.each(_MOO) for n in _numbers(m[1])]
    sections = [n for m in r.each(_SECTION) for n in _numbers(m[1])]
    soi_found = [m[1] for m in r.each(_SOI, lambda i: _soi_ok(text, i))]
    soi = [str(int(s)) if s.isdigit() else s if s[0].isdigit() else _key(s) for s in soi_found]
    r.each(_DIM, prep=False)
    villages = [_key(m[1]) for m in r.each(_VILLAGE, lambda i: _is_village(text, i))]
    waters: list[str] = []
    for m in _waters(text):
        name = m[2]
        if name.startswith(lex.WATER_NAME_BLOCK) or name in lex.WATER_NAMES_GENERIC:
            continue
        kind = lex.WATER_KINDS[m[1]]
        if r.free(m.start(), m.end()):
            waters.append(kind + _key(name))
            r.kind_or_drop(m, kind)
    named: list[str] = []
    for m in _NAMED.finditer(text):
        kind, name = m[1], m[2]
        generic = name.startswith(lex.NAMED_KINDS[kind]) or len(name) < 3
        if generic or not _before_ok(text, m.start(), lex.NAMED_PRE_BLOCK[kind]):
            continue
        if r.free(m.start(), m.end()):
            named.append(kind + _endpoint_key(name))
            r.kind_or_drop(m, kind)
    return Place(
        moo=tuple(sorted(set(moo))),
        villages=tuple(sorted(set(villages))),
        soi=tuple(sorted(set(soi))),
        routes=tuple(sorted(set(routes))),
        sections=tuple(sorted(set(sections))),
        span=spans[0] if spans else None,
        waters=tuple(sorted(set(waters))),
        named=tuple(sorted(set(named))),
    )


def _soi_ok(text: str, i: int) -> bool:
    rest = text[i + 3 :].removeprefix(" ")
    return rest[:1].isdigit() or _name_ok(rest, lex.SOI_NAME_BLOCK)


# --- Work, object, material -----------------------------------------------------------------


_WORKS = lex.Lexicon({k: v for k, (_, v) in WORK_TYPES.items()})
_OBJECTS = lex.Lexicon({k: v for k, (_, v) in OBJECTS.items()})
_MATERIALS = lex.Lexicon(lex.MATERIALS)
_PARENS = re.compile(r"\([^()]*\)")
_PUNCTUATION = "()[]{}\"'.,-/:;!?"


def _compact(text: str) -> str:
    return text.replace(" ", "")


@functools.lru_cache(maxsize=16384)  # cores repeat: the same work in many places
def _what(core: str) -> tuple[str | None, str | None, str | None]:
    """Work, object and material of a core; text in parentheses counts only as a fallback.
    The words of the work are no object ("เยี่ยมบ้าน" visits, it is no house)."""
    full = _compact(core)
    work = obj = None
    for text in (_PARENS.sub("|", full), full) if "(" in full else (full,):
        found = _WORKS.best(text)
        if found:
            work = work or found[0]
            text = text[: found[1]] + "|" + text[found[2] :]
        obj = obj or _OBJECTS.key(text, lex.OBJECT_RANK)
    return work, obj, _MATERIALS.key(full)


def what(core: str) -> tuple[str | None, str | None, str | None]:
    """Work, object and material keys of a core or a piece of one ("และรางระบายน้ำ")."""
    return _what(core)


@functools.lru_cache(maxsize=16384)
def _tokens(core: str) -> tuple[str, ...]:
    if not core:
        return ()
    words = word_tokenize(core, engine="newmm", keep_whitespace=False)
    stripped = (w.strip().strip(_PUNCTUATION) for w in words)
    return tuple(
        w for w in stripped if w and not all(unicodedata.category(c)[0] in "PSZC" for c in w)
    )


@functools.lru_cache(maxsize=65536)
def analyse(text: str) -> ProjectText:
    """Read one title (cached: the same titles come back across plans and years).

    Total: any string gives a result; a title without a known verb or object gets None there,
    and callers then fall back to comparing `core` or `tokens`."""
    normalised = normalise(text)
    reader = _Reader(normalised)
    place = _read_place(reader)
    core = reader.core()
    work, obj, material = _what(core)
    return ProjectText(
        raw=text,
        normalised=normalised,
        core=core,
        tokens=_tokens(core),
        work=work,
        object=obj,
        material=material,
        place=place,
    )
