"""Published totals of many indicators, read straight into NumPy arrays.

Analytics pages and the recompute read up to millions of values at once. Going through the
ORM spends most of that time making Python objects, five per row. Here each row is two
columns: one integer packing indicator, territory, year and the reason of a gap, and the
value; `np.fromiter` streams them into one array without a list of rows, and NumPy unpacks
the integers. Memory stays at the size of the arrays, not of a list of tuples.

(PostgreSQL's binary COPY was tried: psycopg hands it over one row at a time, and it was no
faster than these two columns.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from hromada.analytics import rank_blob
from hromada.analytics.models import SnapshotRanking, SnapshotValue
from hromada.indicators.models import Missing, Observation, Sex, Status

# Index into this tuple = the reason code of a gap; 0 means "a value, no gap".
MISSING_CODES: tuple[str, ...] = ("", *(choice.value for choice in Missing))
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Int8Array = npt.NDArray[np.int8]

# Packing: indicator id << 32 | territory id, then << 12 | (year - 1900) << 4 | reason
# (a reason fits in 4 bits, a year from 1900 in 8, a territory id in 32).
_YEAR_BASE = 1900
_LOW_BITS = 12
_TERRITORY_BITS = 32


@dataclass(frozen=True)
class LongValues:
    """One entry per stored total: parallel arrays."""

    indicator: IntArray
    territory: IntArray
    year: IntArray
    value: FloatArray  # NaN where the value is a gap
    reason: Int8Array  # index into MISSING_CODES; 0 where there is a value
    # From a snapshot: the measure compared (hromada.analytics.fair); NaN where none.
    measure: FloatArray | None = None
    per_year: IntArray | None = None  # the denominator's year when not the value's own; 0

    def __len__(self) -> int:
        return len(self.value)

    @classmethod
    def empty(cls) -> LongValues:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, none, np.zeros(0), np.zeros(0, dtype=np.int8))


def _reason_sql() -> str:
    whens = " ".join(f"WHEN '{code}' THEN {n}" for n, code in enumerate(MISSING_CODES) if code)
    return f"CASE WHEN value IS NOT NULL THEN 0 ELSE (CASE missing {whens} ELSE 1 END) END"


def read_published(
    indicator_ids: Iterable[int], years: tuple[int, int] | None = None
) -> LongValues:
    """Every published total of these indicators (within `years`, both ends included)."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return LongValues.empty()
    where = f"sex = %s AND status = %s AND indicator_id IN ({', '.join(['%s'] * len(ids))})"
    params: list[Any] = [str(Sex.TOTAL), str(Status.PUBLISHED), *ids]
    if years is not None:
        where += " AND year BETWEEN %s AND %s"
        params += [years[0], years[1]]
    low = f"(year - {_YEAR_BASE}) * 16 + {_reason_sql()}"
    packed = f"((indicator_id * {1 << _TERRITORY_BITS} + territory_id) * {1 << _LOW_BITS} + {low})"
    return _read(Observation._meta.db_table, packed, where, params)


def read_snapshot(
    snapshot_id: int, indicator_ids: Iterable[int], *, stored_rankings: bool = True
) -> LongValues:
    """The values (and reasons of gaps) of these indicators in one snapshot
    (hromada.analytics.snapshot), from its stored rankings: one row per indicator-year
    holding every kept cell of that year (hromada.analytics.rank_blob), the same entries as
    its per-value rows. Reading those 1,469 rows a year one by one was most of the first
    ranking page after a release; one blob a year is read with `np.frombuffer`. A snapshot
    built before the stored rankings existed (`stored_rankings` False: it serves after an
    upgrade until its successor is ready) is read from its per-value rows."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return LongValues.empty()
    if not stored_rankings:
        where = f"snapshot_id = %s AND indicator_id IN ({', '.join(['%s'] * len(ids))})"
        low = f"(year - {_YEAR_BASE}) * 16 + reason"
        packed = (
            f"((indicator_id * {1 << _TERRITORY_BITS} + territory_id) * {1 << _LOW_BITS} + {low})"
        )
        return _read(SnapshotValue._meta.db_table, packed, where, [snapshot_id, *ids], measure=True)
    table = connection.ops.quote_name(SnapshotRanking._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT indicator_id, year, data FROM {table} "  # noqa: S608 - no user text
        f"WHERE snapshot_id = %s AND indicator_id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, *ids])
        stored = cursor.fetchall()
    names = ("territory", "value", "reason", "comparable", "per_year")
    parts = [rank_blob.unpack(bytes(data), names) for _indicator, _year, data in stored]
    counts = [len(part["territory"]) for part in parts]

    def joined(name: str, kind: type[Any]) -> npt.NDArray[Any]:
        if not parts:
            return np.zeros(0, dtype=kind)
        return np.concatenate([part[name] for part in parts]).astype(kind)

    return LongValues(
        indicator=np.repeat(np.array([row[0] for row in stored], dtype=np.int64), counts),
        territory=joined("territory", np.int64),
        year=np.repeat(np.array([row[1] for row in stored], dtype=np.int64), counts),
        value=joined("value", np.float64),
        reason=joined("reason", np.int8),
        measure=joined("comparable", np.float64),
        per_year=joined("per_year", np.int64),
    )


def _read(
    db_table: str, packed: str, where: str, params: list[Any], *, measure: bool = False
) -> LongValues:
    table = connection.ops.quote_name(db_table)
    columns = f"{packed}, value"
    if measure:
        columns += ", comparable, COALESCE(per_year, 0)"
    sql = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608 - no user text
    dtype = [("key", np.int64), ("value", np.float64)]
    if measure:
        dtype += [("measure", np.float64), ("per_year", np.int64)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # The driver's own cursor: Django's wrapper iterates through a Python generator,
        # which cost more than everything else here together.
        with connection.wrap_database_errors:
            rows = np.fromiter(cursor.cursor, dtype=dtype)
    key, low_bits = rows["key"] >> _LOW_BITS, rows["key"] & ((1 << _LOW_BITS) - 1)
    return LongValues(
        indicator=key >> _TERRITORY_BITS,
        territory=key & ((1 << _TERRITORY_BITS) - 1),
        year=(low_bits >> 4) + _YEAR_BASE,
        value=rows["value"],
        reason=(low_bits & 15).astype(np.int8),
        measure=rows["measure"] if measure else None,
        per_year=rows["per_year"] if measure else None,
    )
