"""A link from a hromada's territory page to its community profile."""

from __future__ import annotations

from django.http import HttpRequest

from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel


def profile_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    return Panel("analytics/panel_profile.html", {"territory": territory})
