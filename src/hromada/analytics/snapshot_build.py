"""Building a snapshot: the whole published panel read once, every rank table and aggregate
computed with NumPy, and written to three tables an indicator at a time.

It runs as a task (hromada.analytics.tasks), never in a request. Rows are written outside one
long transaction, so on SQLite other writers wait at most for one indicator's rows; nobody
reads them until the snapshot is marked ready. Then every older snapshot is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from hromada.analytics import fair, peers
from hromada.analytics.aggregates import aggregate
from hromada.analytics.coverage import default_column
from hromada.analytics.data import Data, catalogue, published_panel
from hromada.analytics.frame import load_frame
from hromada.analytics.models import (
    RANKED_SETS,
    Snapshot,
    SnapshotAggregate,
    SnapshotIndicator,
    SnapshotValue,
)
from hromada.analytics.stats import rank
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import BANDS
from hromada.indicators.queries import published_version
from hromada.jobs.progress import report_progress
from hromada.lib import copying
from hromada.lib.sqlite import large_cache
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


def _ranked(values: npt.NDArray[np.float64], groups: IntArray, polarity: str) -> list[Any]:
    """Rank, count, percentile and quartile of every hromada within its own group."""
    ranks = np.full(len(values), np.nan)
    counts = np.zeros(len(values), dtype=np.int64)
    percentiles = np.full(len(values), np.nan)
    quartiles = np.zeros(len(values), dtype=np.int64)
    present = groups[~np.isnan(values) & (groups >= 0)]
    for group in np.unique(present).tolist():
        inside = groups == group
        result = rank(values, inside, polarity)
        ranks[inside] = result.rank[inside]
        percentiles[inside] = result.percentile[inside]
        quartiles[inside] = result.quartile[inside]
        counts[inside & ~np.isnan(values)] = result.count
    return [ranks, counts, percentiles, quartiles]


def _nullable(array: npt.NDArray[Any], *, whole: bool = False) -> list[Any]:
    items = array.tolist()
    if whole:
        return [None if v != v else int(v) for v in items]
    return [None if v != v else v for v in items]


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


def _per_year(used: IntArray, year: int) -> list[int | None]:
    """The denominator's year where it is not the value's own (None otherwise)."""
    return [None if y < 0 or y == year else y for y in used.tolist()]


def value_rows(
    snapshot_id: int,
    data: Data,
    indicator: Indicator,
    sets: dict[str, IntArray],
    denominators: fair.Denominators,
) -> list[tuple[Any, ...]]:
    """Every kept cell of one indicator: the raw value and the measure compared
    (hromada.analytics.fair) in one row, with the measure's ranks in every peer set."""
    series = data.series[indicator.code]
    frame = data.frame
    rows: list[tuple[Any, ...]] = []
    for column, year in enumerate(data.years):
        values = series.values[:, column]
        keep = ~np.isnan(values) | (series.missing[:, column] > 0)
        if not keep.any():
            continue
        population, area, used = denominators.of(indicator.compare_per, column)
        measure = fair.comparable_array(values, population, area, indicator.compare_per)
        used = np.where(np.isnan(measure), -1, used)  # a gap names no population year
        per_year = (
            _per_year(used[keep], year) if indicator.compare_per else [None] * int(keep.sum())
        )
        columns: list[list[Any]] = [
            frame.ids[keep].tolist(),
            _nullable(values[keep]),
            series.missing[:, column][keep].tolist(),
            _nullable(measure[keep]),
            per_year,
        ]
        for name in RANKED_SETS:
            ranks, counts, percentiles, quartiles = _ranked(measure, sets[name], indicator.polarity)
            columns += [
                _nullable(ranks[keep], whole=True),
                counts[keep].tolist(),
                _nullable(percentiles[keep]),
                quartiles[keep].tolist(),
            ]
        rows += [
            (snapshot_id, indicator.pk, row[0], year, *row[1:])
            for row in zip(*columns, strict=True)
        ]
    return rows


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


def build_snapshot(snapshot_id: int) -> Snapshot:
    """Compute and store the snapshot, mark it ready and drop every older one."""
    with large_cache():
        return _build(snapshot_id)


def _build(snapshot_id: int) -> Snapshot:
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
    for n, indicator in enumerate(indicators.values()):
        report_progress(n, len(indicators), stage="snapshot")
        rows = value_rows(snapshot.pk, data, indicator, sets, denominators)
        with transaction.atomic():
            _insert(SnapshotValue, VALUE_COLUMNS, rows)
            _insert(
                SnapshotIndicator, INDICATOR_COLUMNS, [indicator_row(snapshot.pk, data, indicator)]
            )
            _insert(
                SnapshotAggregate,
                AGGREGATE_COLUMNS,
                aggregate_rows(snapshot.pk, data, indicator, grouped),
            )
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
    # The new snapshot serves from here on; the ones before it are dropped with their rows.
    Snapshot.objects.filter(pk__lt=snapshot.pk).delete()
    return snapshot


def fail_snapshot(snapshot_id: int) -> None:
    """Mark a build failed and drop the rows it committed so far (one indicator at a time),
    so a failed build never leaves millions of rows behind until a later one succeeds."""
    for model in (SnapshotValue, SnapshotAggregate, SnapshotIndicator):
        model.objects.filter(snapshot_id=snapshot_id).delete()
    Snapshot.objects.filter(pk=snapshot_id).update(
        state=Snapshot.State.FAILED, finished_at=timezone.now()
    )
