"""The demo province's issues (ประเด็น) for the demo plans' first fiscal year: plausible for
Lampang, labelled demo (not the province's real list)."""

from __future__ import annotations

from planlink.areas.models import Area
from planlink.frameworks.models import ProvinceIssue

DEMO_ISSUE_YEAR = 2570

# (title, provincial strategy, what it covers, suggesting words)
DEMO_ISSUES: tuple[tuple[str, str, str, str], ...] = (
    (
        "โครงสร้างพื้นฐาน การคมนาคม และไฟฟ้า",
        "ยุทธศาสตร์ที่ 4 การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์เพื่อรองรับการพัฒนาเมือง",
        "ถนน สะพาน ท่อลอด รางระบายน้ำ ไฟฟ้าและไฟฟ้าส่องสว่างในหมู่บ้านและระหว่างหมู่บ้าน",
        "ถนน, สะพาน, ท่อลอด, รางระบายน้ำ, ไฟฟ้า, ไฟฟ้าส่องสว่าง, ศาลาอเนกประสงค์, ลานกีฬา, "
        "หอกระจายข่าว, โครงสร้างพื้นฐาน",
    ),
    (
        "แหล่งน้ำและการบริหารจัดการน้ำเพื่อการเกษตรและการอุปโภคบริโภค",
        "ยุทธศาสตร์ที่ 3 การบริหารจัดการทรัพยากรน้ำและทรัพยากรธรรมชาติอย่างยั่งยืน",
        "ฝาย การขุดลอกลำเหมืองและหนองน้ำ ประปาหมู่บ้าน บ่อบาดาล ระบบกระจายน้ำ",
        "ฝาย, ขุดลอก, ลำเหมือง, ลำห้วย, หนอง, ประปา, บ่อบาดาล, หอถัง, แหล่งน้ำ, น้ำดื่ม, กรองน้ำ",
    ),
    (
        "เศรษฐกิจฐานราก อาชีพ และรายได้ของครัวเรือน",
        "ยุทธศาสตร์ที่ 1 การพัฒนาเศรษฐกิจสร้างสรรค์ เกษตรมูลค่าสูง และการท่องเที่ยวชุมชน",
        "ฝึกอาชีพ กลุ่มอาชีพและวิสาหกิจชุมชน เกษตรปลอดภัย ผลิตภัณฑ์ชุมชน การตลาด",
        "อาชีพ, ฝึกอบรม, กลุ่ม, ผลิตภัณฑ์, ผัก, เกษตร, ปุ๋ย, ตลาด, ท่องเที่ยว, กองทุน, ออม, ปลา, เห็ด, เศรษฐกิจ",
    ),
    (
        "คุณภาพชีวิต สุขภาพ การศึกษา และความปลอดภัย",
        "ยุทธศาสตร์ที่ 2 การพัฒนาคน คุณภาพชีวิต และสังคมที่เข้มแข็ง",
        "สุขภาพผู้สูงอายุและผู้พิการ เด็กเล็ก การป้องกันโรค ยาเสพติด ความปลอดภัยในชุมชน",
        "สุขภาพ, ผู้สูงอายุ, ผู้พิการ, เด็ก, ไข้เลือดออก, คัดกรอง, ยาเสพติด, การศึกษา, "
        "ศูนย์พัฒนาเด็กเล็ก, อุบัติเหตุ, สาธารณสุข, สังคมและคุณภาพชีวิต, ความมั่นคง",
    ),
    (
        "ทรัพยากรธรรมชาติ สิ่งแวดล้อม หมอกควัน และวัฒนธรรมชุมชน",
        "ยุทธศาสตร์ที่ 3 การบริหารจัดการทรัพยากรน้ำและทรัพยากรธรรมชาติอย่างยั่งยืน",
        "ป่าชุมชน ไฟป่าและหมอกควัน ขยะ ประเพณีและวัฒนธรรมล้านนา",
        "ป่า, ไฟป่า, หมอกควัน, ขยะ, สิ่งแวดล้อม, ประเพณี, วัฒนธรรม, อนุรักษ์, ศาสนา",
    ),
)


def demo_issues_load(*, province: str = "52", fiscal_year: int = DEMO_ISSUE_YEAR) -> int:
    """The demo issues of the year, once (a province that set its own is left alone)."""
    area = Area.objects.get(code=province)
    if ProvinceIssue.objects.filter(province=area, fiscal_year=fiscal_year).exists():
        return 0
    ProvinceIssue.objects.bulk_create(
        ProvinceIssue(
            province=area,
            fiscal_year=fiscal_year,
            number=n,
            title=title,
            strategy=strategy,
            description=covers,
            keywords=words,
            is_demo=True,
        )
        for n, (title, strategy, covers, words) in enumerate(DEMO_ISSUES, start=1)
    )
    return len(DEMO_ISSUES)


# --- The demo strategy frameworks ------------------------------------------------------------

# The demo provincial development plan (labelled demo: plausible for Lampang, not its real
# plan): (number, title, suggesting words). The demo issues serve its nodes (ISSUE_NODES).
DEMO_PROVINCE_PLAN_TITLE = "แผนพัฒนาจังหวัดลำปาง พ.ศ. 2566–2570 (ฉบับทบทวน พ.ศ. 2570)"
DEMO_PROVINCE_PLAN: tuple[tuple[str, str, str], ...] = (
    ("1", "การพัฒนาเศรษฐกิจสร้างสรรค์ เกษตรมูลค่าสูง และการท่องเที่ยวชุมชน", "เศรษฐกิจ, อาชีพ"),
    ("1.1", "แผนงานส่งเสริมเกษตรปลอดภัยและเกษตรมูลค่าสูง", "ผัก, เกษตร, ปุ๋ย, ปลา, เห็ด, ไก่, โค"),
    ("1.2", "แผนงานพัฒนาอาชีพ กลุ่มอาชีพ และผลิตภัณฑ์ชุมชน", "อาชีพ, กลุ่ม, ผลิตภัณฑ์, ทอผ้า, จักสาน, ตลาด"),
    ("1.3", "แผนงานพัฒนาการท่องเที่ยวชุมชนวิถีล้านนา", "ท่องเที่ยว, โฮมสเตย์"),
    ("2", "การพัฒนาคน คุณภาพชีวิต และสังคมที่เข้มแข็ง", "คุณภาพชีวิต"),
    ("2.1", "แผนงานสร้างเสริมสุขภาพและป้องกันโรคในชุมชน", "สุขภาพ, ไข้เลือดออก, คัดกรอง, ออกกำลังกาย"),
    ("2.2", "แผนงานดูแลผู้สูงอายุ ผู้พิการ และกลุ่มเปราะบาง", "ผู้สูงอายุ, ผู้พิการ, ติดเตียง, ยากจน"),
    ("2.3", "แผนงานพัฒนาเด็กและเยาวชน และการเรียนรู้ตลอดชีวิต", "เด็ก, เยาวชน, ศูนย์พัฒนาเด็กเล็ก, การศึกษา"),
    ("2.4", "แผนงานป้องกันยาเสพติดและความปลอดภัยในชีวิตและทรัพย์สิน", "ยาเสพติด, กล้องวงจรปิด, อุบัติเหตุ"),
    ("3", "การบริหารจัดการทรัพยากรน้ำและทรัพยากรธรรมชาติอย่างยั่งยืน", "ทรัพยากรธรรมชาติ"),
    ("3.1", "แผนงานพัฒนาแหล่งน้ำเพื่อการเกษตรและการอุปโภคบริโภค",
     "ฝาย, ขุดลอก, ลำเหมือง, ประปา, บ่อบาดาล, หอถัง"),
    ("3.2", "แผนงานแก้ไขปัญหาไฟป่า หมอกควัน และการจัดการขยะ", "ไฟป่า, หมอกควัน, ขยะ, ป่าชุมชน"),
    ("3.3", "แผนงานอนุรักษ์ศิลปวัฒนธรรมและประเพณีล้านนา", "ประเพณี, วัฒนธรรม, วัด"),
    ("4", "การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์เพื่อรองรับการพัฒนาเมือง", "โครงสร้างพื้นฐาน"),
    ("4.1", "แผนงานพัฒนาเส้นทางคมนาคมและการระบายน้ำในชุมชน", "ถนน, สะพาน, ท่อลอด, รางระบายน้ำ"),
    ("4.2", "แผนงานพัฒนาไฟฟ้า พลังงานทดแทน และสถานที่สาธารณะของชุมชน",
     "ไฟฟ้า, ไฟฟ้าส่องสว่าง, โซลาร์เซลล์, ศาลา, ลานกีฬา, หอกระจายข่าว"),
)  # fmt: skip
# Demo issue number → the node of the provincial plan it serves.
ISSUE_NODES = {1: "4", 2: "3.1", 3: "1", 4: "2", 5: "3.2"}

DEMO_DISTRICT_STRATEGY: dict[str, tuple[str, tuple[tuple[str, str, str], ...]]] = {
    "5201": (
        "ยุทธศาสตร์การพัฒนาอำเภอเมืองลำปาง พ.ศ. 2566–2570",
        (
            ("1", "เมืองน่าอยู่ โครงสร้างพื้นฐานได้มาตรฐาน", "ถนน, ไฟฟ้า, รางระบายน้ำ, ประปา"),
            ("2", "เศรษฐกิจชุมชนเข้มแข็ง รายได้ครัวเรือนเพิ่มขึ้น", "อาชีพ, กลุ่ม, ผลิตภัณฑ์, เกษตร"),
            ("3", "สังคมคุณภาพ ผู้สูงอายุและเด็กได้รับการดูแล", "ผู้สูงอายุ, เด็ก, สุขภาพ, ยาเสพติด"),
            ("4", "ทรัพยากรธรรมชาติยั่งยืน ปลอดหมอกควัน", "ไฟป่า, หมอกควัน, ขยะ, ฝาย, ป่า"),
        ),
    ),
}  # fmt: skip


def demo_strategies_load(*, province: str = "52") -> int:
    """The demo provincial plan (its issues linked to its nodes) and district strategies,
    once; the number of nodes written."""
    from planlink.frameworks import services
    from planlink.frameworks.models import Framework, FrameworkKind

    area = Area.objects.get(code=province)
    written = 0
    if not Framework.objects.filter(kind=FrameworkKind.PROVINCE, area=area).exists():
        plan = services.framework_create(
            user=None,
            area=area,
            data=services.FrameworkData(
                FrameworkKind.PROVINCE, DEMO_PROVINCE_PLAN_TITLE, 2566, 2570
            ),
            demo=True,
        )
        for code, title, words in DEMO_PROVINCE_PLAN:
            services.node_save(
                user=None, framework=plan, data=services.NodeData(code, title, words)
            )
            written += 1
        nodes = {n.code: n for n in plan.nodes.all()}
        for issue in ProvinceIssue.objects.filter(province=area, fiscal_year=DEMO_ISSUE_YEAR):
            node = nodes.get(ISSUE_NODES.get(issue.number, ""))
            if node is not None and issue.node_id is None:
                ProvinceIssue.objects.filter(pk=issue.pk).update(node=node)
    for code, (title, rows) in DEMO_DISTRICT_STRATEGY.items():
        district = Area.objects.filter(code=code).first()
        if (
            district is None
            or Framework.objects.filter(kind=FrameworkKind.DISTRICT, area=district).exists()
        ):
            continue
        strategy = services.framework_create(
            user=None,
            area=district,
            data=services.FrameworkData(FrameworkKind.DISTRICT, title, 2566, 2570),
            demo=True,
        )
        for number, name, words in rows:
            services.node_save(
                user=None, framework=strategy, data=services.NodeData(number, name, words)
            )
            written += 1
    return written


def province_plan_sample_rows() -> list[tuple[str, str, str]]:
    """The rows of docs/samples/provincial-strategy-sample.xlsx (the demo provincial plan)."""
    return list(DEMO_PROVINCE_PLAN)
