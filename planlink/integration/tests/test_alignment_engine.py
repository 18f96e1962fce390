"""Alignment suggestions: the issue's node, the owner's words, the kind of work."""

from __future__ import annotations

from planlink.integration.engine.alignment import Item, Node, suggest, theme

NATIONAL = [
    Node(1, 10, "national_strategy", "2", "การสร้างความสามารถในการแข่งขัน"),
    Node(2, 10, "national_strategy", "5", "การสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม"),
    Node(3, 11, "master_plan", "7", "โครงสร้างพื้นฐาน ระบบโลจิสติกส์ และดิจิทัล"),
    Node(4, 11, "master_plan", "19", "การบริหารจัดการน้ำทั้งระบบ"),
    Node(5, 12, "nesdp", "11", "ไทยสามารถลดความเสี่ยงและผลกระทบจากภัยธรรมชาติ"),
]
PROVINCE = [
    Node(20, 30, "province", "1", "พัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์"),
    Node(21, 30, "province", "1.1", "แผนงานพัฒนาถนนและเส้นทางคมนาคม", ("ถนน", "สะพาน")),
    Node(22, 30, "province", "2", "บริหารจัดการทรัพยากรน้ำเพื่อการเกษตร", ("ฝาย", "ขุดลอก")),
    Node(23, 30, "province", "3", "ส่งเสริมผู้สูงอายุและสวัสดิการสังคม"),
]


def by_framework(found: list) -> dict[int, int]:
    return {s.framework: s.node for s in found}


def test_the_kind_of_work_suggests_the_national_strategy_master_plan_and_milestone():
    assert theme("ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 4") == "infrastructure"
    found = by_framework(suggest(Item("ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 4"), NATIONAL))
    assert found == {10: 1, 11: 3}  # no NESDP milestone for a village road's milestone 8 here
    weir = suggest(Item("ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่ตาล"), NATIONAL)
    assert by_framework(weir) == {10: 2, 11: 4, 12: 5}
    assert "การบริหารจัดการน้ำ" in weir[1].reason


def test_the_issue_node_wins_and_the_strategy_above_it_is_explained():
    item = Item("ก่อสร้างฝายชะลอน้ำ", issue_node=22)
    assert by_framework(suggest(item, PROVINCE))[30] == 22
    under = Item("ปรับปรุงถนนลูกรัง", issue_node=21)
    found = suggest(under, PROVINCE)
    assert found[0].node == 21 and found[0].score == 0.95
    # The owner's words find a node when the issue says nothing.
    assert by_framework(suggest(Item("ซ่อมแซมสะพานไม้ข้ามลำห้วย"), PROVINCE))[30] == 21


def test_title_words_and_problems_suggest_an_unkeyworded_node_and_rejected_nodes_are_not_suggested():
    item = Item("จัดกิจกรรมส่งเสริมสุขภาพผู้สูงอายุ", problems=("ผู้สูงอายุไม่ได้รับการดูแล",))
    found = suggest(item, PROVINCE)
    assert by_framework(found) == {30: 23} and "ผู้สูงอายุ" in found[0].reason
    assert suggest(item, PROVINCE, rejected=[23]) == []
    assert suggest(Item("อบรมการทำบัญชีครัวเรือน"), PROVINCE) == []
