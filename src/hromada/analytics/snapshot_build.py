"""Building a snapshot: the whole published panel read once, every rank table and aggregate
computed with NumPy, and written to three tables an indicator at a time.

It runs as a task (hromada.analytics.tasks), never in a request. Rows are written outside one
long transaction, so on SQLite other writers wait at most for one indicator's rows; nobody
reads them until the snapshot is marked ready (compute_snapshot). Then every older snapshot
is dropped (drop_older_snapshots).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from hromada.analytics import fair, peers, rank_blob
from hromada.analytics.aggregates import aggregate
from hromada.analytics.coverage import default_column
from hromada.analytics.data import Data, catalogue, published_panel
from hromada.analytics.frame import load_frame
from hromada.analytics.models import (
    RANKED_SETS,
    Snapshot,
    SnapshotAggregate,
    SnapshotIndicator,
    SnapshotRanking,
    SnapshotValue,
)
from hromada.analytics.stats import MIN_FOR_QUARTILES
from hromada.indicators.models import ComparePer, Indicator, Polarity
from hromada.indicators.population_bands import BANDS
from hromada.indicators.queries import published_version
from hromada.jobs.progress import report_progress
from hromada.lib import copying
from hromada.lib.sqlite import large_cache, pragma_for_a_while
from hromada.territories.models import HromadaType

IntArray = npt.NDArray[np.int64]
VALUE_COLUMNS = (
    "snapshot_id",
    "indicator_id",
    "territory_id",
    "year",
    "value",
    "reason",
    "comparable",
    "per_year",
    *(
        f"{field}_{name}"
        for name in RANKED_SETS
        for field in ("rank", "n", "percentile", "quartile")
    ),
)
RANKING_COLUMNS = ("snapshot_id", "indicator_id", "year", "data")
INDICATOR_COLUMNS = ("snapshot_id", "indicator_id", "covered_year", "members_year")
AGGREGATE_COLUMNS = (
    "snapshot_id",
    "indicator_id",
    "grouping",
    "group",
    "year",
    "value",
    "reported",
    "members",
    "population_share",
    "aggregable",
)
GROUPINGS = ("nation", "oblast", "raion", "type")
CHECKPOINT_PAGES = 65_536  # 256 MiB of 4 KiB pages: the WAL's bound while a build writes


def _insert(model: type[Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """executemany on SQLite; COPY on PostgreSQL."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with copying.copy(cursor, f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def peer_sets(data: Data) -> dict[str, IntArray]:
    """For each of RANKED_SETS, every hromada's group number within it (-1: not ranked there).
    Occupied hromadas are ranked nowhere; a hromada without a population has no band."""
    frame = data.frame
    ranked = ~frame.occupied
    bands = peers.population_bands(data)
    banded = ranked & (bands >= 0)
    _, kind = np.unique(frame.types, return_inverse=True)
    _, oblast = np.unique(frame.oblast_ids, return_inverse=True)
    none = np.full(len(frame), -1, dtype=np.int64)
    zero = np.zeros(len(frame), dtype=np.int64)
    return {
        "all": np.where(ranked, zero, none),
        "members": np.where(ranked & frame.members, zero, none),
        "type": np.where(ranked, kind, none),
        "band": np.where(banded, bands, none),
        "type_band": np.where(banded, kind * len(BANDS) + bands, none),
        "oblast": np.where(ranked, oblast, none),
    }


def _ranked(
    values: npt.NDArray[np.float64], groups: IntArray, polarity: str
) -> tuple[npt.NDArray[np.float64], IntArray, npt.NDArray[np.float64], IntArray]:
    """Rank, count, percentile and quartile of every value (hromadas x years) within its own
    group and year, by the rules of hromada.analytics.stats.rank (same arithmetic, so the
    same numbers), for every year and group at once: one sort by (year, group, value)
    instead of one pass over the whole column per group and year."""
    ranks = np.full(values.shape, np.nan)
    counts = np.zeros(values.shape, dtype=np.int64)
    percentiles = np.full(values.shape, np.nan)
    quartiles = np.zeros(values.shape, dtype=np.int64)
    rows, columns = np.nonzero(~np.isnan(values) & (groups >= 0)[:, None])
    if not len(rows):
        return ranks, counts, percentiles, quartiles
    value, group = values[rows, columns], groups[rows]
    order = np.lexsort((value, group, columns))
    rows, columns, value, group = rows[order], columns[order], value[order], group[order]
    # Segments: one group in one year; runs: equal values within a segment (ties).
    segment = np.r_[True, (columns[1:] != columns[:-1]) | (group[1:] != group[:-1])]
    run = segment | np.r_[True, value[1:] != value[:-1]]
    segment_start = np.flatnonzero(segment)
    start = segment_start[np.cumsum(segment) - 1]
    count = np.diff(np.r_[segment_start, len(value)])[np.cumsum(segment) - 1]
    run_start = np.flatnonzero(run)
    run_id = np.cumsum(run) - 1
    lower = (run_start[run_id] - start).astype(np.float64)
    upper = (np.r_[run_start[1:], len(value)][run_id] - start).astype(np.float64)
    ties = upper - lower
    if polarity == Polarity.LOWER_IS_BETTER:
        rank_of, worse = lower + 1, count - upper
    else:
        rank_of, worse = count - upper + 1, lower
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = 100.0 * (worse + 0.5 * (ties - 1)) / (count - 1)
    percentile = np.where(count > 1, spread, 50.0)
    quartile = np.minimum(np.floor(percentile / 25.0).astype(np.int64) + 1, 4)
    ranks[rows, columns] = rank_of
    counts[rows, columns] = count
    percentiles[rows, columns] = percentile
    quartiles[rows, columns] = np.where(count < MIN_FOR_QUARTILES, 0, quartile)
    return ranks, counts, percentiles, quartiles


def _nullable(array: npt.NDArray[Any], *, whole: bool = False) -> list[Any]:
    """Python numbers with None for NaN (whole numbers as int), for the driver."""
    gaps = np.isnan(array)
    items = (np.where(gaps, 0, array).astype(np.int64) if whole else array).astype(object)
    items[gaps] = None
    return list(items.tolist())


def panel_denominators(data: Data) -> fair.Denominators:
    """Population and area of every hromada and year, carried from the nearest year."""
    population = data.series.get(fair.POPULATION_CODE)
    area = data.series.get(fair.AREA_CODE)
    return fair.denominators(
        population.values if population is not None else None,
        area.values if area is not None else None,
        data.years,
        len(data.frame),
    )


def value_rows(
    snapshot_id: int,
    data: Data,
    indicator: Indicator,
    sets: dict[str, IntArray],
    denominators: fair.Denominators,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every kept cell of one indicator, year by year (the order of the ranking index): the
    raw value and the measure compared (hromada.analytics.fair) in one row, with the
    measure's ranks in every peer set; one row where there is a value or a reason for a gap.
    Beside them, the same cells packed into one row per year (SnapshotRanking)."""
    series = data.series[indicator.code]
    frame = data.frame
    keep = ~np.isnan(series.values) | (series.missing > 0)
    # Year-major: the nonzero entries of the transposed mask come year by year.
    columns, rows = np.nonzero(keep.T)
    if not len(rows):
        return [], []
    years = np.asarray(data.years, dtype=np.int64)
    compare_per = indicator.compare_per
    measure = fair.comparable_array(
        series.values, denominators.population, denominators.area, compare_per
    )
    per_year = _per_years(measure, denominators, compare_per, years, rows, columns)
    packed: dict[str, npt.NDArray[Any]] = {
        "territory": frame.ids[rows],
        "value": series.values[rows, columns],
        "reason": series.missing[rows, columns],
        "comparable": measure[rows, columns],
        "per_year": per_year,
    }
    out: list[list[Any]] = [
        frame.ids[rows].tolist(),
        years[columns].tolist(),
        _nullable(packed["value"]),
        packed["reason"].tolist(),
        _nullable(packed["comparable"]),
        [None if y == 0 else y for y in per_year.tolist()],
    ]
    for name in RANKED_SETS:
        ranks, counts, percentiles, quartiles = _ranked(measure, sets[name], indicator.polarity)
        kept = ranks[rows, columns], percentiles[rows, columns], quartiles[rows, columns]
        out += [
            _nullable(kept[0], whole=True),
            counts[rows, columns].tolist(),
            _nullable(kept[1]),
            kept[2].tolist(),
        ]
        packed[f"rank_{name}"] = np.where(np.isnan(kept[0]), 0, kept[0])
        packed[f"percentile_{name}"] = rank_blob.rounded_percentiles(kept[1])
        packed[f"quartile_{name}"] = kept[2]
    constant = (snapshot_id, indicator.pk)
    value_rows_ = list(zip(repeat(snapshot_id), repeat(indicator.pk), *out))
    # Rows come year by year and, within a year, by ascending territory id (frame order).
    starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]]).tolist()
    ends = [*starts[1:], len(rows)]
    rankings = [
        (
            *constant,
            int(years[columns[start]]),
            rank_blob.pack({k: v[start:end] for k, v in packed.items()}),
        )
        for start, end in zip(starts, ends, strict=True)
    ]
    return value_rows_, rankings


def _per_years(
    measure: npt.NDArray[np.float64],
    denominators: fair.Denominators,
    compare_per: str,
    years: IntArray,
    rows: IntArray,
    columns: IntArray,
) -> IntArray:
    """The denominator's year where it is not the value's own (0 otherwise, and where there
    is no compared value: a gap names no population year)."""
    if not compare_per:
        return np.zeros(len(rows), dtype=np.int64)
    by_area = compare_per == ComparePer.KM2
    used = denominators.area_year if by_area else denominators.population_year
    chosen = np.where(np.isnan(measure), -1, used)[rows, columns]
    own = years[columns]
    return np.where((chosen < 0) | (chosen == own), 0, chosen).astype(np.int64)


def _year(data: Data, column: int) -> int | None:
    return data.years[column] if column >= 0 else None


def indicator_row(snapshot_id: int, data: Data, indicator: Indicator) -> tuple[Any, ...]:
    values = data.series[indicator.code].values
    everyone = ~data.frame.occupied
    members = everyone & data.frame.members
    covered = _year(data, default_column(values, everyone))
    return (snapshot_id, indicator.pk, covered, _year(data, default_column(values, members)))


def groupings(data: Data) -> dict[str, tuple[IntArray, list[int]]]:
    """Each grouping: every hromada's group id (-1 for none) and the groups, in id order."""
    frame = data.frame
    kinds = [value for value, _label in HromadaType.choices]
    kind = np.array([kinds.index(t) if t in kinds else -1 for t in frame.types.tolist()])
    return {
        "nation": (np.zeros(len(frame), dtype=np.int64), [0]),
        "oblast": (frame.oblast_ids, sorted({int(i) for i in frame.oblast_ids if i >= 0})),
        "raion": (frame.raion_ids, sorted({int(i) for i in frame.raion_ids if i >= 0})),
        "type": (kind.astype(np.int64), list(range(len(kinds)))),
    }


def aggregate_rows(
    snapshot_id: int,
    data: Data,
    indicator: Indicator,
    grouped: dict[str, tuple[IntArray, list[int]]],
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    if not data.years:
        return rows
    for grouping, (group_of, groups) in grouped.items():
        result = aggregate(data, indicator.code, group_of, groups)
        for n, group in enumerate(groups):
            values = _nullable(result.values[n])
            shares = _nullable(result.population_share[n])
            reported = result.reported[n].tolist()
            members = int(result.members[n])
            rows += [
                (
                    *(snapshot_id, indicator.pk, grouping, group, year),
                    *(values[c], reported[c], members, shares[c], result.aggregable),
                )
                for c, year in enumerate(data.years)
            ]
    return rows


def _write(
    snapshot_id: int,
    data: Data,
    indicator: Indicator,
    rows: list[tuple[Any, ...]],
    rankings: list[tuple[Any, ...]],
    aggregates: list[tuple[Any, ...]],
) -> None:
    """One indicator's rows in one transaction, so on SQLite other writers wait at most for
    those. Its commits checkpoint rarely (_rare_checkpoints): each indicator's rows touch
    every page of the index by hromada (snapvalue_profile), so a checkpoint after each
    commit copied that index back to the database file again and again."""
    with transaction.atomic():
        _insert(SnapshotValue, VALUE_COLUMNS, rows)
        _insert(SnapshotRanking, RANKING_COLUMNS, rankings)
        _insert(SnapshotIndicator, INDICATOR_COLUMNS, [indicator_row(snapshot_id, data, indicator)])
        _insert(SnapshotAggregate, AGGREGATE_COLUMNS, aggregates)


def build_snapshot(snapshot_id: int) -> Snapshot:
    """Compute and store the snapshot, mark it ready and drop every older one."""
    with large_cache():
        snapshot = compute_snapshot(snapshot_id)
        drop_older_snapshots(snapshot)
    return snapshot


def drop_older_snapshots(snapshot: Snapshot) -> None:
    """The snapshots before `snapshot` (which serves from now on), with their rows, deleted
    after the new one serves (bench.duckdb_compare times it apart)."""
    with _plain_delete():
        Snapshot.objects.filter(pk__lt=snapshot.pk).delete()


def _rare_checkpoints() -> AbstractContextManager[None]:
    """SQLite's automatic WAL checkpoint at CHECKPOINT_PAGES instead of 1,000 pages on this
    connection while the build writes (nothing on PostgreSQL). Not never
    (lib.sqlite.deferred_checkpoints, as an import does): at 14,690 hromadas the build's WAL
    grew past 4 GB before its one checkpoint."""
    return pragma_for_a_while("wal_autocheckpoint", CHECKPOINT_PAGES)


def _plain_delete() -> AbstractContextManager[None]:
    """SQLite without secure_delete on this connection for a while (nothing on PostgreSQL).

    Debian's SQLite is built with it on: every deleted row is overwritten with zeros and
    every freed page written again, 1.8x the WAL and 1.4x the CPU of deleting a snapshot
    (1.22 M rows: 182 against 103 MiB, 5.1 against 3.7 s). A snapshot holds published
    statistics only, so nothing secret is left in the free pages."""
    return pragma_for_a_while("secure_delete", 0)


def compute_snapshot(snapshot_id: int) -> Snapshot:
    """Compute and store the snapshot and mark it ready: from here on it serves."""
    started = time.perf_counter()
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    frame = load_frame()
    indicators = catalogue()
    version = published_version()
    data = published_panel(frame, indicators, version)
    sets = peer_sets(data)
    grouped = groupings(data)
    denominators = panel_denominators(data)
    total = 0
    with _rare_checkpoints():  # see _write
        for n, indicator in enumerate(indicators.values()):
            report_progress(n, len(indicators), stage="snapshot")
            rows, rankings = value_rows(snapshot.pk, data, indicator, sets, denominators)
            aggregates = aggregate_rows(snapshot.pk, data, indicator, grouped)
            _write(snapshot.pk, data, indicator, rows, rankings, aggregates)
            total += len(rows)
    report_progress(len(indicators), len(indicators), stage="snapshot")
    snapshot.state = Snapshot.State.READY
    snapshot.publication = version
    snapshot.first_year = data.years[0] if data.years else None
    snapshot.last_year = data.years[-1] if data.years else None
    snapshot.values_count = total
    snapshot.finished_at = timezone.now()
    snapshot.seconds = time.perf_counter() - started
    snapshot.save()
    return snapshot


def fail_snapshot(snapshot_id: int) -> None:
    """Mark a build failed and drop the rows it committed so far (one indicator at a time),
    so a failed build never leaves millions of rows behind until a later one succeeds."""
    with _plain_delete():
        for model in (SnapshotValue, SnapshotRanking, SnapshotAggregate, SnapshotIndicator):
            model.objects.filter(snapshot_id=snapshot_id).delete()
    Snapshot.objects.filter(pk=snapshot_id).update(
        state=Snapshot.State.FAILED, finished_at=timezone.now()
    )
