"""The aggregates page: one indicator by oblast, raion, type or peer group, with coverage.

By the nation, oblast, raion and type the rows are read from the snapshot (a few dozen rows
of one year); an analyst's peer groups are aggregated from one indicator's values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Subquery
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.analytics import peers
from hromada.analytics.aggregates import Aggregate, aggregate
from hromada.analytics.coverage import default_column
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number, numbers
from hromada.analytics.frame import Frame, cached_frame
from hromada.analytics.models import Snapshot, SnapshotAggregate, SnapshotIndicator
from hromada.analytics.snapshot import stamped_snapshot
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType, Territory
from hromada.web.stamps import content_stamp

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


def _group_names(by: str, frame: Frame, ids: list[int]) -> dict[int, str]:
    english = get_language() == "en"  # once: it is a thread-local lookup
    if by == "oblast":  # frame.oblast_name, the language looked up once for all
        names = frame.oblast_names
        return {g: en if english and en else uk for g in ids for uk, en in [names.get(g, ("", ""))]}
    if by == "raion":
        raions = Territory.objects.filter(pk__in=ids).values_list("pk", "name_uk", "name_en")
        return {pk: en if english and en else uk for pk, uk, en in raions}
    if by == "type":
        return {n: str(label) for n, (_value, label) in enumerate(HromadaType.choices)}
    return {0: str(GROUPINGS["nation"])}


def stored_aggregate_page(indicator: Indicator, by: str, year: int | None) -> AggregatePage:
    """By nation, oblast, raion or type: the rows of one year stored in the snapshot.

    Two queries in all (the content stamp, the rows with their year); the snapshot and the
    frame come from the cache under the stamp. Its six queries per call were most of the
    time of the aggregates of every indicator at small scale (bench.duckdb_compare)."""
    stamp = content_stamp()
    frame = cached_frame(stamp)
    snapshot = stamped_snapshot(frame, stamp)
    if snapshot is None:
        return AggregatePage(indicator, by, None, (), [], True, 0, ready=False)
    years = snapshot.years
    stored = _stored_rows(snapshot, indicator, by, year if year in years else None)
    if stored:
        year = stored[0][0]
    elif year not in years:  # no rows: the page still names the default year
        year = _covered_year(snapshot, indicator)
    found = {group: rest for _year, group, *rest in stored}
    names = _group_names(by, frame, list(found))
    order = list(found) if by == "type" else sorted(found, key=lambda g: sort_key(names.get(g, "")))
    chosen = [found[g] for g in order]
    shown = numbers(
        np.array([_nan(row[0]) for row in chosen], dtype=np.float64), indicator.decimals
    )
    shares = numbers(np.array([_nan(row[3]) for row in chosen], dtype=np.float64) * 100, 1)
    rows = [
        AggregateRow(names.get(g, ""), text, row[0], row[1], row[2], share)
        for g, row, text, share in zip(order, chosen, shown, shares, strict=True)
    ]
    aggregable = all(row[4] for row in chosen)
    return AggregatePage(indicator, by, year, years, rows, aggregable, snapshot.publication)


def _nan(value: float | None) -> float:
    return float("nan") if value is None else value


def _covered_year(snapshot: Snapshot, indicator: Indicator) -> int | None:
    covered: int | None = (
        SnapshotIndicator.objects.filter(snapshot=snapshot, indicator_id=indicator.pk)
        .values_list("covered_year", flat=True)
        .first()
    )
    return covered


def _stored_rows(
    snapshot: Snapshot, indicator: Indicator, by: str, year: int | None
) -> list[tuple[Any, ...]]:
    """(year, group, value, reported, members, population share, aggregable) of every group
    in `year`, or, for None, in the indicator's default year (looked up in the same query)."""
    rows = SnapshotAggregate.objects.filter(
        snapshot=snapshot, indicator_id=indicator.pk, grouping=by
    )
    if year is not None:
        rows = rows.filter(year=year)
    else:
        default = SnapshotIndicator.objects.filter(snapshot=snapshot, indicator_id=indicator.pk)
        rows = rows.filter(year=Subquery(default.values("covered_year")[:1]))
    return list(
        rows.values_list(
            "year", "group", "value", "reported", "members", "population_share", "aggregable"
        )
    )


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
