from planlink.plans.tests.conftest import (  # noqa: F401 (the plan fixtures, shared)
    committee,
    empty_village_plan,
    plan_with_items,
)
