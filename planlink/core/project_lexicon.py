"""The words `project_text` reads Thai project titles with.

Kept apart from the parsing code so that whoever meets a new verb or object in real plans can
add it here without reading the regular expressions. Every variant is written as it appears
*after* `project_text.normalise` (so "คอนกรีตเสริมเหล็ก", never "คสล."; "โซลาร์เซลล์" in
one spelling) and without spaces: variants are matched against the title with its spaces
taken out, because writers put spaces anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def _table(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Read "key label: variant variant ..." lines (an indented line goes on with the one
    above, "#" starts a comment): one line per entry is easier to review than nested tuples."""
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    key = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] == " ":
            label, variants = table[key]
            table[key] = (label, variants + tuple(line.split()))
            continue
        head, _, rest = line.partition(":")
        key, label = head.split()
        table[key] = (label, tuple(rest.split()))
    return table


# Work types: key -> (Thai label, variants). At a given position the longest variant wins, and
# the earliest work in the title is its work ("ส่งเสริมการปลูกผัก" is promoting, not planting).
WORK_TYPES: dict[str, tuple[str, tuple[str, ...]]] = _table("""
construct ก่อสร้าง: ก่อสร้าง สร้าง จัดสร้าง ต่อเติม วาง ดาดคอนกรีต ดาดลำเหมือง ดาดคลอง
improve ปรับปรุง: ปรับปรุง ปรับสภาพ เสริมผิว ยกระดับ ปรับ
repair ซ่อมแซม: ซ่อมแซม ซ่อม บูรณะ ซ่อมบำรุง บำรุงรักษา เปลี่ยน
dredge ขุดลอก: ขุดลอก ขุด ลอก
build_up ถมดิน/ลงหินคลุก: ถมดิน ถมที่ ถม ลงหินคลุก ลงลูกรัง ลงดินลูกรัง ลงหิน
    ปรับเกรด เกรด
install ติดตั้ง: ติดตั้ง
extend ขยายเขต: ขยายเขต ขยาย วางท่อเมน
drill เจาะ: เจาะ ขุดเจาะ
train ฝึกอบรม: ฝึกอบรม อบรม ฝึก
promote ส่งเสริม: ส่งเสริม สร้างเสริม เสริมสร้าง สร้างความ สร้างรายได้
    สร้างอาชีพ
campaign รณรงค์: รณรงค์ สร้างจิตสำนึก ปลูกจิตสำนึก
screen ตรวจคัดกรอง: ตรวจคัดกรอง คัดกรอง ตรวจ
establish จัดตั้ง: จัดตั้ง ก่อตั้ง
conserve อนุรักษ์: อนุรักษ์ สืบสาน สืบทอด ฟื้นฟู
organise จัดงาน: จัดงาน จัดกิจกรรม จัดการแข่งขัน แข่งขัน งานบุญ จัดเวที จัด
plant ปลูก: ปลูก
support สนับสนุน: สนับสนุน อุดหนุน
purchase จัดซื้อ: จัดซื้อ จัดหา ซื้อ
sort คัดแยก: คัดแยก
produce ผลิต: ผลิต
make จัดทำ: จัดทำ
develop พัฒนา: พัฒนา
visit เยี่ยมบ้าน: เยี่ยมบ้าน เยี่ยม
follow_up ติดตาม: ติดตาม
give มอบ: มอบ แจก แจกจ่าย
guide แนะแนว: แนะแนว
practice ปฏิบัติ: ปฏิบัติ รักษา
prevent ป้องกัน: ป้องกันและแก้ไข ป้องกัน แก้ไขปัญหา แก้ไข ปลอด ต้าน
review ทบทวน: ทบทวน
survey จัดเก็บข้อมูล: จัดเก็บ สำรวจ ตรวจสอบ
contest ประกวด: ประกวด
volunteer จิตอาสา: จิตอาสา
guard จัดเวรยาม: จัดเวรยาม เวรยาม ลาดตระเวน อยู่เวร
raise เลี้ยง: เลี้ยง
eliminate กำจัด: กำจัด
""")

# Objects: key -> (Thai label, variants). The object of a title is the one with the lowest
# OBJECT_RANK, then the earliest, then the longest; words inside parentheses count only when
# nothing outside them does.
OBJECTS: dict[str, tuple[str, tuple[str, ...]]] = _table("""
road ถนน: ถนน ผิวจราจร ผิวถนน ผิวทาง ไหล่ทาง ทางหลวงชนบท ทางหลวงท้องถิ่น
drain รางระบายน้ำ: รางระบายน้ำ ท่อระบายน้ำ ระบบระบายน้ำ คูระบายน้ำ ทางระบายน้ำ
    ร่องระบายน้ำ
culvert ท่อลอด: ท่อลอดเหลี่ยม ท่อลอด ท่อเหลี่ยม
bridge สะพาน: สะพาน
sluice ประตูระบายน้ำ: ประตูระบายน้ำ ประตูน้ำ ปตร ประตูปิด-เปิดน้ำ ประตูปิดเปิดน้ำ
weir ฝาย: ฝาย ฝายชะลอน้ำ ฝายน้ำล้น ฝายแม้ว ทำนบ
water_supply ประปาหมู่บ้าน: ประปา ประปาหมู่บ้าน ระบบประปา ท่อเมนประปา น้ำประปา
    ระบบกรองน้ำประปา ถังกรองน้ำประปา
water_tower หอถังเก็บน้ำ: หอถังเก็บน้ำ หอถังสูง หอถัง ถังเก็บน้ำ ถังแชมเปญ
well บ่อบาดาล: บ่อบาดาล บ่อน้ำตื้น บ่อน้ำ
pump เครื่องสูบน้ำ: เครื่องสูบน้ำ ระบบสูบน้ำ สถานีสูบน้ำ
irrigation ระบบส่งน้ำ: ระบบส่งน้ำ ระบบกระจายน้ำ ท่อส่งน้ำ
streetlight ไฟฟ้าส่องสว่าง: ไฟฟ้าส่องสว่าง ไฟส่องสว่าง ไฟฟ้าสาธารณะ โคมไฟ
    ไฟกิ่ง เสาไฟฟ้าส่องสว่าง ไฟโซลาร์เซลล์ ไฟฟ้าโซลาร์เซลล์ เสาไฟโซลาร์เซลล์
    ไฟโซล่าเซลล์ เสาไฟโซล่าเซลล์
solar พลังงานแสงอาทิตย์: โซลาร์เซลล์ โซล่าเซลล์ พลังงานแสงอาทิตย์ แผงโซลาร์
electricity ไฟฟ้า: ไฟฟ้า เขตไฟฟ้า
cemetery สุสาน/ป่าช้า: สุสาน ป่าช้า ฌาปนสถาน เมรุ
hall ศาลาอเนกประสงค์: ศาลาอเนกประสงค์ ศาลา อาคารอเนกประสงค์ ศาลาประชาคม
childcare ศูนย์พัฒนาเด็กเล็ก: ศูนย์พัฒนาเด็กเล็ก ศพด ศูนย์เด็กเล็ก
waterway ลำเหมือง/ลำห้วย: ลำเหมือง ลำห้วย ห้วย คลอง ลำน้ำ แม่น้ำ ลำคลอง
pond หนองน้ำ/แหล่งน้ำ: หนอง หนองน้ำ สระน้ำ บึง อ่างเก็บน้ำ แหล่งน้ำ แก้มลิง
water_weed วัชพืชในแหล่งน้ำ: ผักตบชวา วัชพืช
drinking_water น้ำดื่ม: ตู้น้ำดื่ม เครื่องกรองน้ำ ระบบกรองน้ำ น้ำดื่ม
water_jar โอ่งเก็บน้ำ: โอ่ง โอ่งเก็บน้ำ ภาชนะเก็บน้ำ แท้งค์น้ำ
broadcast หอกระจายข่าว/เสียงตามสาย: หอกระจายข่าว เสียงตามสาย ระบบกระจายเสียง
    เสียงไร้สาย
cctv กล้องวงจรปิด: กล้องวงจรปิด กล้องโทรทัศน์วงจรปิด CCTV
traffic_safety อุปกรณ์ความปลอดภัยทางถนน: กระจกโค้ง ป้ายเตือน ป้ายจราจร
    สัญญาณไฟ ไฟกระพริบ ลูกระนาด
sports_ground ลานกีฬา: ลานกีฬา สนามกีฬา
gym เครื่องออกกำลังกาย: เครื่องออกกำลังกาย อุปกรณ์ออกกำลังกาย
housing ที่อยู่อาศัย: ที่อยู่อาศัย สภาพบ้าน บ้าน
vegetables ผัก: ผัก ผักปลอดสารพิษ ผักสวนครัว พืชผัก
mushroom เห็ด: เห็ด
poultry สัตว์ปีก: ไก่ เป็ด ไก่พื้นเมือง ไก่ไข่
livestock ปศุสัตว์: โคเนื้อ โคนม โคขุน วัว กระบือ ควาย แพะ สุกร ปศุสัตว์
fish ปลา: ปลา ประมง
handicraft หัตถกรรม: หัตถกรรม จักสาน ไม้กวาด ตะกร้า ผ้าทอ ผ้าฝ้าย ทอผ้า
    ดอกไม้จันทน์ เครื่องปั้นดินเผา
processed_food อาหารแปรรูป: แปรรูป ขนม น้ำพริก ข้าวแต๋น กล้วยฉาบ
herbal สมุนไพร: สมุนไพร ยาหม่อง สบู่
savings การออม: ออม การออม ออมทรัพย์
accounts บัญชีครัวเรือน: บัญชีครัวเรือน บัญชี
product ผลิตภัณฑ์ชุมชน: ผลิตภัณฑ์ ตลาด OTOP
fertiliser ปุ๋ย: ปุ๋ย ปุ๋ยหมัก น้ำหมักชีวภาพ
farming เกษตรทฤษฎีใหม่: เกษตรทฤษฎีใหม่ ทฤษฎีใหม่ เกษตรผสมผสาน เกษตรอินทรีย์
    เศรษฐกิจพอเพียง
rice_bank ธนาคารข้าว: ธนาคารข้าว
waste ขยะ: ขยะ ธนาคารขยะ ขยะมูลฝอย
alcohol เครื่องดื่มแอลกอฮอล์: เครื่องดื่มแอลกอฮอล์ แอลกอฮอล์ เหล้า สุรา
tobacco บุหรี่: บุหรี่ ยาสูบ
drugs ยาเสพติด: ยาเสพติด
chronic_disease โรคเรื้อรัง: เบาหวาน ความดันโลหิตสูง ความดันโลหิต
    ผู้ป่วยเรื้อรัง โรคเรื้อรัง
dengue ไข้เลือดออก: ไข้เลือดออก ยุงลาย ลูกน้ำยุงลาย
exercise การออกกำลังกาย: ออกกำลังกาย แอโรบิก
sport กีฬา: กีฬา
breastfeeding นมแม่: นมแม่
maternal หญิงตั้งครรภ์: หญิงตั้งครรภ์ ฝากครรภ์ ตั้งครรภ์
vaccine วัคซีน: วัคซีน
food_safety อาหารปลอดภัย: อาหารปลอดภัย สุขาภิบาลอาหาร
medicine การใช้ยา: การใช้ยา ใช้ยา ยาสามัญประจำบ้าน
caregiver ผู้ดูแลผู้สูงอายุ: Caregiver ผู้ดูแลผู้สูงอายุ
    อาสาสมัครดูแลผู้สูงอายุ ดูแลผู้สูงอายุ
elder_school โรงเรียนผู้สูงอายุ: โรงเรียนผู้สูงอายุ
early_childhood เด็กปฐมวัย: เด็กปฐมวัย ปฐมวัย พัฒนาการเด็ก
out_of_school เด็กนอกระบบการศึกษา: เด็กนอกระบบ นอกระบบการศึกษา ออกกลางคัน
scholarship ทุนการศึกษา: ทุนการศึกษา
literacy การอ่าน: การอ่าน อ่านเขียน รักการอ่าน หนังสือ มุมหนังสือ บ้านหนังสือ
    ห้องสมุด
dharma ธรรมะ: ปฏิบัติธรรม ธรรมะ ธรรม ศีล ทำบุญ ตักบาตร ศาสนา
music ดนตรีพื้นเมือง: ดนตรีพื้นเมือง ดนตรี
forest ป่าชุมชน: ป่าชุมชน ป่าไม้ ป่าต้นน้ำ ต้นไม้ พื้นที่สีเขียว
wildfire ไฟป่า: แนวกันไฟ ไฟป่า
haze หมอกควันและการเผา: หมอกควัน การเผา ฝุ่นละออง PM2.5
cleanliness ความสะอาด: บ้านสะอาด ความสะอาด BigCleaning ทำความสะอาด
public_space ที่สาธารณะ: ที่สาธารณะ พื้นที่สาธารณะ ที่สาธารณประโยชน์
security ความปลอดภัยในชีวิตและทรัพย์สิน: ความปลอดภัย ชรบ ชุดรักษาความปลอดภัย
civil_defence อาสาสมัครป้องกันภัยฝ่ายพลเรือน: อาสาสมัครป้องกันภัยฝ่ายพลเรือน
    อปพร ป้องกันภัย สาธารณภัย
early_warning ระบบแจ้งเตือนภัย: ระบบแจ้งเตือนภัย แจ้งเตือนภัย เตือนภัย
    หอเตือนภัย
health_volunteer อาสาสมัครสาธารณสุข: อสม อาสาสมัครสาธารณสุข
plan แผนชุมชน: แผนชุมชน แผนพัฒนา เวทีประชาคม ประชาคม
data ข้อมูล: ข้อมูล จปฐ กชช
landscape ภูมิทัศน์: ภูมิทัศน์
# Broad domains: the object only when nothing more specific is named.
tradition ประเพณี: ประเพณี วัฒนธรรม
family ครอบครัว: ครอบครัว
health สุขภาพ: สุขภาพ
nutrition โภชนาการ: โภชนาการ
education การศึกษา: การศึกษา ศึกษาต่อ
occupation อาชีพ: อาชีพ กลุ่มอาชีพ
quality_of_life คุณภาพชีวิต: คุณภาพชีวิต
school โรงเรียน: โรงเรียน
temple วัด: วัด
# Containers and target groups: the object only when nothing else is named.
fund กองทุน: กองทุน
group กลุ่ม/ชมรม: กลุ่ม ชมรม
elderly ผู้สูงอายุ: ผู้สูงอายุ
youth เยาวชน: เยาวชน
children เด็ก: เด็ก วันเด็ก
disabled คนพิการ: คนพิการ ผู้พิการ
poor ครัวเรือนยากจน: ครัวเรือนยากจน ผู้ยากไร้ ผู้มีรายได้น้อย ผู้ด้อยโอกาส
women สตรี: สตรี
""")

DOMAINS = ("tradition", "family", "health", "nutrition", "education", "occupation")
GROUPS = ("fund", "group", "elderly", "youth", "children", "disabled", "poor", "women")
OBJECT_RANK: dict[str, int] = {
    k: 1 for k in (*DOMAINS, "quality_of_life", "school", "temple", "solar")
} | {k: 2 for k in GROUPS}

# Variants that need context, as a regular expression replacing the plain word.
VARIANT_GUARDS: dict[str, str] = {
    "วาง": "วาง(?=ท่อ|ระบบ)",
    "ผลิต": "ผลิต(?!ภัณฑ์)",
    "ปลอด": "ปลอด(?!ภัย)",
    "ปรับ": "ปรับ(?=ภูมิทัศน์|พื้นที่)",
    "ลอก": "ลอก(?=ท่อ|ราง)",
    "ปลา": "ปลา(?!ย)",
    "ไก่": "(?<!ไส้)ไก่",
    "บ้าน": "(?<!หมู่)(?<!พื้น)(?<!ติด)(?<!ลูก)(?<!ชาว)(?<!ประจำ)(?<!แม่)บ้าน",
    "วัด": "(?<!เครื่อง)(?<!ตรวจ)(?<!การ)วัด(?!ระดับ|ผล|ความ|คุณภาพ|ขนาด|ปริมาณ)",
    "ธรรม": "(?<!คุณ)ธรรม(?!ชาติ|นูญ)",
    "ตรวจ": "ตรวจ(?!รับ|วัด)",
}

MATERIALS: dict[str, tuple[str, ...]] = {
    key: variants
    for key, (_, variants) in _table("""
asphalt ลาดยาง: แอสฟัลท์ติกคอนกรีต แอสฟัลท์ติก แอสฟัลท์ ลาดยาง ยางมะตอย เคพซีล เคปซีล
concrete คอนกรีต: คอนกรีตเสริมเหล็ก คอนกรีต ฝ.33 ฝ33
laterite ลูกรัง: ลูกรัง
plastic พลาสติก: พลาสติก ไฟเบอร์กลาส
gravel หินคลุก: หินคลุก
gabion เกเบียน: กล่องเกเบียน เกเบียน กาเบียน กล่องลวดตาข่าย
wood ไม้: สะพานไม้ รั้วไม้ ไม้เนื้อแข็ง
""").items()
}

# Water bodies: the word as written -> the one kind it stands for.
WATER_KINDS: dict[str, str] = {
    "ลำห้วย": "ลำห้วย",
    "ห้วย": "ลำห้วย",
    "ลำเหมือง": "ลำเหมือง",
    "หนอง": "หนอง",
    "แม่น้ำ": "แม่น้ำ",
    "ลำน้ำ": "ลำน้ำ",
    "ลำคลอง": "คลอง",
    "คลอง": "คลอง",
    "อ่างเก็บน้ำ": "อ่างเก็บน้ำ",
    "บึง": "บึง",
}
# A water word followed by one of these is generic ("ลำเหมืองสาธารณะ"), not a named place.
WATER_NAME_BLOCK = (
    "สาธารณ", "น้ำสาธารณ", "ส่งน้ำ", "ระบายน้ำ", "ไส้ไก่", "ต่าง", "ภายใน", "ใน", "และ", "ที่",
    "ของ", "เพื่อ", "ข้าง", "ริม", "บริเวณ", "ทั้ง", "ทุก", "ตื้น", "ชลประทาน", "คอนกรีต",
    "ธรรมชาติ", "หมู่", "สาย", "ดิน",
)  # fmt: skip
WATER_NAMES_GENERIC = ("น้ำ",)

# "บ้าน" is a village only where it is not a house or part of a word.
VILLAGE_PRE_BLOCK = (
    "หมู่", "ชาว", "ลูก", "เพื่อน", "พื้น", "ข้าง", "ติด", "คน", "เจ้า", "เยี่ยม", "ซ่อมแซม",
    "ซ่อม", "สร้าง", "ปรับปรุง", "ปรับสภาพ", "รณรงค์", "ประกวด", "และ", "เช่า", "ทำ", "กลับ",
    "ห้อง", "หลัง", "หน้า", "รั้ว", "ประตู", "ประจำ", "สาย", "จาก", "ถึง", "ซอย", "โรงเรียน",
    "วัด", "ตำบล", "อำเภอ", "จังหวัด", "เทศบาล", "นคร", "เมือง", "งาน", "ดูแล", "ไป", "ที่",
)  # fmt: skip
VILLAGE_NAME_BLOCK = (
    "ผู้", "คน", "เรือน", "พัก", "สะอาด", "หนังสือ", "ให้", "และ", "เกิด", "เช่า", "เลขที่",
    "มั่นคง", "ของ", "ที่", "ใน", "ตัวอย่าง", "น่าอยู่", "ติด", "เรา", "ละ", "หลัง", "พอเพียง",
    "ประชารัฐ", "เมืองน่าอยู่", "สวย", "ปลอด", "เพื่อ", "ข้าง", "ว่าง", "ร้าง", "ท้องถิ่น",
)  # fmt: skip

# "สาย" is a route only where it is not a cable, a loudspeaker line or being late.
ROUTE_PRE_BLOCK = (
    "ตาม", "ปลาย", "หลาย", "เดิน", "เส้น", "ทุก", "ต้น", "ไร้", "มา", "ตื่น", "ชุด", "หวาย",
    "ระบบ", "เสียง",
)  # fmt: skip
ROUTE_NAME_BLOCK = (
    "ไฟ", "พันธุ์", "ตา", "สัมพันธ์", "ใย", "ยาง", "สื่อ", "ด่วน", "ส่ง", "เคเบิ", "ล่อฟ้า",
    "น้ำ", "งาน", "รัด", "ชนวน", "การ", "สะพาย", "ไหม", "ธาร", "รุ้ง", "ลับ", "บุญ", "ตรวจ",
    "อากาศ", "ดิน", "หลัก", "รอง", "ต่าง", "และ", "ใน", "ภายใน", "ทาง", "เดิม",
)  # fmt: skip
SOI_NAME_BLOCK = ("ภายใน", "ใน", "ต่าง", "ทุก", "ย่อย", "และ", "ทั้ง", "หมู่", "สาย")

# Other named places: kind word -> words that make it generic instead of a name.
NAMED_KINDS: dict[str, tuple[str, ...]] = {
    "ถนน": (
        "คอนกรีต", "แอสฟัลท์", "ลูกรัง", "หินคลุก", "ลาดยาง", "ยาง", "ดิน", "หิน", "เพื่อ", "สาย",
        "ซอย", "ภายใน", "ใน", "เข้า", "สู่", "ทาง", "ผิว", "สาธารณ", "เลียบ", "รอบ", "ข้าง",
        "และ", "ไป", "หมู่", "บ้าน", "ชนบท", "พารา", "เชื่อม", "เส้น", "ระหว่าง", "จาก", "หน้า",
        "หลัง", "กลาง", "ทุก", "ต่าง", "ให้", "ที่", "ของ", "พร้อม", "ปลอด", "ลง", "ชำรุด",
        "เดิม", "บริเวณ", "ริม", "เกษตร", "การ", "สำหรับ", "เป็น", "โดย", "ตาม", "สอง", "ไหล่",
        "ขึ้น", "ลาด", "หลัก", "รอง", "ซีเมนต์", "คสล", "แบบ", "ชนิด", "ขนาด", "ช่วง",
    ),
    "วัด": (
        "และ", "ใน", "ระดับ", "ผล", "ความ", "คุณภาพ", "ขนาด", "ปริมาณ", "ประเมิน", "ต่าง",
        "ทุก", "วา", "ทั้ง", "ของ", "ที่", "หรือ", "เพื่อ", "ประจำ",
    ),
    "โรงเรียน": (
        "ผู้", "และ", "ใน", "ต่าง", "ทุก", "พ่อแม่", "ชาวนา", "เกษตรกร", "ครอบครัว", "ปลอด",
        "สีขาว", "ของ", "ที่", "เพื่อ", "อสม", "ประจำ", "ทั้ง",
    ),
}  # fmt: skip
NAMED_PRE_BLOCK: dict[str, tuple[str, ...]] = {
    "ถนน": ("ทาง",),  # อุบัติเหตุทางถนน, ความปลอดภัยทางถนน: the roads in general
    # A spot in front of or beside a temple or a school is not theirs (ศาลาที่พักผู้โดยสาร
    # หน้าโรงเรียนบ้านสบจาง is the village's shelter).
    "วัด": ("เครื่อง", "ตรวจ", "การ", "ชั่ง", "ที่", "หน้า", "ใกล้"),
    "โรงเรียน": ("หน้า", "ใกล้"),
}


class Lexicon:
    """A lexicon ready to look up: variants indexed by their first letter, so that at each
    position of a short title only the few variants starting with that letter are tried,
    longest first (one big alternation regex was ten times slower)."""

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self.first: dict[str, list[tuple[str, str, re.Pattern[str] | None]]] = {}
        owner = {v.replace(" ", "").lower(): k for k, variants in entries.items() for v in variants}
        for variant in sorted(owner, key=len, reverse=True):
            guard = VARIANT_GUARDS.get(variant)
            entry = (variant, owner[variant], re.compile(guard) if guard else None)
            self.first.setdefault(variant[0], []).append(entry)

    def scan(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(key, start, end) of each match, left to right, not overlapping."""
        text, i, first = text.lower(), 0, self.first
        while i < len(text):
            for variant, key, guard in first.get(text[i], ()):
                end = i + len(variant)
                if guard.match(text, i) if guard else text.startswith(variant, i):
                    yield key, i, end
                    i = end - 1
                    break
            i += 1

    def best(self, text: str, rank: dict[str, int] | None = None) -> tuple[str, int, int] | None:
        """The match of lowest rank, then the earliest (the longest at its position)."""
        found = None
        for key, start, end in self.scan(text):
            if rank is None:
                return key, start, end
            if found is None or rank.get(key, 0) < rank.get(found[0], 0):
                found = (key, start, end)
        return found

    def key(self, text: str, rank: dict[str, int] | None = None) -> str | None:
        found = self.best(text, rank)
        return found[0] if found else None
