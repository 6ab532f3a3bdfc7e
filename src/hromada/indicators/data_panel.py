"""The data panel on a hromada's territory page: every visible value, by area and year."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from hromada.indicators.data_queries import territory_tables
from hromada.indicators.queries import may_see_unpublished
from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel


def export_url(territory: Territory) -> str:
    """The data export filtered to this territory; '' while the export is not installed."""
    try:
        base = reverse("dataio:export")
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode({'territory': territory.code})}"


def data_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    return Panel(
        "indicators/panel_data.html",
        {
            "territory": territory,
            "tables": territory_tables(request.user, territory),
            "shows_status": may_see_unpublished(request.user),
            "export_url": export_url(territory),
        },
    )
