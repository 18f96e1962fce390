"""The demo accounts: one per role, fixed names, password demo1234 (README, tests and users
rely on the names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.accounts.services import role_grant, role_revoke
from planlink.areas.models import Area, LocalGovernment


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    place: str  # area code, or local government code for the LAO planner
    description: str


DEMO_PASSWORD = "demo1234"
DEMO_ACCOUNTS = (
    DemoAccount("province", Role.PROVINCIAL_CD_OFFICE, "52", "สำนักงานพัฒนาชุมชนจังหวัดลำปาง"),
    DemoAccount("district-5201", Role.DISTRICT_CD_OFFICE, "5201", "สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง"),
    DemoAccount("amphoe-5201", Role.DISTRICT_ADMIN_OFFICE, "5201", "ที่ทำการปกครองอำเภอเมืองลำปาง"),
    DemoAccount("officer-520101", Role.CD_OFFICER, "520101", "พัฒนากรผู้รับผิดชอบตำบลเวียงเหนือ"),
    DemoAccount("tambon-520101", Role.TCOC_COMMITTEE, "520101", "คณะกรรมการ ศอช.ต. เวียงเหนือ"),
    DemoAccount("lao-3520101", Role.LAO_PLANNER, "3520101", "นักวิเคราะห์นโยบายและแผน เทศบาลนครลำปาง"),
    DemoAccount("village-52010101", Role.VILLAGE_COMMITTEE, "52010101", "คณะกรรมการหมู่บ้าน หมู่ที่ 1"),
    DemoAccount("admin", Role.SYSTEM_ADMIN, "", "ผู้ดูแลระบบ (สาธิต)"),
)


def demo_accounts_ensure(*, user: Any = None) -> list[DemoAccount]:
    """Create the demo accounts with password demo1234 and exactly their demo role."""
    from django.conf import settings

    if not settings.DEMO_MODE:
        raise RuntimeError("Demo accounts exist only in demo mode (PLANLINK_DEMO=1).")
    for account in DEMO_ACCOUNTS:
        holder, created = User.objects.get_or_create(
            username=account.username,
            defaults={"is_demo": True, "first_name": account.description},
        )
        if created or not holder.check_password(DEMO_PASSWORD):
            holder.set_password(DEMO_PASSWORD)
            holder.is_demo = True
            holder.is_staff = holder.is_superuser = account.role == Role.SYSTEM_ADMIN
            holder.save()
        area = lao = None
        if account.role == Role.LAO_PLANNER:
            lao = LocalGovernment.objects.get(code=account.place)
        elif account.place:
            area = Area.objects.get(code=account.place)
        role_grant(user=user, holder=holder, role=account.role, area=area, local_government=lao)
        # Exactly the demo role: anything granted by hand while exploring is removed.
        extra = RoleAssignment.objects.filter(user=holder).exclude(
            role=account.role, area=area, local_government=lao
        )
        for assignment in extra:
            role_revoke(user=user, assignment=assignment)
    return list(DEMO_ACCOUNTS)
