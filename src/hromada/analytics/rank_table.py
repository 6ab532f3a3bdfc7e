"""A ranking as numbers and codes, read from the current snapshot: what the API serves.

The ranks among all hromadas and within every built-in peer set are stored in the snapshot
(hromada.analytics.snapshot_build), so a ranking reads the stored default year and ONE row
holding the indicator-year's entries (hromada.analytics.rank_blob), and builds its columns
with NumPy. A relative or saved peer set also reads the indicator's and population's values
to choose it. Only an analyst's saved group is ranked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from django.db import connection
from django.utils.translation import gettext as _

from hromada.analytics import fair, peers, rank_blob
from hromada.analytics.coverage import default_column
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import Frame, cached_frame
from hromada.analytics.models import SnapshotIndicator, SnapshotRanking
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.snapshot import of_current_format, stamped_snapshot
from hromada.analytics.stats import rank
from hromada.indicators.models import Indicator, Missing
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.web.stamps import content_stamp


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


# The attributes of RankItem, in its order: the columns of a RankTable.
ITEM_FIELDS = tuple(RankItem.__dataclass_fields__)


@dataclass(frozen=True)
class RankTable:
    year: int | None
    reported: int
    data_version: int
    # Each of ITEM_FIELDS: its value for every listed hromada, in the table's order. Built
    # column by column with NumPy: making 1,469 objects one at a time was most of an API
    # ranking's own work.
    columns: dict[str, list[Any]]
    compare_per: str = ""  # the indicator's: "", "capita", "1000" or "km2"
    ready: bool = True  # False: no snapshot has been computed yet, so nothing is ranked

    @property
    def items(self) -> list[RankItem]:
        """The rows as objects (for callers that want one hromada at a time)."""
        return [RankItem(*row) for row in zip(*self.columns.values(), strict=True)]


class Stored(NamedTuple):
    """An indicator-year's stored entries, by ascending territory id (rank_blob's sentinels)."""

    territory: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    reason: npt.NDArray[np.int16]
    comparable: npt.NDArray[np.float64]
    per_year: npt.NDArray[np.int16]
    rank_all: npt.NDArray[np.int32]
    rank: npt.NDArray[np.int32]
    percentile: npt.NDArray[np.int8]
    quartile: npt.NDArray[np.int8]


def _labels() -> dict[int, str]:
    return {n: str(Missing(code).label) for n, code in enumerate(MISSING_CODES) if code}


def _stored(snapshot_id: int, indicator_id: int, year: int, stored: str) -> Stored:
    """One indicator-year's stored entries with the ranks of one stored peer set: one row
    (hromada.analytics.rank_blob); empty when nothing of that year is stored."""
    names: tuple[str, ...] = ("territory", "value", "reason", "comparable", "per_year", "rank_all")
    names += (f"rank_{stored}", f"percentile_{stored}", f"quartile_{stored}")
    table = connection.ops.quote_name(SnapshotRanking._meta.db_table)
    sql = (
        f"SELECT data FROM {table} "  # noqa: S608 - a model's table
        "WHERE snapshot_id = %s AND indicator_id = %s AND year = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, indicator_id, year])
        row = cursor.fetchone()
    columns = rank_blob.unpack(bytes(row[0]) if row else b"", names)
    return Stored(*(columns[name] for name in names))


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


def _empty() -> dict[str, list[Any]]:
    return {name: [] for name in ITEM_FIELDS}


def _objects(size: int) -> npt.NDArray[np.object_]:
    return np.full(size, None, dtype=object)


def _whole(numbers: npt.NDArray[np.float64], keep: npt.NDArray[np.bool_]) -> npt.NDArray[Any]:
    """Python ints where `keep` (rounded half to even, as round() does), None elsewhere."""
    out = _objects(len(numbers))
    out[keep] = np.rint(numbers[keep]).astype(np.int64).astype(object)
    return out


def rank_table(
    indicator: Indicator, *, year: int | None, peers_key: str, hromada: str
) -> RankTable:
    """Every hromada of the peer set (all hromadas when `peers_key` is empty), ranked ones
    first by rank, then the others by name, with the ranks of `year` (default: the latest
    year covering the minimum share of the set)."""
    stamp = content_stamp()  # read once for both (one query)
    frame = cached_frame(stamp)
    snapshot = stamped_snapshot(frame, stamp)
    if snapshot is None or not of_current_format(snapshot):
        # Before the first snapshot, or one built before the stored rankings existed (after
        # an upgrade, until its successor is ready): "being computed", not an empty table.
        return RankTable(None, 0, 0, _empty(), ready=False)
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
    year_chosen = chosen if chosen is not None else 0  # no year: nothing stored under 0
    rows = _stored(snapshot.pk, indicator.pk, year_chosen, stored)
    columns = _columns(indicator, frame, rows, selection, values if key.startswith("g") else None)
    return RankTable(
        year=chosen,
        reported=len(columns["rank"]) - columns["rank"].count(None),
        data_version=snapshot.publication,
        columns=columns,
        compare_per=indicator.compare_per,
    )


def _spread(
    size: int, at: npt.NDArray[np.intp], entries: npt.NDArray[Any], fill: float
) -> npt.NDArray[Any]:
    """Stored entries placed on the frame's rows (`fill` where nothing is stored)."""
    out = np.full(size, fill, dtype=np.float64)
    out[at] = entries
    return out


def _objects_of(numbers: npt.NDArray[np.float64], gaps: npt.NDArray[np.bool_]) -> npt.NDArray[Any]:
    """Python floats, None at `gaps`."""
    out = numbers.astype(object)
    out[gaps] = None
    return out


def _picked(values: list[str], rows: list[int]) -> list[str]:
    """values[row] for each of `rows` (itemgetter: no Python loop over 1,469 of them)."""
    if len(rows) < 2:
        return [values[row] for row in rows]
    return list(itemgetter(*rows)(values))


def _columns(
    indicator: Indicator,
    frame: Frame,
    rows: Stored,
    selection: npt.NDArray[np.bool_],
    group_values: npt.NDArray[np.float64] | None,
) -> dict[str, list[Any]]:
    """The table's columns from the stored entries of one indicator-year: every hromada of
    `selection`, ranked ones first by rank, the others in alphabetical order. With
    `group_values` (an analyst's saved group) the ranks are computed here, within it."""
    size = len(frame)
    occupied = frame.occupied
    at = np.searchsorted(frame.ids, rows.territory)
    known = at < size
    known[known] = frame.ids[at[known]] == rows.territory[known]  # a hromada gone since
    at = at[known]
    value = _spread(size, at, rows.value[known], np.nan)
    measure = _spread(size, at, rows.comparable[known], np.nan)
    reasons = _spread(size, at, rows.reason[known], 0).astype(np.int64)
    per_year = _spread(size, at, rows.per_year[known], 0)
    rank_all = _spread(size, at, rows.rank_all[known], 0)
    if group_values is not None:
        # An analyst's group: ranked here, over at most the hromadas of the group.
        ranked = rank(group_values, selection & ~occupied, indicator.polarity)
        placed = selection & ~occupied & ~np.isnan(ranked.rank)
        own_rank = np.where(placed, ranked.rank, 0)
        percentiles = np.where(placed, ranked.percentile, np.nan)
        quartiles = np.where(placed, ranked.quartile, 0)
    else:
        own_rank = _spread(size, at, rows.rank[known], 0)
        stored_percentile = _spread(size, at, rows.percentile[known], rank_blob.NO_PERCENTILE)
        percentiles = np.where(
            stored_percentile == rank_blob.NO_PERCENTILE, np.nan, stored_percentile
        )
        quartiles = _spread(size, at, rows.quartile[known], 0)
    coloured = fair.coloured(indicator)
    rank_ = _whole(own_rank, (own_rank > 0) & ~occupied)
    # Why there is no rank: the recorded reason, else occupation, else no denominator.
    missing = np.full(size, "", dtype=object)
    if indicator.compare_per:
        no_denominator = ~np.isnan(value) & np.isnan(measure)
        missing[no_denominator] = fair.missing_denominator(indicator)
    missing[occupied] = _("occupied")
    known_labels = _labels()
    labels = np.array(["", *known_labels.values()], dtype=object)
    labelled = np.array([0, *known_labels], dtype=np.int64)
    recorded = np.isin(reasons, labelled[1:])
    missing[recorded] = labels[np.searchsorted(labelled, reasons[recorded])]
    names, places = frame.names()
    chosen = np.flatnonzero(selection)
    first = np.where((own_rank > 0) & ~occupied, own_rank, np.inf)
    order = chosen[np.lexsort((places[chosen], first[chosen]))]
    picked = order.tolist()
    return {
        "code": _picked(frame.codes, picked),
        "name": _picked(names, picked),
        "value": _objects_of(value[order], np.isnan(value[order])).tolist(),
        "comparable_value": _objects_of(measure[order], np.isnan(measure[order])).tolist(),
        "missing": missing[order].tolist(),
        "rank": rank_[order].tolist(),
        "rank_all": _whole(rank_all, (rank_all > 0) & ~occupied)[order].tolist(),
        "percentile": _whole(percentiles, ~np.isnan(percentiles) & ~occupied)[order].tolist(),
        "quartile": _whole(quartiles, (quartiles > 0) & coloured & ~occupied)[order].tolist(),
        "per_year": _whole(per_year, per_year > 0)[order].tolist(),
    }
