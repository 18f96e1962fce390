"""The load benchmark's accounts and targets, written into the freshly loaded demo database.

Run by bench/load.py after `demo_setup`, with the demo's settings (DEMO_MODE) and the
benchmark's DATABASE_URL: the demo has one village committee account (village-52010101);
the benchmark adds one for every other village of ตำบลเวียงเหนือ (village-520101NN, same
role, same demo password), so the village users are spread over eight real plans, three of
them drafts that their committees may edit. Writes a JSON file of who logs in as what and
which items each committee may edit, for bench/locustfile.py.

    python bench/fixture.py OUT.json
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAMBON, DISTRICT, PROVINCE = "520101", "5201", "52"


def main(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from planlink.accounts.models import User
    from planlink.accounts.roles import Role
    from planlink.accounts.services import DEMO_PASSWORD, role_grant
    from planlink.areas.models import Area, AreaLevel
    from planlink.plans.models import PlanItem, PlanVersion

    villages = list(
        Area.objects.filter(level=AreaLevel.VILLAGE, code__startswith=PROVINCE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    committees = {}
    for code in (c for c in villages if c.startswith(TAMBON)):
        holder, created = User.objects.get_or_create(
            username=f"village-{code}", defaults={"is_demo": True}
        )
        if created:
            holder.set_password(DEMO_PASSWORD)
            holder.save()
        role_grant(
            user=None, holder=holder, role=Role.VILLAGE_COMMITTEE, area=Area.objects.get(code=code)
        )
        editable = [
            v.pk
            for v in PlanVersion.objects.filter(plan__area__code=code).select_related("plan")
            if v.is_editable
        ]
        items = list(
            PlanItem.objects.filter(version__in=editable)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        committees[code] = {"username": holder.username, "editable_items": items}
    fixture = {
        "password": DEMO_PASSWORD,
        "villages": committees,
        "officer": {
            "username": f"officer-{TAMBON}",
            "area": TAMBON,
            "villages": [c for c in villages if c.startswith(TAMBON)],
        },
        "district": {
            "username": f"district-{DISTRICT}",
            "area": DISTRICT,
            "villages": [c for c in villages if c.startswith(DISTRICT)],
        },
        "province": {"username": "province", "area": PROVINCE, "villages": villages},
    }
    out.write_text(json.dumps(fixture, indent=1))
    drafts = sum(1 for c in committees.values() if c["editable_items"])
    print(
        f"fixture: {len(committees)} village committees ({drafts} with a draft plan, "
        f"{sum(len(c['editable_items']) for c in committees.values())} editable items), "
        f"{len(villages)} villages"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
