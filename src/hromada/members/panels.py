"""The membership panel on a hromada's territory page."""

from __future__ import annotations

from django.http import HttpRequest

from hromada.accounts import permissions
from hromada.members.queries import membership_of
from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel


def membership_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    membership = membership_of(territory)
    may_open = membership is not None and permissions.can_view_private_hromada(
        request.user, territory
    )
    return Panel(
        "members/panel_membership.html",
        {"membership": membership, "territory": territory, "can_open_workspace": may_open},
    )
