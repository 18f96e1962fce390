"""The demo's frameworks beyond the issues: the province's calendar of the current fiscal
year, a few learning media and the trained facilitators of every demo tambon. Everything is
labelled demo; names are invented (as in plan_catalogue), links are plain text addresses of
the Department's site (nothing is fetched), and one small PDF is generated here."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import groupby

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel
from planlink.core import audit
from planlink.core.thai import fiscal_year, fiscal_year_bounds
from planlink.demo.plan_catalogue import _MEN, _SURNAMES, _WOMEN
from planlink.frameworks.models import (
    Deadline,
    LearningMedium,
    Step,
    TrainedFacilitator,
)
from planlink.frameworks.services import MediumData, medium_add

SEED = 2570
DEPARTMENT_SITE = "https://www.cdd.go.th/"

# Days after the demo's "today" by which each step is due: the review comes up on the
# officers' to-do list, the tambon steps follow in the order they happen.
DEMO_DUE_AFTER = {
    Step.VILLAGE_REVIEW: 10,
    Step.TAMBON_CONSOLIDATION: 40,
    Step.TAMBON_FORUM: 70,
    Step.DISTRICT_SUBMISSION: 100,
}
DEMO_NOTES = {
    Step.VILLAGE_REVIEW: "ตามปฏิทินของกระทรวงมหาดไทย (สาธิต)",
    Step.TAMBON_CONSOLIDATION: "ศอช.ต. รวบรวมความต้องการจากแผนหมู่บ้าน (สาธิต)",
    Step.TAMBON_FORUM: "ประชาคมตำบลร่วมกับภาคีการพัฒนา (สาธิต)",
    Step.DISTRICT_SUBMISSION: "ส่งโครงการลำดับ 1–2 ของแต่ละประเด็นเข้าแผนพัฒนาอำเภอ (สาธิต)",
}

# (title, topic, audiences, description, link or None for the generated PDF)
DEMO_MEDIA: tuple[tuple[str, str, tuple[str, ...], str, str | None], ...] = (
    (
        "คู่มือการจัดทำและทบทวนแผนชุมชน (สาธิต)",
        "manual",
        ("committee", "tcoc", "officers"),
        "ขั้นตอนการจัดทำแผนชุมชน ตั้งแต่การเก็บข้อมูล วิเคราะห์ปัญหา จัดลำดับความสำคัญ "
        "ไปจนถึงการรับรองแผนในเวทีประชาคมหมู่บ้าน",
        DEPARTMENT_SITE,
    ),
    (
        "ชุดภาพพลิก ขั้นตอนการบูรณาการแผนชุมชนระดับตำบล (สาธิต)",
        "flip_chart",
        ("tcoc",),
        "ภาพพลิกสำหรับ ศอช.ต. ใช้ในเวทีรวบรวมความต้องการจากแผนหมู่บ้านเป็นแผนชุมชนระดับตำบล",
        DEPARTMENT_SITE,
    ),
    (
        "วิดีโอ: เวทีประชาคมตำบลและการคัดเลือกโครงการเข้าแผนพัฒนาอำเภอ (สาธิต)",
        "video",
        ("tcoc", "officers"),
        "การจัดลำดับโครงการในแต่ละประเด็นของจังหวัด และการส่งโครงการลำดับ 1–2 เข้าแผนพัฒนาอำเภอ",
        DEPARTMENT_SITE,
    ),
    (
        "การใช้ข้อมูล จปฐ. และ กชช.2ค วิเคราะห์ปัญหาหมู่บ้าน (สาธิต)",
        "data_pack",
        ("committee", "officers"),
        "เอกสารสั้นสำหรับคณะกรรมการหมู่บ้าน: อ่านชุดข้อมูลของหมู่บ้าน ตัวชี้วัดที่ไม่ผ่านเกณฑ์ "
        "และการเชื่อมปัญหากับกิจกรรมในแผน",
        None,
    ),
    (
        "แบบติดตามและประเมินผลกิจกรรมที่ชาวบ้านทำเอง (สาธิต)",
        "monitoring",
        ("committee",),
        "ทีมติดตามและประเมินผลของหมู่บ้าน บันทึกความก้าวหน้า การสมทบแรงงานและเงิน และความพึงพอใจ",
        DEPARTMENT_SITE,
    ),
)

_COURSES = (
    "หลักสูตรวิทยากรกระบวนการแผนชุมชน",
    "หลักสูตรวิทยากรกระบวนการเวทีประชาคม",
    "หลักสูตรผู้นำการเปลี่ยนแปลงและวิทยากรกระบวนการ",
)


def _clamped(day: date, first: date, last: date) -> date:
    return min(max(day, first), last)


def demo_calendar_load(*, province: Area, today: date) -> int:
    """The current fiscal year's deadlines, once (a province that set its own keeps them)."""
    year = fiscal_year(today)
    if Deadline.objects.filter(province=province, fiscal_year=year).exists():
        return 0
    first, last = fiscal_year_bounds(year)
    rows = [
        Deadline(
            province=province,
            fiscal_year=year,
            step=step,
            due_on=_clamped(today + timedelta(days=days), first, last),
            note=DEMO_NOTES[step],
            is_demo=True,
        )
        for step, days in DEMO_DUE_AFTER.items()
    ]
    Deadline.objects.bulk_create(rows)
    audit.record_bulk(Deadline, rows, user=None, update=False, reason="demo")
    return len(rows)


def _demo_pdf() -> bytes:
    """A one-page PDF in Sarabun (WeasyPrint), standing for a leaflet of the Department."""
    from weasyprint import HTML

    from planlink.reports.pdf import font_face_css

    html = f"""<html lang="th"><head><meta charset="utf-8"><style>{font_face_css()}
      @page {{ size: A5; margin: 14mm; }}
      body {{ font-family: "Sarabun"; font-size: 13pt; line-height: 1.6; }}
      h1 {{ font-size: 17pt; }} .demo {{ color: #6b5200; }}</style></head><body>
      <p class="demo">เอกสารสาธิต (planlink demo) — ไม่ใช่เอกสารราชการ</p>
      <h1>การใช้ข้อมูล จปฐ. และ กชช.2ค วิเคราะห์ปัญหาหมู่บ้าน</h1>
      <ol><li>เปิดชุดข้อมูลของหมู่บ้าน ดูตัวชี้วัดที่ไม่ผ่านเกณฑ์ (ตกเกณฑ์) มากที่สุด</li>
      <li>คุยในคณะทำงานว่าปัญหาใดชาวบ้านแก้ได้เอง ปัญหาใดต้องทำร่วมหรือขอรับการสนับสนุน</li>
      <li>เพิ่มกิจกรรมในแผนจากปัญหาแต่ละข้อ ให้กิจกรรมที่ทำเองไม่น้อยกว่าร้อยละ 30</li>
      <li>ตั้งทีมติดตามและประเมินผลของหมู่บ้านสำหรับกิจกรรมที่ทำเอง</li></ol>
      </body></html>"""
    return bytes(HTML(string=html).write_pdf() or b"")


def demo_media_load(*, province: Area) -> int:
    """A few demo learning media of the province, once."""
    if LearningMedium.objects.filter(province=province, is_demo=True).exists():
        return 0
    for title, topic, audiences, description, link in DEMO_MEDIA:
        upload = None
        if link is None:
            upload = SimpleUploadedFile(
                "การใช้ข้อมูล-จปฐ-สาธิต.pdf", _demo_pdf(), content_type="application/pdf"
            )
        medium_add(
            user=None,
            province=province,
            data=MediumData(
                title=title,
                topic=topic,
                audiences=audiences,
                description=description,
                url=link or "",
            ),
            upload=upload,
            demo=True,
        )
    return len(DEMO_MEDIA)


def _village(name: str) -> str:
    return name if name.startswith("บ้าน") else f"บ้าน{name}"


def _person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"นาย{rng.choice(_MEN)} {rng.choice(_SURNAMES)}"
    return f"{rng.choice(('นาง', 'นางสาว'))}{rng.choice(_WOMEN)} {rng.choice(_SURNAMES)}"


def demo_facilitators_load(*, province: Area, today: date) -> int:
    """2–4 trained facilitators per tambon with demo villages, once per province."""
    if TrainedFacilitator.objects.filter(
        tambon__code__startswith=province.code, is_demo=True
    ).exists():
        return 0
    villages = (
        Area.objects.filter(code__startswith=province.code, level=AreaLevel.VILLAGE, is_demo=True)
        .order_by("code")
        .values_list("code", "name_th")
    )
    tambon_names = dict(
        Area.objects.filter(code__startswith=province.code, level=AreaLevel.TAMBON).values_list(
            "code", "name_th"
        )
    )
    rows: list[TrainedFacilitator] = []
    for tambon, group in groupby(villages, key=lambda v: v[0][:6]):
        names = [name for _code, name in group]
        rng = random.Random(f"{SEED}:facilitators:{tambon}")
        taken: set[str] = set()
        for n in range(rng.randint(2, 4)):
            name = _person(rng)
            while name in taken:
                name = _person(rng)
            taken.add(name)
            place = tambon_names.get(tambon, "")
            organisation = rng.choice(
                (
                    f"ศอช.ต.{place}",
                    f"ผู้นำอาสาพัฒนาชุมชน (ผู้นำ อช.) ตำบล{place}",
                    f"กลุ่มสตรีอาสาพัฒนา ตำบล{place}",
                    _village(rng.choice(names)) if names else f"ตำบล{place}",
                )
            )
            trained_on = today - timedelta(days=rng.randint(120, 1500))
            rows.append(
                TrainedFacilitator(
                    tambon_id=tambon,
                    name=name,
                    organisation=organisation,
                    course=f"{rng.choice(_COURSES)} รุ่นที่ {rng.randint(1, 6)}",
                    trained_on=trained_on,
                    active=n < 3 or rng.random() < 0.5,
                    is_demo=True,
                )
            )
    TrainedFacilitator.objects.bulk_create(rows, batch_size=1000)
    saved = list(
        TrainedFacilitator.objects.filter(tambon__code__startswith=province.code, is_demo=True)
    )
    audit.record_bulk(TrainedFacilitator, saved, user=None, update=False, reason="demo")
    return len(rows)


def demo_frameworks_load(*, province: str = "52", today: date | None = None) -> dict[str, int]:
    """The demo's calendar, learning media and facilitators (each once: run again, nothing
    changes). Returns what was added."""
    today = today or timezone.localdate()
    area = Area.objects.get(code=province)
    return {
        "deadlines": demo_calendar_load(province=area, today=today),
        "media": demo_media_load(province=area),
        "facilitators": demo_facilitators_load(province=area, today=today),
    }
