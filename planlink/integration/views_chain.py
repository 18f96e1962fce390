"""The lineage of one item as one short chain (integration.lineage.chain), on screen and in
print; and the link to it from the plan item's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from planlink.areas import selectors as area_selectors
from planlink.integration.lineage import chain
from planlink.plans.models import PlanItem


@login_required
def item_chain(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.select_related("version__plan__area"), pk=pk)
    area = area_selectors.area_get(user=request.user, code=item.version.plan.area_id)
    found = chain(user=request.user, item=item)
    return render(
        request,
        "integration/item_chain.html",
        {
            "item": item,
            "area": area,
            "chain": found,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
    )


def item_chain_panel(request: HttpRequest, item: Any) -> SafeString | None:
    """A plan item's page: the link to its whole chain, village need to province."""
    url = reverse("integration:item_chain", args=[item.pk])
    return SafeString(
        render_to_string("integration/partials/chain_link.html", {"url": url}, request=request)
    )
