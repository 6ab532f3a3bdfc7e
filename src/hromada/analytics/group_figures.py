"""An oblast's headline figures, read from the snapshot (for the regional branch's page).

Each headline indicator's aggregate over the oblast in the year its release covers, with
how many member hromadas reported it: three small reads of stored rows, nothing computed
in the request. Numbers only; templates format them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hromada.analytics.models import SnapshotAggregate, SnapshotIndicator
from hromada.analytics.profile import HEADLINE
from hromada.analytics.snapshot import newest_ready
from hromada.indicators.models import Indicator
from hromada.indicators.units import unit_label
from hromada.territories.models import Territory


@dataclass(frozen=True)
class GroupFigure:
    indicator: Indicator
    unit: str
    year: int
    value: float | None
    reported: int
    members: int


def oblast_figures(oblast: Territory) -> list[GroupFigure]:
    """The oblast's aggregate of each headline indicator; empty before the first snapshot.
    The newest ready snapshot serves (pages that rank ask for a new one when it is stale)."""
    snapshot = newest_ready()
    if snapshot is None:
        return []
    indicators = {i.pk: i for i in Indicator.objects.filter(code__in=HEADLINE, is_active=True)}
    years = dict(
        SnapshotIndicator.objects.filter(
            snapshot=snapshot, indicator_id__in=list(indicators)
        ).values_list("indicator_id", "covered_year")
    )
    rows = SnapshotAggregate.objects.filter(
        snapshot=snapshot,
        indicator_id__in=list(indicators),
        grouping="oblast",
        group=oblast.pk,
        year__in=[y for y in years.values() if y],
    ).values_list("indicator_id", "year", "value", "reported", "members", "aggregable")
    found = {
        indicator_id: GroupFigure(
            indicators[indicator_id],
            unit_label(indicators[indicator_id].unit),
            year,
            value,
            reported,
            members,
        )
        for indicator_id, year, value, reported, members, aggregable in rows
        if years.get(indicator_id) == year and aggregable
    }
    order = {code: n for n, code in enumerate(HEADLINE)}
    return sorted(found.values(), key=lambda f: order[f.indicator.code])
