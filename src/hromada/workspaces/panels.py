"""What workspaces adds to a hromada's page: the partner projects it takes part in."""

from __future__ import annotations

from django.http import HttpRequest

from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel
from hromada.workspaces import partnership_queries


def projects_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    projects = partnership_queries.of_hromada(territory, request.user)
    if not projects:
        return None
    return Panel("workspaces/panel_projects.html", {"projects": projects})
