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
