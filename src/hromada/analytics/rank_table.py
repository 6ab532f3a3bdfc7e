"""A ranking as numbers and codes, read from the current snapshot: what the API serves.

The ranks among all hromadas and within every built-in peer set are stored in the snapshot
(hromada.analytics.snapshot_build), so a ranking reads one indicator's values (to choose the
default year by coverage, as the pages do) and the stored ranks of one year: a few thousand
rows at most, whatever the size of the data. Only an analyst's saved group is ranked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection
from django.utils.translation import gettext as _

from hromada.analytics import fair, peers
from hromada.analytics.coverage import default_column
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import Frame, cached_frame
from hromada.analytics.models import SnapshotIndicator, SnapshotValue
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.snapshot import current_snapshot
from hromada.analytics.stats import rank
from hromada.indicators.models import Indicator, Missing
from hromada.indicators.population_bands import POPULATION_CODE


@dataclass(slots=True)  # not frozen: a frozen dataclass is 4x slower to make, 1,469 a request
class RankItem:
    code: str
    name: str
    value: float | None  # the raw value
    comparable_value: float | None  # the measure ranked (hromada.analytics.fair)
    missing: str  # why there is no rank: the recorded reason, "occupied", no population, ""
    rank: int | None  # within the peer set
    rank_all: int | None  # among every unoccupied hromada
    percentile: int | None
    quartile: int | None  # 1..4, 4 best; None for neutral indicators or too few ranked
    per_year: int | None = None  # the year of the population divided by, if not the value's


@dataclass(frozen=True)
class RankTable:
    year: int | None
    reported: int
    data_version: int
    items: list[RankItem]
    compare_per: str = ""  # the indicator's: "", "capita", "1000" or "km2"
    ready: bool = True  # False: no snapshot has been computed yet, so nothing is ranked


def _labels() -> dict[int, str]:
    return {n: str(Missing(code).label) for n, code in enumerate(MISSING_CODES) if code}


def _stored_rows(snapshot_id: int, indicator_id: int, year: int, stored: str) -> list[Any]:
    """One indicator-year's rows with the ranks of one stored peer set (one index seek)."""
    columns = ["territory_id", "value", "reason", "comparable", "per_year", "rank_all"]
    columns += [f"rank_{stored}", f"percentile_{stored}", f"quartile_{stored}"]
    table = connection.ops.quote_name(SnapshotValue._meta.db_table)
    sql = (
        f"SELECT {', '.join(columns)} FROM {table} "  # noqa: S608 - names from RANKED_SETS
        "WHERE snapshot_id = %s AND indicator_id = %s AND year = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, indicator_id, year])
        rows: list[Any] = cursor.fetchall()
    return rows


def _default_year(snapshot_id: int, indicator: Indicator, key: str) -> int | None:
    column = "members_year" if key == "members" else "covered_year"
    return (
        SnapshotIndicator.objects.filter(snapshot_id=snapshot_id, indicator_id=indicator.pk)
        .values_list(column, flat=True)
        .first()
    )


def _selection(
    indicator: Indicator, frame: Frame, key: str, hromada: str, year: int | None
) -> tuple[str, np.ndarray, int | None, np.ndarray | None]:
    """A relative or saved peer set: its mask, the year (default: by coverage within it) and
    the indicator's values in that year; read from one indicator's rows (and population's)."""
    indicators = catalogue()
    indicators.setdefault(indicator.code, indicator)
    data = load_data([indicator.code, POPULATION_CODE], frame, indicators)
    row = frame.row_of(hromada) if hromada else None
    groups = peers.saved_groups() if key.startswith("g") else []
    selection = peers.peer_mask(key, data, row, groups, peers.population_bands(data))
    if selection is None:  # an unknown (or deleted) group: every hromada, as the pages do
        return "all", np.ones(len(frame), dtype=bool), None, None
    series = data.series[indicator.code]
    column = default_column(series.values, selection & ~frame.occupied) if data.years else -1
    if year is not None:
        column = data.year_index(year) if year in data.years else -1
    if column < 0:
        return key, selection, None, None
    # An analyst's group ranks the same measure as the stored ranks (per resident...).
    return key, selection, data.years[column], series.compared[:, column]


def rank_table(
    indicator: Indicator, *, year: int | None, peers_key: str, hromada: str
) -> RankTable:
    """Every hromada of the peer set (all hromadas when `peers_key` is empty), ranked ones
    first by rank, then the others by name, with the ranks of `year` (default: the latest
    year covering the minimum share of the set)."""
    frame = cached_frame()
    snapshot = current_snapshot(frame)
    if snapshot is None:
        return RankTable(None, 0, 0, [], ready=False)
    key = peers_key or "all"
    values = None
    if key in ("all", "members"):
        selection = frame.members.copy() if key == "members" else np.ones(len(frame), bool)
        chosen = _default_year(snapshot.pk, indicator, key) if year is None else year
        chosen = chosen if chosen in snapshot.years else None
    else:
        key, selection, chosen, values = _selection(indicator, frame, key, hromada, year)
        if key == "all":
            chosen = _default_year(snapshot.pk, indicator, key) if year is None else year
    stored = key if key in peers.BUILT_IN else "all"
    rows = _stored_rows(snapshot.pk, indicator.pk, chosen, stored) if chosen is not None else []
    found = {int(r[0]): r[1:] for r in rows}
    here: dict[int, tuple[int | None, float | None, int]] = {}
    comparable = selection & ~frame.occupied
    if key.startswith("g") and values is not None:
        # An analyst's group: ranked here, over at most the hromadas of the group.
        ranked = rank(values, comparable, indicator.polarity)
        for i in np.flatnonzero(comparable & ~np.isnan(ranked.rank)).tolist():
            here[int(frame.ids[i])] = (
                int(ranked.rank[i]),
                float(ranked.percentile[i]),
                int(ranked.quartile[i]),
            )
    labels = _labels()
    occupied_label = _("occupied")
    names, order = frame.names()
    coloured = fair.coloured(indicator)
    no_denominator = fair.missing_denominator(indicator) if indicator.compare_per else ""
    listed: list[tuple[float, int, RankItem]] = []
    # Plain lists: indexing NumPy arrays one element at a time is slow, 1,469 times a request.
    ids, places, occupied_rows = frame.ids.tolist(), order.tolist(), frame.occupied.tolist()
    unstored = (None, 0, None, None, None, None, None, 0)
    saved_group = key.startswith("g")
    for i in np.flatnonzero(selection).tolist():
        territory = ids[i]
        value, reason, measure, per_year, rank_all, own_rank, percentile, quartile = found.get(
            territory, unstored
        )
        if saved_group:
            own_rank, percentile, quartile = here.get(territory, (None, None, 0))
        occupied = occupied_rows[i]
        item = RankItem(
            code=frame.codes[i],
            name=names[i],
            value=value,
            comparable_value=measure,
            missing=labels.get(reason, "")
            or (occupied_label if occupied else "")
            or (no_denominator if value is not None and measure is None else ""),
            rank=None if occupied else own_rank,
            rank_all=None if occupied else rank_all,
            percentile=None if occupied or percentile is None else round(percentile),
            quartile=(quartile or None) if coloured and not occupied else None,
            per_year=per_year,
        )
        listed.append((item.rank if item.rank is not None else float("inf"), places[i], item))
    listed.sort(key=lambda entry: (entry[0], entry[1]))
    items = [entry[2] for entry in listed]
    return RankTable(
        year=chosen,
        reported=sum(1 for item in items if item.rank is not None),
        data_version=snapshot.publication,
        items=items,
        compare_per=indicator.compare_per,
    )
