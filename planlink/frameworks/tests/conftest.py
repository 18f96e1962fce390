import pytest

from planlink.plans.tests.conftest import (  # noqa: F401 (the plan fixtures, shared)
    committee,
    empty_village_plan,
    plan_with_items,
)


@pytest.fixture(autouse=True)
def _frameworks_start_empty(request):  # type: ignore[no-untyped-def]
    """The demo loads a calendar, media and facilitators; these tests make their own (and the
    demo loader's own test loads them from nothing)."""
    if "django_db" not in request.keywords and "db" not in request.fixturenames:
        return
    from planlink.frameworks.models import Deadline, LearningMedium, TrainedFacilitator

    for model in (Deadline, LearningMedium, TrainedFacilitator):
        model.objects.all().delete()
