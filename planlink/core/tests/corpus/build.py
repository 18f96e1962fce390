"""How the committed corpus files were made: `python -m planlink.core.tests.corpus.build`
rewrites them (CSV byte for byte; XLSX and Parquet with new timestamps inside).

Each file is written the way it reaches planlink in real life — Excel's CSV in cp874, a
hand-typed file with Thai digits, a workbook with number cells, cached formula results and
merged cells — so the file, not this script, is what the corpus test reads. Files too big to
commit (bombs, huge cells) are made at test time by `generate.py` instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
DATA = ROOT.parents[2] / "evidence" / "data"

A, B = "52010101", "52010102"  # villages of tambon 520101 (the Lampang demo)
C = "52010201"  # tambon 520102, district 5201
OTHER = "52020101"  # district 5202
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai(text: object) -> str:
    return str(text).translate(THAI)


def make_id(first12: str) -> str:
    """A 13-digit citizen ID with a valid check digit (synthetic: no real person's)."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


ID1 = make_id("352010100017")
ID2 = make_id("152010200345")
ID3 = make_id("552010300981")


def grouped(citizen_id: str, sep: str = "-") -> str:
    """1-2345-67890-12-3, as the card prints it."""
    d = citizen_id
    return sep.join((d[0], d[1:5], d[5:10], d[10:12], d[12]))


# --- writers --------------------------------------------------------------------------------


def csv_text(rows: Sequence[Sequence[object]], *, sep: str = ",", crlf: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n" if crlf else "\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def write_csv(
    name: str,
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    sep: str = ",",
    crlf: bool = False,
) -> None:
    write_bytes(name, csv_text(rows, sep=sep, crlf=crlf).encode(encoding))


def write_bytes(name: str, data: bytes) -> None:
    path = ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class Formula:
    """A formula cell; `value` is the result Excel caches beside it (None: no cached value)."""

    def __init__(self, formula: str, value: object = None) -> None:
        self.formula = formula
        self.value = value


class Merged:
    """The top-left cell of a range merged `down` rows further (and `right` columns)."""

    def __init__(self, value: object, down: int = 0, right: int = 0) -> None:
        self.value = value
        self.down = down
        self.right = right


def write_xlsx(
    name: str,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    more: Callable[[Any], None] | None = None,
) -> None:
    """An XLSX as Excel saves it (xlsxwriter): str → text, int/float → number cells,
    Formula → formula with its cached result, Merged → a merged range."""
    import datetime

    import xlsxwriter

    path = ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    book.set_properties({"created": datetime.datetime(2024, 1, 1)})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "d/m/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, Formula):
                ws.write_formula(r, c, value.formula, None, value.value)
            elif isinstance(value, Merged):
                ws.merge_range(r, c, r + value.down, c + value.right, value.value)
            elif isinstance(value, datetime.date):
                ws.write_datetime(
                    r, c, datetime.datetime.combine(value, datetime.time()), date_format
                )
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    if more:
        more(book)
    book.close()


def write_xlsx_uncached(name: str, rows: Sequence[Sequence[object]]) -> None:
    """An XLSX whose formulas carry no cached result (as openpyxl and many generators save
    them: Excel would compute them on opening, a reader sees nothing)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append([(f"={v.formula.lstrip('=')}" if isinstance(v, Formula) else v) for v in row])
    path = ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


# --- BMN helpers ----------------------------------------------------------------------------


def bmn_indicators() -> list[tuple[str, str]]:
    with (DATA / "bmn-2560-2564.csv").open(encoding="utf-8") as handle:
        return [(r["number"], r["unit"]) for r in csv.DictReader(handle)]


BMN_HEAD = ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"]

# village, key, members, {indicator: (eligible, passed)}; other indicators 0/0
HOUSEHOLDS: list[tuple[str, str, int, dict[str, tuple[int, int]]]] = [
    (A, "0001", 4, {"6": (2, 1), "9": (1, 1), "22": (1, 0)}),
    (A, "0002", 3, {"6": (1, 1), "9": (1, 0), "22": (1, 1)}),
    (A, "0003", 2, {"6": (2, 2), "9": (1, 1), "22": (1, 0)}),
    (B, "0001", 5, {"6": (3, 0), "9": (1, 1), "22": (1, 1)}),
    (C, "0001", 1, {"6": (1, 1), "9": (1, 1), "22": (1, 1)}),
    (C, "0002", 6, {"6": (2, 1), "9": (1, 0), "22": (1, 0)}),
    (OTHER, "0001", 2, {"6": (0, 0), "9": (1, 1), "22": (1, 1)}),
]


def bmn_header(skip: Sequence[str] = (), extra: Sequence[str] = ()) -> list[str]:
    codes = [c for c, _unit in bmn_indicators() if c not in skip]
    return [*BMN_HEAD, *(f"{k}{c}" for c in codes for k in ("e", "p")), *extra]


def bmn_row(
    village: str,
    key: str,
    members: object,
    values: dict[str, tuple[int, int]],
    *,
    year: object = 2564,
    skip: Sequence[str] = (),
) -> list[object]:
    cells: list[object] = [village, key, year, members]
    for code, _unit in bmn_indicators():
        if code in skip:
            continue
        cells += list(values.get(code, (0, 0)))
    return cells


def bmn_rows(households=HOUSEHOLDS, **kw: Any) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [bmn_row(*h, **kw) for h in households]


def many_households(n: int) -> list[tuple[str, str, int, dict[str, tuple[int, int]]]]:
    """n households spread over the eight villages of tambon 520101."""
    return [
        (f"5201010{1 + i % 8}", f"{100 + i:04d}", 1 + i % 5, {"9": (1, i % 2), "22": (1, 1)})
        for i in range(n)
    ]


def bmn_summary_rows(
    village: str, *, households: int = 120, skip: Sequence[str] = ()
) -> list[list[object]]:
    rows = []
    for n, (code, unit) in enumerate(bmn_indicators()):
        if code in skip:
            continue
        eligible = households if unit == "household" else 200 + n
        passed = eligible - (n % 7)
        rows.append([village, 2564, code, eligible, passed, eligible - passed, households])
    return rows


SUMMARY_HEAD = [
    "รหัสหมู่บ้าน",
    "ปีที่สำรวจ",
    "ตัวชี้วัด",
    "จำนวนที่สำรวจ",
    "ผ่านเกณฑ์",
    "ไม่ผ่านเกณฑ์",
    "จำนวนครัวเรือน",
]


def vbd_codes() -> list[str]:
    with (DATA / "vbd-sample.csv").open(encoding="utf-8") as handle:
        return [r["number"] for r in csv.DictReader(handle)]


def gvh_names() -> list[str]:
    with (DATA / "gvh-default.csv").open(encoding="utf-8") as handle:
        return [r["category_th"] for r in csv.DictReader(handle)]


# --- the corpus -------------------------------------------------------------------------------


def villages() -> None:
    head = ["รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"]
    write_csv(
        "villages/utf8-plain.csv",
        [
            [*head, "ชื่อภาษาอังกฤษ"],
            ["52010109", "9", "บ้านทุ่งใหม่", "Ban Thung Mai"],
            ["52010110", "10", "บ้านห้วยเย็น", ""],
        ],
    )
    write_csv(
        "villages/utf8-bom-crlf-english-headers.csv",
        [["village_code", "moo", "name"], ["52010111", "11", "บ้านดอนไชย"]],
        encoding="utf-8-sig",
        crlf=True,
    )
    write_csv(
        "villages/cp874-title-rows-thai-digits.csv",
        [
            ["บัญชีรายชื่อหมู่บ้าน ตำบลพระบาท อำเภอเมืองลำปาง", "", ""],
            ["ข้อมูล ณ วันที่ ๑ ตุลาคม ๒๕๖๖", "", ""],
            head,
            [thai("52010112"), thai("12"), "บ้านใหม่พัฒนา"],
            [thai("52010113"), "13", "บ้านป่าตาล"],
        ],
        encoding="cp874",
        crlf=True,
    )
    write_bytes(
        "villages/latin1-not-thai.csv",
        "code;moo;name\n52010109;9;Müller Straße ÿ\n".encode("latin-1"),
    )
    write_csv(
        "villages/semicolon.csv",
        [head, ["52010114", "14", "บ้านสบตุ๋ย, ใต้"]],
        sep=";",
    )
    write_csv("villages/tab-separated.tsv", [head, ["52010115", "15", "บ้านหัวฝาย"]], sep="\t")
    write_csv("villages/missing-name-column.csv", [["รหัสหมู่บ้าน", "หมู่ที่"], ["52010109", "9"]])
    write_csv(
        "villages/duplicate-codes.csv",
        [
            head,
            ["52010109", "9", "บ้านทุ่งใหม่"],
            ["52010110", "10", "บ้านห้วยเย็น"],
            ["52010109", "9", "บ้านทุ่งใหม่ (ซ้ำ)"],
            [thai("52010109"), thai("9"), "บ้านทุ่งใหม่ (เลขไทย)"],
        ],
    )
    write_csv(
        "villages/unknown-tambon-short-code.csv",
        [head, ["52990101", "1", "บ้านไม่มีตำบล"], ["5201011", "1", "บ้านรหัสสั้น"]],
    )
    write_csv(
        "villages/outside-area.csv",
        [head, ["52010109", "9", "บ้านทุ่งใหม่"], ["52010209", "9", "บ้านตำบลอื่น"]],
    )
    write_csv(
        "villages/bad-moo.csv",
        [head, ["52010109", "สาม", "บ้านทุ่งใหม่"], ["52010110", "11", "บ้านห้วยเย็น"]],
    )
    write_xlsx(
        "villages/xlsx-numbers-and-cached-formulas.xlsx",
        [
            head,
            [52010109, 9.0, Formula('=CONCATENATE("บ้าน","ทุ่งใหม่")', "บ้านทุ่งใหม่")],
            [52010110, 10, "บ้านห้วยเย็น"],
        ],
    )
    write_xlsx_uncached(
        "villages/xlsx-formula-without-cached-value.xlsx",
        [head, ["52010109", 9, Formula('"บ้าน"&"ทุ่งใหม่"')], ["52010110", 10, "บ้านห้วยเย็น"]],
    )
    rows: list[list[object]] = [[*head, "หมายเหตุ"]]
    for n in range(9, 41):  # file rows 2..33
        note = ""
        if n == 26:  # file row 19
            note = f"ผู้ใหญ่บ้าน เลขประจำตัว {ID1}"
        elif n == 37:  # file row 30
            note = f"ติดต่อ {thai(grouped(ID2))}"
        rows.append([f"520101{n:02d}", str(n), f"บ้านทดสอบ {n}", note])
    write_csv("villages/citizen-ids-in-remarks-deep.csv", rows)
    write_csv(
        "villages/headman-name-column.csv",
        [
            [*head, "ชื่อผู้ใหญ่บ้าน"],
            ["52010109", "9", "บ้านทุ่งใหม่", "นายสมชาย ใจดี"],
            ["52010110", "10", "บ้านห้วยเย็น", "นางสมศรี มีสุข"],
        ],
    )
    write_csv(
        "villages/citizen-id-inside-name.csv",
        [head, ["52010109", "9", f"บ้านทุ่งใหม่ {grouped(ID3, ' ')}"]],
    )
    write_bytes("villages/empty.csv", b"")
    write_bytes("villages/blank-lines-only.csv", b"\r\n \r\n\r\n")
    write_csv("villages/header-only.csv", [head, ["", "", ""], ["", "", ""]])
    good = ROOT / "villages/xlsx-numbers-and-cached-formulas.xlsx"
    write_bytes("villages/damaged-truncated.xlsx", good.read_bytes()[:1500])
    write_bytes("villages/csv-renamed-as.xlsx", csv_text([head, ["52010109", "9", "x"]]).encode())
    write_csv(
        "villages/ragged-rows.csv",
        [
            head,
            ["52010109", "9", "บ้านทุ่งใหม่", "", ""],  # trailing empty cells: fine
            ["52010110", "10"],  # short row: no name
            ["52010111", "11", "บ้านดอน", "ไชย"],  # an unquoted comma split the name
        ],
    )


def bmn() -> None:
    write_csv("bmn/households-utf8.csv", [bmn_header(), *bmn_rows()])
    width = len(bmn_header())
    write_csv(
        "bmn/households-cp874-title-row.csv",
        [
            ["ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) ปี ๒๕๖๔ อำเภอเมืองลำปาง", *[""] * (width - 1)],
            bmn_header(),
            *bmn_rows(),
        ],
        encoding="cp874",
        crlf=True,
    )
    write_csv(
        "bmn/households-thai-digits.csv",
        [bmn_header(), *[[thai(v) for v in row] for row in bmn_rows()]],
    )
    write_csv(
        "bmn/households-bom-semicolon-crlf.csv",
        [bmn_header(), *bmn_rows()],
        encoding="utf-8-sig",
        sep=";",
        crlf=True,
    )
    numbers: list[list[object]] = [bmn_header()]
    for row in bmn_rows():
        cells: list[object] = [int(row[0]), row[1], float(row[2]), row[3], *row[4:]]
        # p6 as Excel keeps a formula: the formula and its cached result
        p6 = bmn_header().index("p6")
        cells[p6] = Formula(f"={row[p6]}*1", row[p6])
        numbers.append(cells)
    write_xlsx("bmn/households-xlsx-numbers-cached-formulas.xlsx", numbers)
    uncached = [bmn_header(), *bmn_rows()]
    uncached[2][bmn_header().index("p6")] = Formula("=0+1")
    write_xlsx_uncached("bmn/households-formula-without-cached-value.xlsx", uncached)
    rows = bmn_rows()
    rows[2][0] = "52019999"
    write_csv("bmn/unknown-village.csv", [bmn_header(), *rows])
    write_csv("bmn/outside-area.csv", [bmn_header(), *bmn_rows()])
    rows = bmn_rows()
    rows[2][1] = "0001"
    write_csv("bmn/duplicate-household-key.csv", [bmn_header(), *rows])
    rows = bmn_rows()
    rows[3][3] = "-1"  # members of file row 5
    rows[5][bmn_header().index("e1")] = "สอง"  # file row 7
    write_csv("bmn/negative-and-text-counts.csv", [bmn_header(), *rows])
    rows = bmn_rows()
    rows[0][bmn_header().index("p6")] = 3  # passed 3 of eligible 2
    rows[1][bmn_header().index("e9")] = 2  # a household indicator counted 2
    write_csv("bmn/passed-over-eligible-household-over-one.csv", [bmn_header(), *rows])
    write_csv(
        "bmn/missing-indicator-22.csv",
        [bmn_header(skip=["22"]), *bmn_rows(skip=["22"])],
    )
    write_csv(
        "bmn/other-edition-indicator-32.csv",
        [bmn_header(extra=["e32", "p32"]), *[[*r, 0, 0] for r in bmn_rows()]],
    )
    ids = [make_id(f"3520101{n:05d}") for n in range(len(HOUSEHOLDS))]
    write_csv(
        "bmn/citizen-ids-as-household-key.csv",
        [bmn_header(), *[[r[0], ids[i], *r[2:]] for i, r in enumerate(bmn_rows())]],
    )
    households = many_households(40)  # file rows 2..41
    notes = {20: f"บัตร {ID1}", 37: f"เลขบัตร {thai(grouped(ID2))}"}
    write_csv(
        "bmn/citizen-ids-in-remarks-deep.csv",
        [
            bmn_header(extra=["หมายเหตุ"]),
            *[[*bmn_row(*h), notes.get(i + 2, "")] for i, h in enumerate(households)],
        ],
    )
    write_csv(
        "bmn/head-of-household-names.csv",
        [
            bmn_header(extra=["ชื่อหัวหน้าครัวเรือน"]),
            *[[*r, "นายสมชาย ใจดี"] for r in bmn_rows()],
        ],
    )
    write_bytes("bmn/empty.csv", b"")
    write_csv("bmn/header-only.csv", [bmn_header()])
    write_bytes(
        "bmn/latin1-not-thai.csv",
        "village_code,household_key,year,note\n52010101,0001,2564,Zürich ÿ\n".encode("latin-1"),
    )
    write_csv("bmn/common-era-year.csv", [bmn_header(), *bmn_rows(year=2021)])

    import polars as pl

    rows = bmn_rows()
    header = bmn_header()
    frame = pl.DataFrame(
        {name: [int(r[i]) if i != 1 else r[i] for r in rows] for i, name in enumerate(header)}
    )
    path = ROOT / "bmn/households-int-columns.parquet"
    frame.write_parquet(path)

    write_csv(
        "summary/two-villages.csv",
        [SUMMARY_HEAD, *bmn_summary_rows(A), *bmn_summary_rows(B, households=80)],
    )
    rows = [
        [thai(v), thai(y), f"ข้อ{thai(i)}", thai(e), thai(p), thai(f), thai(h)]
        for v, y, i, e, p, f, h in bmn_summary_rows(A)
    ]
    write_xlsx("summary/thai-digits.xlsx", [SUMMARY_HEAD, *rows])
    write_csv(
        "summary/missing-indicator.csv",
        [SUMMARY_HEAD, *bmn_summary_rows(A), *bmn_summary_rows(B, skip=["22"])],
    )
    rows = bmn_summary_rows(A)
    rows[4][5] = rows[4][5] + 1  # file row 6: failed ≠ eligible − passed
    rows[9][3] = -3  # file row 11: negative eligible
    rows[9][4] = 0
    rows[9][5] = ""
    write_csv("summary/failed-mismatch-negative.csv", [SUMMARY_HEAD, *rows])
    rows = bmn_summary_rows(A)
    rows.append(list(rows[4]))  # file row 33: indicator 5 again
    write_csv("summary/duplicate-indicator.csv", [SUMMARY_HEAD, *rows])
    rows = [[*r, ""] for r in bmn_summary_rows(A) + bmn_summary_rows(B)]  # file rows 2..63
    rows[38][-1] = f"ผู้สำรวจ {ID3}"  # file row 40
    write_csv("summary/citizen-id-in-remarks-deep.csv", [[*SUMMARY_HEAD, "หมายเหตุ"], *rows])
    rows = bmn_summary_rows(A) + bmn_summary_rows("52019999")
    write_csv("summary/unknown-village.csv", [SUMMARY_HEAD, *rows])


def vbd() -> None:
    codes = vbd_codes()
    scores_a = ["1"] * 6 + ["2"] * 15
    write_csv(
        "vbd/cp874-title-thai-headers.csv",
        [
            ["แบบสำรวจข้อมูลพื้นฐานระดับหมู่บ้าน (กชช.2ค)", "", *[""] * 21],
            ["รหัสหมู่บ้าน", "ปีที่สำรวจ", "ข้อ " + codes[0], "ข้อ" + codes[1], *codes[2:]],
            [thai(A), thai(2566), *scores_a],
            [B, "2566", *[thai(3)] * 21],
        ],
        encoding="cp874",
    )
    write_xlsx(
        "vbd/xlsx-number-headers-and-scores.xlsx",
        [
            ["รหัสหมู่บ้าน", "ชื่อหมู่บ้าน", "ปีที่สำรวจ", *[float(c) for c in codes]],
            [int(A), "บ้านสันลัว", 2566, *[1 + i % 3 for i in range(21)]],
            [int(B), "บ้านเหล่ามะกอก", 2566.0, *[float(1 + (i + 1) % 3) for i in range(21)]],
            [int(C), "บ้านตำบลอื่น", 2566, *[3] * 21],
        ],
    )
    head = ["รหัสหมู่บ้าน", "ปีที่สำรวจ", *codes]
    row_a = [A, "2566", *["2"] * 21]
    row_b = [B, "2566", *["2"] * 21]
    row_a[2] = "4"  # 1.1
    row_b[head.index("2.2")] = ""
    row_b[head.index("6.3")] = "สาม"
    write_csv("vbd/bad-scores.csv", [head, row_a, row_b])
    write_csv("vbd/missing-indicator-column.csv", [head[:-1], [A, "2566", *["2"] * 20]])
    write_csv("vbd/other-edition-column.csv", [[*head, "7.1"], [A, "2566", *["2"] * 22]])
    write_csv(
        "vbd/duplicate-village-round.csv",
        [head, [A, "2566", *["2"] * 21], [thai(A), "2566", *["3"] * 21]],
    )
    write_csv(
        "vbd/year-argument-mismatch.csv",
        [head, [A, "2566", *["2"] * 21], [B, "2565", *["2"] * 21], [C, "", *["2"] * 21]],
    )
    write_csv(
        "vbd/unknown-and-outside.csv",
        [
            head,
            [A, "2566", *["2"] * 21],
            ["52019999", "2566", *["2"] * 21],
            [OTHER, "2566", *["2"] * 21],
        ],
    )


def gvh() -> None:
    names = gvh_names()
    write_csv(
        "gvh/component-names-thai-dates.csv",
        [
            ["รหัสหมู่บ้าน", "ปี", "วันที่ประเมิน", *names],
            [A, "2566", "15/03/2566", "3.5", "4", "4.5", "5", "3", "2.25"],
            [B, "2566", "16 มี.ค. 2566", thai("4"), thai("4"), thai("3.5"), "4", "4", "4"],
            [C, "2566", "2023-03-17", "1", "1", "1", "1", "1", "1"],
        ],
    )
    head = ["รหัสหมู่บ้าน", "ปี", "1", "2", "3", "4", "5", "6"]
    write_csv(
        "gvh/out-of-scale.csv",
        [
            head,
            [A, "2566", "0", "4", "4", "4", "4", "4"],
            [B, "2566", "4", "5.5", "ดี", "4", "4", "4"],
        ],
    )
    write_csv(
        "gvh/bad-dates.csv",
        [
            ["รหัสหมู่บ้าน", "ปี", "วันที่ประเมิน", *head[2:]],
            [A, "2566", "31/02/2566", *["4"] * 6],
            [B, "2566", "เมื่อวาน", *["4"] * 6],
        ],
    )
    import datetime

    write_xlsx(
        "gvh/xlsx-cached-formulas-date-cells.xlsx",
        [
            [
                "รหัสหมู่บ้าน",
                "ปี",
                "วันที่ประเมิน",
                "องค์ประกอบที่ 1",
                "องค์ประกอบที่ 2",
                "องค์ประกอบที่ 3",
                "องค์ประกอบที่ 4",
                "องค์ประกอบที่ 5",
                "องค์ประกอบที่ 6",
            ],
            [
                int(A),
                2566,
                datetime.date(2023, 3, 15),
                Formula("=AVERAGE(3,4)", 3.5),
                4,
                4,
                4,
                4,
                4,
            ],
            [int(B), 2566, datetime.date(2023, 3, 16), Formula("=7/2", 3.5), 2, 3, 4, 5, 1.5],
        ],
    )
    write_csv("gvh/missing-component.csv", [head[:-1], [A, "2566", *["4"] * 5]])


ACCOUNT_HEAD = ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปี", "จำนวนสมาชิก", "รายได้", "รายจ่าย", "เงินออม", "หนี้สิน"]


def accounts() -> None:
    write_csv(
        "accounts/money-as-documents-write-it.csv",
        [
            ACCOUNT_HEAD,
            [A, "0001", "2566", "4", "1,250,000.-", "๑๒๐,๐๐๐ บาท", "1.25 แสน", "-"],
            [A, "0002", "2566", "2", "60000", "70000", "0", "90000"],
        ],
    )
    write_csv(
        "accounts/negative-and-text-money.csv",
        [
            ACCOUNT_HEAD,
            [A, "0001", "2566", "4", "-5,000", "1000", "0", "0"],
            [A, "0002", "2566", "2", "60000", "ห้าพันบาท", "0", "0"],
            [A, "0003", "2566", "2", "60000", "1000", "1,000.555", "0"],
        ],
    )
    write_csv(
        "accounts/citizen-ids-as-keys-dashes.csv",
        [
            ACCOUNT_HEAD,
            [A, grouped(ID1), "2566", "4", "1000", "1000", "0", "0"],
            [A, grouped(ID2), "2566", "2", "1000", "1000", "0", "0"],
            [A, "0003", "2566", "2", "1000", "1000", "0", "0"],
        ],
    )
    write_csv(
        "accounts/full-name-column.csv",
        [
            [ACCOUNT_HEAD[0], ACCOUNT_HEAD[1], "ชื่อ-นามสกุล", *ACCOUNT_HEAD[2:]],
            [A, "0001", "นายสมชาย ใจดี", "2566", "4", "1000", "1000", "0", "0"],
            [A, "0002", "นางสมศรี มีสุข", "2566", "2", "1000", "1000", "0", "0"],
        ],
    )
    write_csv(
        "accounts/members-out-of-range.csv",
        [
            ACCOUNT_HEAD,
            [A, "0001", "2566", "0", "1000", "1000", "0", "0"],
            [A, "0002", "2566", "150", "1000", "1000", "0", "0"],
            [A, "0003", "2566", "๓", "1000", "1000", "0", "0"],
        ],
    )
    write_xlsx(
        "accounts/xlsx-cached-formulas.xlsx",
        [
            ACCOUNT_HEAD,
            [
                int(A),
                "0001",
                2566,
                4,
                Formula("=12*5000", 60000),
                45000.5,
                Formula("=E2-F2", 14999.5),
                0,
            ],
            [int(A), "0002", 2566, 2.0, 80000, 30000, 1000, 250000],
        ],
    )
    write_xlsx_uncached(
        "accounts/xlsx-formula-without-cached-value.xlsx",
        [
            ACCOUNT_HEAD,
            [A, "0001", 2566, 4, 60000, 45000, 0, 0],
            [A, "0002", 2566, 2, 80000, Formula("=E3*0.5"), 1000, 0],
        ],
    )
    write_csv(
        "accounts/duplicate-household.csv",
        [
            ACCOUNT_HEAD,
            [A, "0001", "2566", "4", "1000", "1000", "0", "0"],
            [A, "0002", "2566", "4", "1000", "1000", "0", "0"],
            [A, "๐๐๐๑", "2566", "4", "1000", "1000", "0", "0"],
            [B, "0001", "2566", "4", "1000", "1000", "0", "0"],  # another village: fine
        ],
    )
    head = [h for h in ACCOUNT_HEAD if h != "ปี"]
    write_csv(
        "accounts/no-year-column.csv",
        [
            head,
            [A, "0001", "4", "1000", "1000", "0", "0"],
            [B, "0001", "2", "1000", "1000", "0", "0"],
        ],
    )
    rows: list[list[object]] = [[*ACCOUNT_HEAD, "หมายเหตุ"]]
    for n in range(29):  # file rows 2..30
        note = ""
        if n + 2 == 18:
            note = f"บัตรประชาชน {thai(ID1)}"
        elif n + 2 == 29:
            note = f"{grouped(ID2, ' ')} (หัวหน้าครัวเรือน)"
        rows.append(
            [f"5201010{1 + n % 8}", f"{n:04d}", "2566", "3", "90000", "80000", "5000", "0", note]
        )
    write_csv("accounts/citizen-ids-in-remarks-deep.csv", rows)


def capital() -> None:
    head = ["รหัสหมู่บ้าน", "ปี", "ประเภท", "ชื่อ", "มูลค่า"]
    write_csv(
        "capital/kinds-and-amounts-as-written.csv",
        [
            head,
            [A, "2566", "กองทุน", "กองทุนหมู่บ้านและชุมชนเมือง", "1,000,000"],
            [A, "2566", "natural", "ป่าชุมชน", ""],
            [A, "2566", "ทุนวัฒนธรรม", "ประเพณีสลากภัต", "-"],
            [B, "2566", "fund (กองทุน)", "กองทุนแม่ของแผ่นดิน", "๑,๒๕๐,๐๐๐ บาท"],
            [B, "2566", "ทรัพย์สิน", "ศาลาอเนกประสงค์", "3 แสน"],
        ],
    )
    write_csv(
        "capital/unknown-kind-negative-text-amount.csv",
        [
            head,
            [A, "2566", "หนี้สิน", "หนี้ ธกส.", "100000"],
            [A, "2566", "กองทุน", "กองทุนเงินล้าน", "-1,000"],
            [A, "2566", "กองทุน", "กองทุนออมทรัพย์", "ห้าพันบาท"],
        ],
    )
    write_csv(
        "capital/duplicate-item.csv",
        [
            head,
            [A, "2566", "กองทุน", "กองทุนหมู่บ้าน", "1000"],
            [A, "2566", "กองทุน", "กองทุนหมู่บ้าน ", "2000"],
            [A, "2565", "กองทุน", "กองทุนหมู่บ้าน", "1000"],  # another year: fine
        ],
    )
    write_xlsx(
        "capital/xlsx-merged-village-cells.xlsx",
        [
            head,
            [Merged(A, down=2), 2566, "กองทุน", "กองทุนหมู่บ้าน", 1000000],
            [None, 2566, "natural", "ป่าชุมชน", None],
            [None, 2566, "asset", "ศาลาอเนกประสงค์", 250000.0],
        ],
    )
    write_csv(
        "capital/english-headers-extra-columns.csv",
        [
            ["village_code", "year", "kind", "item", "amount", "location", "notes"],
            [A, "2566", "asset", "ลานตากข้าว", "45,000.50", "หลังวัด", "สร้างปี 2560"],
            [B, "2566", "human", "ปราชญ์ชาวบ้านด้านสมุนไพร", "", "", ""],
        ],
    )


def groups() -> None:
    head = ["รหัสหมู่บ้าน", "ปี", "ชื่อกลุ่ม", "ผลิตภัณฑ์", "จำนวนสมาชิก", "รายได้ต่อปี"]
    write_xlsx(
        "groups/xlsx-float-members.xlsx",
        [
            ["ทะเบียนกลุ่มอาชีพ ตำบลพระบาท ปี ๒๕๖๖"],
            head,
            [int(A), 2566, "กลุ่มทอผ้าฝ้าย", "ผ้าฝ้ายทอมือ", 25.0, 120000.5],
            [int(B), 2566, "กลุ่มออมทรัพย์", None, 7, None],
        ],
    )
    write_csv(
        "groups/chairperson-column.csv",
        [
            [*head, "ประธานกลุ่ม"],
            [A, "2566", "กลุ่มทอผ้าฝ้าย", "ผ้าฝ้ายทอมือ", "25", "120,000", "นางบัวผัน ทองดี"],
        ],
    )
    write_csv(
        "groups/members-zero-and-text.csv",
        [
            head,
            [A, "2566", "กลุ่มทอผ้า", "ผ้า", "0", ""],
            [A, "2566", "กลุ่มเพาะเห็ด", "เห็ด", "ยี่สิบ", ""],
        ],
    )
    rows: list[list[object]] = [[*head, "หมายเหตุ"]]
    for n in range(24):  # file rows 2..25
        note = f"ประธาน {thai(ID3)}" if n + 2 == 22 else ""
        rows.append([f"5201010{1 + n % 8}", "2566", f"กลุ่มที่ {n}", "สินค้า", "10", "", note])
    write_csv("groups/citizen-id-thai-digits-in-notes.csv", rows)
    write_csv(
        "groups/missing-product-column.csv",
        [[h for h in head if h != "ผลิตภัณฑ์"], [A, "2566", "กลุ่มทอผ้า", "25", ""]],
    )


def poor() -> None:
    head = ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปี", "ชื่อรายการ"]
    write_csv(
        "poor/two-lists.csv",
        [
            head,
            [A, "0007", "2566", "ทะเบียนครัวเรือนยากจนเป้าหมาย"],
            [A, "0007", "2566", "ผู้มีรายได้น้อย"],
            [B, "0012", "2566", ""],
        ],
    )
    write_csv(
        "poor/same-household-same-list.csv",
        [head, [A, "0007", "2566", "TPMAP"], [A, "๐๐๐๗", "2566", "TPMAP"]],
    )
    write_csv(
        "poor/bad-keys-long-list-name.csv",
        [
            head,
            [A, "บ้าน๑", "2566", "TPMAP"],
            [A, "0001", "2566", "ท" * 120],
            [A, "A" * 30, "2566", "TPMAP"],
        ],
    )
    write_csv(
        "poor/tab-cp874.csv",
        [head, [A, "0007", "2566", "ทะเบียนคนจน"], [B, "12/3", "๒๕๖๖", "ทะเบียนคนจน"]],
        encoding="cp874",
        sep="\t",
    )
    write_csv(
        "poor/citizen-ids-as-keys.csv",
        [head, [A, ID1, "2566", "TPMAP"], [A, "0002", "2566", "TPMAP"], [B, ID2, "2566", "TPMAP"]],
    )


EDITION_HEAD = [
    "edition",
    "number",
    "category_number",
    "category_th",
    "category_en",
    "indicator_th",
    "unit",
    "threshold",
    "development_category",
]


def editions() -> None:
    names = gvh_names()
    write_csv(
        "editions/gvh-new-edition.csv",
        [
            EDITION_HEAD,
            *[
                ["corpus-2567", str(n), str(n), name, "", name, "village", "", ""]
                for n, name in enumerate(names, 1)
            ],
        ],
    )
    write_xlsx(
        "editions/xlsx-thai-headers.xlsx",
        [
            ["ชุดตัวชี้วัด", "ตัวชี้วัดที่", "หมวดที่", "หมวด", "ตัวชี้วัด", "หน่วยนับ", "เกณฑ์", "ด้านการพัฒนา"],
            [
                "กชช2ค-2567",
                "1.1",
                thai(1),
                "โครงสร้างพื้นฐาน",
                "ถนนคมนาคมสะดวกตลอดปี",
                "หมู่บ้าน",
                "",
                "infrastructure",
            ],
            ["กชช2ค-2567", "1.2", 1, "โครงสร้างพื้นฐาน", "น้ำดื่มสะอาด", "หมู่บ้าน", None, "infrastructure"],
            [
                "กชช2ค-2567",
                "2.1",
                2.0,
                "เศรษฐกิจ",
                "รายได้เฉลี่ยของคนในหมู่บ้าน",
                "หมู่บ้าน",
                "38,000 บาท",
                "economy",
            ],
        ],
    )
    write_csv(
        "editions/bad-unit-and-category.csv",
        [
            EDITION_HEAD,
            ["e1", "1", "1", "สุขภาพ", "", "ข้อหนึ่ง", "ตำบล", "", "health"],
            ["e1", "2", "1", "สุขภาพ", "", "ข้อสอง", "person", "", "sport"],
            ["e1", "3", "หนึ่ง", "สุขภาพ", "", "", "person", "", ""],
        ],
    )
    write_csv(
        "editions/duplicate-number.csv",
        [
            EDITION_HEAD,
            ["e1", "1", "1", "ก", "", "ข้อ ก", "person", "", ""],
            ["e1", "1", "1", "ก", "", "ข้อ ข", "person", "", ""],
        ],
    )
    write_csv(
        "editions/mixed-editions.csv",
        [
            EDITION_HEAD,
            ["e1", "1", "1", "ก", "", "ข้อ ก", "person", "", ""],
            ["e2", "2", "1", "ก", "", "ข้อ ข", "person", "", ""],
        ],
    )
    write_csv(
        "editions/negative-threshold.csv",
        [EDITION_HEAD, ["e1", "1", "1", "รายได้", "", "รายได้เฉลี่ย", "person", "-38,000", "economy"]],
    )
    write_csv(
        "editions/bmn-without-income-indicator.csv",
        [EDITION_HEAD, ["bmn-x", "1", "1", "สุขภาพ", "", "ข้อหนึ่ง", "person", "", "health"]],
    )
    write_bytes("editions/empty.csv", b"")


PLAN_HEAD = [
    "ลำดับความสำคัญ",
    "โครงการ/กิจกรรม",
    "วิธีดำเนินการ",
    "ด้านการพัฒนา",
    "คณะทำงานที่รับผิดชอบ",
    "งบประมาณ ปี 2570",
    "งบประมาณ ปี 2571",
    "แรงงาน (คน-วัน)",
    "ปัญหาที่แก้",
    "รหัสรายการ",
]


def plans() -> None:
    write_csv(
        "plans/docs-example.csv",
        [
            PLAN_HEAD,
            ["1", "ปลูกป่าชุมชน", "ทำเอง", "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "", "", "", "20", "", ""],
            [
                "๒",
                "ซ่อมแซมฝายกั้นน้ำ",
                "ทำร่วม",
                "โครงสร้างพื้นฐาน",
                "คณะทำงานด้านเศรษฐกิจ",
                "๑,๒๕๐,๐๐๐ บาท",
                "ไม่ใช้งบประมาณ",
                "๑๒.๕",
                "bmn:22; poor:bmn",
                "",
            ],
        ],
    )
    import datetime

    head = [
        "ลำดับความสำคัญ",
        "โครงการ/กิจกรรม",
        "วัตถุประสงค์",
        "วิธีดำเนินการ (ทำเอง/ทำร่วม/ขอรับการสนับสนุน)",
        "แหล่งงบประมาณ",
        "ด้านการพัฒนา",
        "งบประมาณ ปี 2570",
        "งบประมาณ ปี 2571",
        "งบประมาณ ปี 2572",
        "วันเริ่มต้น",
        "วันสิ้นสุด",
        "สถานะ",
        "รหัสรายการ (ห้ามแก้ไข) [v1]",
    ]
    write_xlsx(
        "plans/template-filled-numbers-formulas-dates.xlsx",
        [
            ["แผนพัฒนาหมู่บ้าน บ้านสันลัว หมู่ที่ 1 ปี 2570–2572 ฉบับแรก (ฉบับร่าง)"],
            ["กรอกหนึ่งแถวต่อหนึ่งโครงการ ห้ามแก้ไขคอลัมน์รหัสรายการ"],
            head,
            [
                1.0,
                "ก่อสร้างถนน คสล. ซอย ๓",
                "สัญจรสะดวก",
                "ขอรับการสนับสนุน",
                "อปท.",
                "infrastructure",
                Formula("=450000+500", 450500),
                200000,
                None,
                datetime.date(2026, 10, 1),
                datetime.date(2027, 3, 31),
                "proposed",
                None,
            ],
            [
                2,
                "ขุดลอกลำเหมือง",
                "",
                "joint",
                "ไม่ใช้งบประมาณ",
                "โครงสร้างพื้นฐาน",
                30000.25,
                None,
                None,
                None,
                None,
                "กำลังดำเนินการ",
                None,
            ],
            [
                3,
                "=ตลาดนัดชุมชน",
                "",
                "ทำเอง (self)",
                None,
                "economy",
                None,
                None,
                "3 แสน",
                None,
                None,
                None,
                None,
            ],
        ],
        sheet="โครงการ",
    )
    write_csv(
        "plans/negative-and-text-budgets.csv",
        [
            PLAN_HEAD,
            ["1", "โครงการ ก", "ทำเอง", "economy", "", "-5,000", "", "", "", ""],
            ["2", "โครงการ ข", "ทำเอง", "economy", "", "ห้าหมื่นบาท", "1,250,000.-", "", "", ""],
            ["3", "โครงการ ค", "ทำเอง", "economy", "", "", "1,000.555", "", "", ""],
        ],
    )
    write_csv(
        "plans/budget-year-outside-window.csv",
        [
            [
                "โครงการ/กิจกรรม",
                "วิธีดำเนินการ",
                "ด้านการพัฒนา",
                "งบประมาณ ปี 2569",
                "งบประมาณ ปี 2570",
                "งบประมาณ ปี 2575",
            ],
            ["โครงการ ก", "ทำเอง", "economy", "", "1000", ""],
            ["โครงการ ข", "ทำเอง", "economy", "-", "", "50,000"],
        ],
    )
    write_csv(
        "plans/unknown-choices.csv",
        [
            ["โครงการ/กิจกรรม", "วิธีดำเนินการ", "ด้านการพัฒนา", "คณะทำงานที่รับผิดชอบ", "แหล่งงบประมาณ"],
            ["โครงการ ก", "ทำเองบางส่วน", "economy", "", ""],
            ["โครงการ ข", "ทำเอง", "กีฬา", "คณะทำงานด้านกีฬา", "ธนาคาร"],
        ],
    )
    rows: list[list[object]] = [["โครงการ/กิจกรรม", "รายละเอียด", "วิธีดำเนินการ", "ด้านการพัฒนา"]]
    for n in range(20):  # file rows 2..21
        detail = f"ผู้ประสานงาน {grouped(ID1)}" if n + 2 == 18 else f"รายละเอียด {n}"
        rows.append([f"โครงการ {n}", detail, "ทำเอง", "economy"])
    write_csv("plans/citizen-id-in-description-deep.csv", rows)
    write_xlsx_uncached(
        "plans/formula-without-cached-value.xlsx",
        [
            ["โครงการ/กิจกรรม", "วิธีดำเนินการ", "ด้านการพัฒนา", "งบประมาณ ปี 2570"],
            ["โครงการ ก", "ทำเอง", "economy", 1000],
            [Formula('"โครงการ "&"ข"'), "ทำเอง", "economy", 2000],
        ],
    )
    write_csv(
        "plans/missing-required-columns.csv",
        [["โครงการ/กิจกรรม", "งบประมาณ ปี 2570"], ["โครงการ ก", "1000"]],
    )
    write_csv(
        "plans/dropped-without-reason-end-before-start.csv",
        [
            [
                "โครงการ/กิจกรรม",
                "วิธีดำเนินการ",
                "ด้านการพัฒนา",
                "สถานะ",
                "เหตุผลที่ยกเลิก",
                "วันเริ่มต้น",
                "วันสิ้นสุด",
            ],
            ["โครงการ ก", "ทำเอง", "economy", "ยกเลิก", "", "", ""],
            ["โครงการ ข", "ทำเอง", "economy", "", "", "1/10/2569", "30/9/2569"],
            ["โครงการ ค", "ทำเอง", "economy", "", "", "๓๑/๒/๒๕๗๐", ""],
        ],
    )
    write_csv("plans/header-only.csv", [PLAN_HEAD])
    write_csv(
        "plans/excel-csv-cp874-formatted.csv",
        [
            [
                "ลำดับความสำคัญ",
                "โครงการ/กิจกรรม",
                "วิธีดำเนินการ (ทำเอง/ทำร่วม/ขอรับการสนับสนุน)",
                "ด้านการพัฒนา",
                "งบประมาณ ปี 2570",
                "เงินสมทบจากชาวบ้าน (บาท)",
                "วันเริ่มต้น",
                "วันสิ้นสุด",
            ],
            [
                "1",
                "ซ่อมศาลาประชาคม",
                "ขอรับการสนับสนุนงบประมาณ",
                "โครงสร้างพื้นฐาน",
                "1,250,000.00",
                "5,000.25",
                "1/10/2569",
                "31/3/2570",
            ],
            ["2", "อบรมอาชีพ", "ทำร่วม", "เศรษฐกิจ", "30,000.00", "", "1 ต.ค. 2569", ""],
        ],
        encoding="cp874",
        crlf=True,
    )
    write_csv(
        "plans/unknown-item-id.csv",
        [
            ["โครงการ/กิจกรรม", "วิธีดำเนินการ", "ด้านการพัฒนา", "รหัสรายการ"],
            ["โครงการ ก", "ทำเอง", "economy", "999999"],
        ],
    )


def main() -> None:
    for part in (villages, bmn, vbd, gvh, accounts, capital, groups, poor, editions, plans):
        part()


if __name__ == "__main__":
    main()
