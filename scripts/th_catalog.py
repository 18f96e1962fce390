"""Fill the Thai catalogue (locale/th/LC_MESSAGES/django.po) from THAI below, then compile.

Run after `make messages` has extracted new strings: entries already translated in the .po
are kept; new msgids found here are filled in; any msgid left untranslated is listed so a
translator can add it. The .mo is compiled with polib, so no gettext install is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/th/LC_MESSAGES/django.po"

THAI: dict[str, str | tuple[str, ...]] = {
    "Thai": "ไทย",
    "English": "อังกฤษ",
    "Accounts and roles": "บัญชีผู้ใช้และบทบาท",
    "Username": "ชื่อผู้ใช้",
    "demo account": "บัญชีสาธิต",
    "user": "ผู้ใช้",
    "users": "ผู้ใช้",
    "role": "บทบาท",
    "area": "พื้นที่",
    "local government": "องค์กรปกครองส่วนท้องถิ่น",
    "role assignment": "การมอบบทบาท",
    "role assignments": "การมอบบทบาท",
    "Village committee (กม.)": "คณะกรรมการหมู่บ้าน (กม.)",
    "Community development officer (พัฒนากร)": "พัฒนากร",
    "Tambon coordination centre committee (ศอช.ต.)": "คณะกรรมการ ศอช.ต.",
    "Local government planner (อปท.)": "ผู้จัดทำแผนของ อปท.",
    "District community development office": "สำนักงานพัฒนาชุมชนอำเภอ",
    "District administration office (ที่ทำการปกครองอำเภอ)": "ที่ทำการปกครองอำเภอ",
    "Provincial community development office": "สำนักงานพัฒนาชุมชนจังหวัด",
    "Provincial planning office": "สำนักงานจังหวัด (กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด)",
    "System administrator": "ผู้ดูแลระบบ",
    "Too many attempts": "ลองเข้าระบบหลายครั้งเกินไป",
    "Too many wrong passwords": "ใส่รหัสผ่านผิดหลายครั้งเกินไป",
    "This account is locked for 15 minutes after 5 wrong passwords. Wait and try again, or ask your administrator to reset your password.": "บัญชีนี้ถูกล็อก 15 นาที เพราะใส่รหัสผ่านผิด 5 ครั้ง กรุณารอแล้วลองใหม่ หรือขอให้ผู้ดูแลระบบตั้งรหัสผ่านใหม่",
    "Log in": "เข้าสู่ระบบ",
    "Wrong username or password. Both are case-sensitive. After 5 wrong tries the account is locked for 15 minutes.": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ตัวพิมพ์เล็ก-ใหญ่มีผล) หากผิด 5 ครั้ง บัญชีจะถูกล็อก 15 นาที",
    "Password": "รหัสผ่าน",
    "Demo accounts": "บัญชีสาธิต",
    "Password for every demo account:": "รหัสผ่านของทุกบัญชีสาธิต:",
    "Provincial community development office, Lampang": "สำนักงานพัฒนาชุมชนจังหวัดลำปาง",
    "District community development office, Mueang Lampang": "สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง",
    "District administration office, Mueang Lampang": "ที่ทำการปกครองอำเภอเมืองลำปาง",
    "Community development officer for tambon Wiang Nuea": "พัฒนากรผู้รับผิดชอบตำบลเวียงเหนือ",
    "Tambon coordination centre (ศอช.ต.) committee, Wiang Nuea": "คณะกรรมการ ศอช.ต. เวียงเหนือ",
    "Planner of Lampang city municipality": "ผู้จัดทำแผน เทศบาลนครลำปาง",
    "Village committee, Moo 1 Wiang Nuea": "คณะกรรมการหมู่บ้าน หมู่ที่ 1 ตำบลเวียงเหนือ",
    "Change password": "เปลี่ยนรหัสผ่าน",
    "Password changed": "เปลี่ยนรหัสผ่านแล้ว",
    "Your new password works from now on.": "ใช้รหัสผ่านใหม่ได้ตั้งแต่ตอนนี้",
    "Back to my areas": "กลับไปพื้นที่ของฉัน",
    "My account": "บัญชีของฉัน",
    "My roles": "บทบาทของฉัน",
    "and everything in it": "และทุกพื้นที่ภายใน",
    "the whole country": "ทั้งประเทศ",
    "You have no role yet.": "ยังไม่ได้รับบทบาทใด",
    "Areas": "พื้นที่",
    "Village file (CSV or Excel)": "ไฟล์รายชื่อหมู่บ้าน (CSV หรือ Excel)",
    "Columns: village code (8 digits), หมู่ที่, village name. UTF-8 or TIS-620; Thai digits are fine.": "คอลัมน์: รหัสหมู่บ้าน (8 หลัก), หมู่ที่, ชื่อหมู่บ้าน ไฟล์ UTF-8 หรือ TIS-620 ใช้เลขไทยได้",
    "Only check the file, do not save": "ตรวจไฟล์อย่างเดียว ยังไม่บันทึก",
    "Upload a .csv or .xlsx file (this one is %(name)s).": "กรุณาเลือกไฟล์ .csv หรือ .xlsx (ไฟล์นี้คือ %(name)s)",
    "The file is larger than 10 MB.": "ไฟล์ใหญ่เกิน 10 MB",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "tambon": "ตำบล",
    "village": "หมู่บ้าน",
    "DOPA register (geothai)": "ทะเบียนกรมการปกครอง (geothai)",
    "imported file": "ไฟล์นำเข้า",
    "demo data": "ข้อมูลสาธิต",
    "DOPA code": "รหัสกรมการปกครอง",
    "level": "ระดับ",
    "parent area": "พื้นที่แม่",
    "name (Thai)": "ชื่อ (ไทย)",
    "name (English)": "ชื่อ (อังกฤษ)",
    "village number (หมู่ที่)": "หมู่ที่",
    "source": "ที่มา",
    "areas": "พื้นที่",
    "Provincial Administrative Organisation (อบจ.)": "องค์การบริหารส่วนจังหวัด (อบจ.)",
    "City municipality (เทศบาลนคร)": "เทศบาลนคร",
    "Town municipality (เทศบาลเมือง)": "เทศบาลเมือง",
    "Subdistrict municipality (เทศบาลตำบล)": "เทศบาลตำบล",
    "Subdistrict Administrative Organisation (อบต.)": "องค์การบริหารส่วนตำบล (อบต.)",
    "local government code": "รหัส อปท.",
    "type": "ประเภท",
    "office located in": "ที่ตั้งสำนักงาน",
    "villages covered": "หมู่บ้านในเขต",
    "local government (อปท.)": "องค์กรปกครองส่วนท้องถิ่น (อปท.)",
    "local governments (อปท.)": "องค์กรปกครองส่วนท้องถิ่น (อปท.)",
    "coverage": "ความครอบคลุม",
    "Invented for the demo, not official data": "สร้างขึ้นเพื่อสาธิต ไม่ใช่ข้อมูลทางราชการ",
    "Districts": "อำเภอ",
    "Tambons": "ตำบล",
    "Villages": "หมู่บ้าน",
    "Import villages": "นำเข้ารายชื่อหมู่บ้าน",
    "Download XLSX": "ดาวน์โหลด Excel",
    "Villages marked demo data were invented for the demo.": 'หมู่บ้านที่มีป้าย "ข้อมูลสาธิต" สร้างขึ้นเพื่อการสาธิต',
    "Name": "ชื่อ",
    "Code": "รหัส",
    "No villages yet. A district community development office imports them from a CSV or Excel file (village code, หมู่ที่, name): manage.py villages_import FILE.": 'ยังไม่มีหมู่บ้าน — สำนักงานพัฒนาชุมชนอำเภอนำเข้าได้จากไฟล์ CSV หรือ Excel (รหัสหมู่บ้าน, หมู่ที่, ชื่อ) ด้วยปุ่ม "นำเข้ารายชื่อหมู่บ้าน" หรือคำสั่ง manage.py villages_import FILE',
    "Nothing here yet: load the province with manage.py areas_load --province CODE.": "ยังไม่มีข้อมูล — โหลดจังหวัดด้วยคำสั่ง manage.py areas_load --province รหัสจังหวัด",
    "Local administrative organisations": "องค์กรปกครองส่วนท้องถิ่น",
    "Local governments (อปท.)": "องค์กรปกครองส่วนท้องถิ่น (อปท.)",
    "%(n)s local government covers villages here": ("อปท. %(n)s แห่งมีหมู่บ้านในพื้นที่นี้",),
    "%(n)s village here": ("%(n)s หมู่บ้านในพื้นที่นี้",),
    "No local government is recorded as covering villages here yet.": "ยังไม่มีการบันทึก อปท. ที่ดูแลหมู่บ้านในพื้นที่นี้",
    "History of changes in this area": "ประวัติการเปลี่ยนแปลงในพื้นที่นี้",
    "History": "ประวัติ",
    "History of changes": "ประวัติการเปลี่ยนแปลง",
    "every recorded change to areas, local governments and roles inside this area, newest first.": "การเปลี่ยนแปลงพื้นที่ อปท. และบทบาทผู้ใช้ทั้งหมดภายในพื้นที่นี้ ล่าสุดอยู่บนสุด",
    "created": "เพิ่ม",
    "deleted": "ลบ",
    "changed": "แก้ไข",
    "Field": "รายการ",
    "Before": "ก่อน",
    "After": "หลัง",
    "Older changes": "ดูรายการก่อนหน้า",
    "No changes recorded in this area yet.": "ยังไม่มีการเปลี่ยนแปลงในพื้นที่นี้",
    "Office in": "สำนักงานตั้งอยู่ที่",
    "covers %(n)s village": ("ดูแล %(n)s หมู่บ้าน",),
    "No villages are recorded for this local government yet.": "ยังไม่มีการบันทึกหมู่บ้านในเขต อปท. นี้",
    "every village in the file must lie in this area. The whole file is checked first; nothing is saved unless every row is right.": "หมู่บ้านในไฟล์ต้องอยู่ในพื้นที่นี้ทั้งหมด ระบบจะตรวจทั้งไฟล์ก่อน และจะบันทึกก็ต่อเมื่อถูกต้องทุกแถว",
    "The file was not imported: %(n)s problem": ("ยังไม่ได้นำเข้า พบปัญหา %(n)s รายการ",),
    "Nothing was saved. Fix these rows in your file and upload it again.": "ยังไม่มีการบันทึกข้อมูลใด ๆ กรุณาแก้ไขแถวเหล่านี้ในไฟล์แล้วอัปโหลดใหม่",
    "Row": "แถว",
    "Column": "คอลัมน์",
    "Showing the first %(shown)s.": "แสดง %(shown)s รายการแรก",
    "The file is fine: %(total)s villages — %(created)s would be added, %(updated)s changed, %(unchanged)s unchanged. Nothing was saved yet.": "ไฟล์ถูกต้อง: %(total)s หมู่บ้าน — จะเพิ่ม %(created)s แก้ไข %(updated)s ไม่เปลี่ยน %(unchanged)s (ยังไม่ได้บันทึก)",
    "Check and import": "ตรวจและนำเข้า",
    "Download a sample file": "ดาวน์โหลดไฟล์ตัวอย่าง",
    "Imported %(total)s villages: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.": "นำเข้า %(total)s หมู่บ้านแล้ว: เพิ่มใหม่ %(created)s แก้ไข %(updated)s ไม่เปลี่ยน %(unchanged)s",
    "yes": "ใช่",
    "no": "ไม่ใช่",
    "Not allowed": "ไม่มีสิทธิ์",
    "You cannot open this page": "คุณไม่มีสิทธิ์เปิดหน้านี้",
    "This area is outside the areas your roles cover. If you need it, ask your district community development office to give you a role there.": "พื้นที่นี้อยู่นอกพื้นที่ที่บทบาทของคุณครอบคลุม หากจำเป็นต้องใช้ กรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอเพื่อขอบทบาทในพื้นที่นั้น",
    "Not found": "ไม่พบหน้า",
    "Page not found": "ไม่พบหน้าที่ต้องการ",
    "There is no such page or area code. Check the code (2, 4, 6 or 8 digits) or start again from your areas.": "ไม่มีหน้านี้หรือรหัสพื้นที่นี้ กรุณาตรวจรหัส (2, 4, 6 หรือ 8 หลัก) หรือเริ่มใหม่จากพื้นที่ของคุณ",
    "planlink": "เชื่อมแผน",
    "Skip to content": "ข้ามไปยังเนื้อหา",
    "Main menu": "เมนูหลัก",
    "My areas": "พื้นที่ของฉัน",
    "My account and roles": "บัญชีและบทบาทของฉัน",
    "Log out": "ออกจากระบบ",
    "Demo system: villages, local governments and accounts here are invented for trying planlink out.": "ระบบสาธิต: หมู่บ้าน อปท. และบัญชีผู้ใช้ในระบบนี้สร้างขึ้นเพื่อทดลองใช้งาน ไม่ใช่ข้อมูลจริง",
    "planlink — linking village, tambon, local and district development plans.": "เชื่อมแผน — เชื่อมโยงแผนหมู่บ้าน แผนตำบล แผนท้องถิ่น และแผนพัฒนาอำเภอ",
    "You have no role on any area yet. Ask your district community development office to give you one; until then there is nothing to show.": "คุณยังไม่มีบทบาทในพื้นที่ใด กรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอเพื่อขอบทบาท",
    "%(n)s district": ("%(n)s อำเภอ",),
    "%(n)s tambon": ("%(n)s ตำบล",),
    "%(n)s village": ("%(n)s หมู่บ้าน",),
    "Local government": "อปท.",
    "Villages this local government covers": "หมู่บ้านในเขต อปท. นี้",
    "Where you are": "ตำแหน่งปัจจุบัน",
}


def main() -> int:
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "th"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        value = THAI.get(entry.msgid)
        if entry.msgid_plural:
            if value is not None:
                entry.msgstr_plural = {0: value[0] if isinstance(value, tuple) else value}
            if not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
        else:
            if value is not None:
                entry.msgstr = value if isinstance(value, str) else value[0]
            if not entry.msgstr:
                missing.append(entry.msgid)
    po.save(str(PO))
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
