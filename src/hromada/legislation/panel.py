"""The hromada's own figure under each published position's impact model, on its page."""

from __future__ import annotations

from django.http import HttpRequest

from hromada.legislation.impact import own_figures
from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel


def impact_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    figures = own_figures(territory)
    if not figures:
        return None
    return Panel("legislation/panel_impact.html", {"territory": territory, "figures": figures})
