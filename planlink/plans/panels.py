"""Sections other apps add to a plan item's page (plans imports none of them): integration
registers the duplicate check's candidates of the item from its AppConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString

_ITEM_PANELS: list[Callable[[Any, Any], SafeString | None]] = []


def offer_item_panel(panel: Callable[[Any, Any], SafeString | None]) -> None:
    """Register `panel(request, item)` → the HTML of a section of the item's page, or None."""
    if panel not in _ITEM_PANELS:
        _ITEM_PANELS.append(panel)


def item_panels(request: Any, item: Any) -> list[SafeString]:
    return [html for panel in _ITEM_PANELS if (html := panel(request, item)) is not None]
