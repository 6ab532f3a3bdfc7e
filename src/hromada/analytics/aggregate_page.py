"""The aggregates page: one indicator by oblast, raion, type or peer group, with coverage.

By the nation, oblast, raion and type the rows are read from the snapshot (a few dozen rows
of one year); an analyst's peer groups are aggregated from one indicator's values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.analytics import peers
from hromada.analytics.aggregates import Aggregate, aggregate
from hromada.analytics.coverage import default_column
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number
from hromada.analytics.frame import Frame, cached_frame
from hromada.analytics.models import SnapshotAggregate, SnapshotIndicator
from hromada.analytics.snapshot import current_snapshot
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType, Territory

GROUPINGS: dict[str, Promise] = {
    "nation": _("Ukraine"),
    "oblast": _("Oblast"),
    "raion": _("Raion"),
    "type": _("Type of hromada"),
    "peers": _("Peer group"),
}


@dataclass
class AggregateRow:
    name: str
    value: str
    raw: float | None
    reported: int
    members: int
    population_share: str


@dataclass
class AggregatePage:
    indicator: Indicator
    by: str
    year: int | None
    years: tuple[int, ...]
    rows: list[AggregateRow]
    aggregable: bool
    data_version: int
    ready: bool = True  # False: no snapshot has been computed yet


def _row(name: str, result: Aggregate, index: int, column: int, decimals: int) -> AggregateRow:
    value = float(result.values[index, column]) if column >= 0 else float("nan")
    share = float(result.population_share[index, column]) if column >= 0 else float("nan")
    return AggregateRow(
        name=name,
        value=number(value, decimals),
        raw=None if np.isnan(value) else value,
        reported=int(result.reported[index, column]) if column >= 0 else 0,
        members=int(result.members[index]),
        population_share="" if np.isnan(share) else number(share * 100, 1),
    )


def _stored_row(name: str, stored: tuple[Any, ...], decimals: int) -> AggregateRow:
    value, reported, members, share = stored
    return AggregateRow(
        name=name,
        value=number(float("nan") if value is None else value, decimals),
        raw=value,
        reported=reported,
        members=members,
        population_share="" if share is None else number(share * 100, 1),
    )


def _group_names(by: str, frame: Frame, ids: list[int]) -> dict[int, str]:
    if by == "oblast":
        return {g: frame.oblast_name(g) for g in ids}
    if by == "raion":
        english = get_language() == "en"
        raions = Territory.objects.filter(pk__in=ids).values_list("pk", "name_uk", "name_en")
        return {pk: en if english and en else uk for pk, uk, en in raions}
    if by == "type":
        return {n: str(label) for n, (_value, label) in enumerate(HromadaType.choices)}
    return {0: str(GROUPINGS["nation"])}


def stored_aggregate_page(indicator: Indicator, by: str, year: int | None) -> AggregatePage:
    """By nation, oblast, raion or type: the rows of one year stored in the snapshot."""
    frame = cached_frame()
    snapshot = current_snapshot(frame)
    if snapshot is None:
        return AggregatePage(indicator, by, None, (), [], True, 0, ready=False)
    years = snapshot.years
    if year is None or year not in years:
        year = (
            SnapshotIndicator.objects.filter(snapshot=snapshot, indicator_id=indicator.pk)
            .values_list("covered_year", flat=True)
            .first()
        )
    stored = SnapshotAggregate.objects.filter(
        snapshot=snapshot, indicator_id=indicator.pk, grouping=by, year=year or 0
    ).values_list("group", "value", "reported", "members", "population_share", "aggregable")
    found = {group: rest for group, *rest in stored}
    names = _group_names(by, frame, list(found))
    order = list(found) if by == "type" else sorted(found, key=lambda g: sort_key(names.get(g, "")))
    rows = [_stored_row(names.get(g, ""), tuple(found[g][:4]), indicator.decimals) for g in order]
    aggregable = all(found[g][4] for g in order)
    return AggregatePage(indicator, by, year, years, rows, aggregable, snapshot.publication)


def aggregate_page(indicator: Indicator, by: str, year: int | None) -> AggregatePage:
    if by != "peers":
        return stored_aggregate_page(indicator, by if by in GROUPINGS else "nation", year)
    # An analyst's groups change without a publication: aggregated here from one
    # indicator's values (and its formula's inputs) in the snapshot.
    frame = cached_frame()
    indicators = catalogue()
    data = load_data([indicator.code, POPULATION_CODE], frame, indicators)
    column = default_column(data.series[indicator.code].values, ~frame.occupied)
    if year is not None and year in data.years:
        column = data.year_index(year)
    rows: list[AggregateRow] = []
    aggregable = True
    bands = peers.population_bands(data)
    for group in peers.saved_groups():
        mask = peers.group_mask(group, data, bands)
        result = aggregate(data, indicator.code, np.where(mask, 0, -1), [0])
        rows.append(_row(group.name, result, 0, column, indicator.decimals))
        aggregable = result.aggregable
    return AggregatePage(
        indicator,
        by,
        data.years[column] if column >= 0 else None,
        data.years,
        rows,
        aggregable,
        data.version,
        ready=data.snapshot_id is not None,
    )
