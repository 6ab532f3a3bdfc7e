"""The outcome chart of a practice: what static/learning/outcomes.js draws, with its data
table for readers without the chart."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hromada.indicators.data_queries import format_number
from hromada.learning.outcomes import Outcome


def outcome_chart(result: Outcome) -> dict[str, Any]:
    decimals = result.indicator.decimals
    chart_id = f"outcome-{result.indicator.pk}-{result.hromada.pk}"
    own = result.hromada.name
    peers = _("Peers (mean of %(count)s)") % {"count": result.peers}
    return {
        "id": chart_id,
        "json_id": f"{chart_id}-spec",
        "title": f"{result.indicator.name}: {own}",
        "spec": {
            "years": [str(year) for year in result.years],
            "start": str(result.start_year),
            "start_label": pgettext("chart", "start"),
            "decimals": decimals,
            "series": [
                {"name": own, "values": result.own},
                {"name": peers, "values": result.peers_mean},
            ],
        },
        "header": ["", *[str(year) for year in result.years]],
        "rows": [
            [own, *[format_number(v, decimals) for v in result.own]],
            [peers, *[format_number(v, decimals) for v in result.peers_mean]],
        ],
        "estimate": format_number(result.estimate, decimals),
        "own_change": format_number(result.own_change, decimals),
        "peers_change": format_number(result.peers_change, decimals),
        "spread": format_number(result.peer_spread, decimals),
    }
