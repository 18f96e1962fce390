from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "planlink.integration"
    label = "integration"
    verbose_name = _("Integration")

    def ready(self) -> None:
        # The index of proposals follows every write of plan items and source lists.
        from planlink.plans import signals as plan_signals
        from planlink.sources import signals as source_signals

        plan_signals.items_changed.connect(_plan_changed, dispatch_uid="proposals-plan")
        source_signals.list_changed.connect(_list_changed, dispatch_uid="proposals-list")
        # A plan item's page lists the projects of other sources it may duplicate.
        from planlink.integration.views_duplicates import item_candidates_panel
        from planlink.plans.panels import offer_item_panel

        offer_item_panel(item_candidates_panel)
        # And the link to its whole chain, from the village need to the province.
        from planlink.integration.views_chain import item_chain_panel

        offer_item_panel(item_chain_panel)


def _plan_changed(sender: Any, plan: Any, **kwargs: Any) -> None:
    from planlink.integration.proposals import plan_changed

    plan_changed(plan)


def _list_changed(sender: Any, source_list: Any = None, deleted: Any = None, **kwargs: Any) -> None:
    from planlink.integration.models import Proposal
    from planlink.integration.proposals import index_list

    if source_list is not None:
        index_list(source_list)
    elif deleted is not None:
        Proposal.objects.filter(group=f"list:{deleted}").delete()
