"""What a hromada's territory page leads with: a short summary of its headline indicators
(value, rank among hromadas with a value, change since the year before) and their charts,
with a link to the full community profile. Public figures only (published values), rendered
once per release and language through the page cache."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

from hromada.analytics.page_cache import cached_body
from hromada.analytics.peers import DEFAULT_PEERS
from hromada.analytics.profile import build_profile
from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel


def summary_body(request: HttpRequest, territory: Territory) -> SafeString:
    from hromada.analytics.views import headline_charts

    def context() -> dict[str, Any]:
        page = build_profile(territory, DEFAULT_PEERS)
        charts = headline_charts(page, prefix="summary") if page is not None else []
        return {"page": page, "territory": territory, "headline_charts": charts}

    return cached_body(request, "summary", "analytics/panel_summary_body.html", context, params=())


def profile_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    return Panel(
        "analytics/panel_profile.html",
        {"territory": territory, "summary": summary_body(request, territory)},
        lead=True,
    )
