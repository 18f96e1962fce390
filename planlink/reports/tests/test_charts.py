"""SVG charts: valid XML, escaped text, honest bar lengths, Thai wrapping and digits."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from planlink.reports.charts import (
    ACCENT,
    HIGHLIGHT,
    NO_DATA,
    SERIES_DASHES,
    BarItem,
    TrendSeries,
    bar_chart_svg,
    format_value,
    text_width,
    trend_chart_svg,
    wrap_text,
)

SVG = "{http://www.w3.org/2000/svg}"
LONG_LABEL = (
    "ผู้สูงอายุได้รับการดูแลจากคนในครัวเรือน ชุมชน ภาครัฐ หรือภาคเอกชน "
    "และมีส่วนร่วมกิจกรรมในชุมชนอย่างสม่ำเสมอทุกเดือนตลอดทั้งปีงบประมาณ"
)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def _bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "pl-bar"]


def _sample_items() -> list[BarItem]:
    return [
        BarItem("หมู่ 1 บ้านป่าตึงงาม", Decimal("25")),
        BarItem("หมู่ 2 บ้านแม่ฟ้าหลวง", Decimal("50"), note="n=40", highlight=True),
        BarItem("หมู่ 3 ไม่มีครัวเรือนเข้าเกณฑ์", None),
        BarItem("หมู่ 4 บ้านทุ่งกู่ด้าย", Decimal("100")),
    ]


def test_bar_chart_is_accessible_svg() -> None:
    root = _parse(bar_chart_svg(_sample_items(), title="ร้อยละครัวเรือนที่ผ่านเกณฑ์"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "ร้อยละครัวเรือนที่ผ่านเกณฑ์"
    assert root.find(f"{SVG}title").text == "ร้อยละครัวเรือนที่ผ่านเกณฑ์"
    assert "หมู่ 2 บ้านแม่ฟ้าหลวง: 50.0% n=40" in root.find(f"{SVG}desc").text
    assert "Sarabun" in root.get("font-family")
    assert root.get("width") == "640"
    assert re.fullmatch(r"0 0 640 [0-9.]+", root.get("viewBox"))


def test_bar_lengths_are_proportional_to_values() -> None:
    root = _parse(bar_chart_svg(_sample_items(), title="t"))
    widths = [float(bar.get("width")) for bar in _bars(root)]
    assert len(widths) == 3  # the None item draws no bar
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2)
    assert widths[2] == pytest.approx(4 * widths[0], abs=0.2)
    starts = {bar.get("x") for bar in _bars(root)}
    assert len(starts) == 1  # every bar starts at the zero line


def test_percent_axis_runs_to_100_and_max_value_caps() -> None:
    items = [BarItem("a", Decimal("10")), BarItem("b", Decimal("20"))]
    small = [float(b.get("width")) for b in _bars(_parse(bar_chart_svg(items, title="t")))]
    capped = [
        float(b.get("width"))
        for b in _bars(_parse(bar_chart_svg(items, title="t", max_value=Decimal("20"))))
    ]
    # Against 0–100 the 20 % bar is a fifth of the bar area; against max_value=20 it is all.
    assert capped[1] == pytest.approx(5 * small[1], abs=0.5)
    assert capped[0] == pytest.approx(capped[1] / 2, abs=0.2)
    over = bar_chart_svg([BarItem("a", Decimal("50"))], title="t", max_value=Decimal("20"))
    assert float(_bars(_parse(over))[0].get("width")) == pytest.approx(capped[1], abs=0.2)
    assert "50.0%" in _texts(_parse(over))


def test_none_is_a_dash_and_values_have_one_decimal() -> None:
    texts = _texts(_parse(bar_chart_svg(_sample_items(), title="t")))
    assert "—" in texts
    assert "25.0%" in texts
    assert "50.0% n=40" in texts
    assert "100.0%" in texts
    assert not any("None" in text or "NaN" in text for text in texts)


def test_highlight_uses_colour_and_bold() -> None:
    root = _parse(bar_chart_svg(_sample_items(), title="t"))
    fills = [bar.get("fill") for bar in _bars(root)]
    assert fills == [ACCENT, HIGHLIGHT, ACCENT]
    bold = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("font-weight")]
    assert "หมู่ 2 บ้านแม่ฟ้าหลวง" in bold  # not colour alone


def test_labels_and_title_are_escaped() -> None:
    nasty = "A&B <script>alert(\"x\")</script> 'q' \x01"
    svg = bar_chart_svg([BarItem(nasty, Decimal("1"), note="<b>")], title=f"T {nasty}")
    assert "<script>" not in svg
    root = _parse(svg)
    expected = nasty.replace("\x01", "").strip()
    assert root.get("aria-label") == f"T {expected}"
    assert any(expected in text for text in _texts(root))
    assert "1.0% <b>" in _texts(root)


def test_long_thai_labels_wrap_to_two_lines_with_ellipsis() -> None:
    svg = bar_chart_svg([BarItem(LONG_LABEL, Decimal("40"))], title="t")
    root = _parse(svg)
    label_lines = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    lines = ["".join(t.itertext()) for t in label_lines if t.get("font-size") != "11"]
    assert len(lines) == 2
    assert lines[1].endswith("…")
    for line in lines:
        assert text_width(line, 13) <= 640 * 0.36 + 0.5
    # The full label stays available as a tooltip.
    assert root.find(f"{SVG}g/{SVG}title").text == LONG_LABEL


def test_height_grows_with_items() -> None:
    one = _parse(bar_chart_svg(_sample_items()[:1], title="t"))
    four = _parse(bar_chart_svg(_sample_items(), title="t"))

    def height(root: ET.Element) -> float:
        return float(root.get("viewBox").split()[3])

    assert height(four) > height(one) + 60


def test_output_is_deterministic() -> None:
    assert bar_chart_svg(_sample_items(), title="t") == bar_chart_svg(_sample_items(), title="t")
    series = [TrendSeries("ก", [(2566, Decimal("1")), (2567, Decimal("2"))])]
    assert trend_chart_svg(series, title="t") == trend_chart_svg(series, title="t")
    assert " id=" not in bar_chart_svg(_sample_items(), title="t")


def test_thai_digits_change_text_not_coordinates() -> None:
    svg = bar_chart_svg(_sample_items(), title="ปี 2567", thai_digits=True)
    root = _parse(svg)
    texts = _texts(root)
    assert "๒๕.๐%" in texts
    assert "ปี ๒๕๖๗" in texts
    assert not any(re.search(r"[0-9]", text) for text in texts)
    assert root.get("width") == "640"
    assert all(re.fullmatch(r"[0-9.]+", bar.get("width")) for bar in _bars(root))


def test_negative_values_extend_left_of_zero() -> None:
    root = _parse(
        bar_chart_svg(
            [BarItem("a", Decimal("-5")), BarItem("b", Decimal("10"))], title="t", unit=""
        )
    )
    negative, positive = _bars(root)
    assert float(negative.get("x")) + float(negative.get("width")) == pytest.approx(
        float(positive.get("x")), abs=0.2
    )
    assert "-5.0" in _texts(root)


def test_empty_bar_chart_says_no_data() -> None:
    root = _parse(bar_chart_svg([], title="t"))
    assert NO_DATA in _texts(root)
    root = _parse(trend_chart_svg([TrendSeries("a", [(2567, None)])], title="t"))
    assert NO_DATA in _texts(root)


def test_format_value() -> None:
    assert format_value(Decimal("0.05")) == "0.1%"  # half up, as people round
    assert format_value(Decimal("-0.04")) == "0.0%"
    assert format_value(Decimal("1234.56"), "บาท") == "1,234.6 บาท"
    assert format_value(None) == "—"
    assert format_value(Decimal("7"), "") == "7.0"


def test_wrap_text_never_splits_a_consonant_from_its_marks() -> None:
    text = "น้ำที่ปั๊มได้ผู้สูงอายุ" * 4
    lines = wrap_text(text, 60, 13, max_lines=20)
    assert len(lines) > 2
    assert "".join(lines) == text
    for line in lines:
        assert unicodedata.category(line[0]) != "Mn"
        assert line[-1] not in "เแโใไ"  # a leading vowel stays with its consonant


def test_wrap_text_prefers_word_boundaries() -> None:
    lines = wrap_text("ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภค", 120, 13, max_lines=5)
    words = {"ครัวเรือน", "มี", "น้ำ", "สะอาด", "สำหรับ", "ดื่ม", "และ", "บริโภค"}
    for line in lines:
        assert any(line.startswith(word) for word in words), lines


def _trend_series() -> list[TrendSeries]:
    return [
        TrendSeries(
            f"หมู่ {index + 1}",
            [(2563 + year, Decimal(40 + index * 5 + year)) for year in range(5)],
        )
        for index in range(6)
    ]


def test_trend_chart_series_differ_by_more_than_colour() -> None:
    root = _parse(trend_chart_svg(_trend_series(), title="แนวโน้ม"))
    lines = list(root.iter(f"{SVG}polyline"))
    series_lines = [line for line in lines if line.get("stroke-width") == "2"]
    assert len(series_lines) == 6
    colours = {line.get("stroke") for line in series_lines}
    dashes = {line.get("stroke-dasharray", "") for line in series_lines}
    assert len(colours) == 6
    assert dashes == set(SERIES_DASHES)
    markers = [
        {m.get("class") for m in group if "pl-marker" in (m.get("class") or "")}
        for group in root.iter(f"{SVG}g")
        if "pl-series" in (group.get("class") or "")
    ]
    assert all(len(kinds) == 1 for kinds in markers)  # one marker shape per series
    assert len(set.union(*markers)) == 6  # and a different one for each series
    texts = _texts(root)
    for index in range(6):
        assert f"หมู่ {index + 1}" in texts  # legend
    for year in range(2563, 2568):
        assert str(year) in texts


def test_trend_chart_leaves_gaps_for_missing_values() -> None:
    series = [
        TrendSeries(
            "ตำบล",
            [
                (2563, Decimal("10")),
                (2564, Decimal("20")),
                (2565, None),
                (2566, Decimal("30")),
                (2567, Decimal("35")),
            ],
        ),
        TrendSeries("อำเภอ", [(2563, Decimal("15")), (2567, Decimal("25"))]),
    ]
    root = _parse(trend_chart_svg(series, title="t"))
    groups = [g for g in root.iter(f"{SVG}g") if "pl-series" in (g.get("class") or "")]
    first = [p for p in groups[0] if p.tag == f"{SVG}polyline"]
    assert len(first) == 2  # the line breaks at 2565
    second = [p for p in groups[1] if p.tag == f"{SVG}polyline"]
    assert second == []  # 2564–2566 missing: two lone markers, no invented line
    assert len(list(groups[1])) == 2
    assert "2565: —" in root.find(f"{SVG}desc").text


def test_trend_chart_thai_digits() -> None:
    root = _parse(trend_chart_svg(_trend_series(), title="ปี 2563–2567", thai_digits=True))
    texts = _texts(root)
    assert "๒๕๖๗" in texts
    assert not any(re.search(r"[0-9]", text) for text in texts)


def test_a_cut_label_ends_after_a_whole_word():
    from planlink.reports.charts import _break_units, wrap_text

    label = "ข้อ 7 คนอายุ 6 ปีขึ้นไป ออกกำลังกายอย่างน้อยสัปดาห์ละ 3 วัน ๆ ละ 30 นาที"
    for width in (120, 160, 200, 260):
        (line,) = wrap_text(label, width, 11, max_lines=1)
        assert line.endswith("…")
        kept = line.removesuffix("…").rstrip()
        words = "".join(_break_units(label))
        assert words.startswith(kept)
        boundaries = {0}
        for word in _break_units(label):
            boundaries.add(max(boundaries) + len(word))
        assert len(kept) in boundaries or len(kept.rstrip()) + 1 in boundaries, line
