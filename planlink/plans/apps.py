from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "planlink.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from planlink.evidence import views as evidence_views
        from planlink.plans.selectors import draft_for_problems

        evidence_views.offer_plan_drafts(draft_for_problems)
