"""Published totals of many indicators, read straight into NumPy arrays.

Analytics pages and the recompute read up to millions of values at once. Going through the
ORM (or fetching rows as tuples) spends most of that time making Python objects, one per
cell. Here each database gives its values in the cheapest form it has:

- PostgreSQL: `COPY (SELECT ...) TO STDOUT (FORMAT BINARY)` with fixed-width columns (a gap
  becomes NaN), parsed by NumPy as one structured array, block by block;
- SQLite: two columns per row, one integer packing indicator, territory, year and the reason
  of a gap, and the value, streamed by `np.fromiter` without a list of rows.

Memory stays at the size of the arrays (33 bytes a value), not of a list of tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from hromada.indicators.models import Missing, Observation, Sex, Status
from hromada.lib import copying

# Index into this tuple = the reason code of a gap; 0 means "a value, no gap".
MISSING_CODES: tuple[str, ...] = ("", *(choice.value for choice in Missing))
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Int8Array = npt.NDArray[np.int8]

# SQLite packing: indicator id << 32 | territory id, then << 12 | (year - 1900) << 4 | reason.
_YEAR_BASE = 1900
_LOW_BITS = 12
_TERRITORY_BITS = 32
# PostgreSQL binary COPY: 19-byte header, then per row a field count (int16) and for each
# field its length (int32) and its bytes; a -1 (int16) ends the data.
_HEADER = 19
_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("l1", ">i4"),
        ("indicator", ">i4"),
        ("l2", ">i4"),
        ("territory", ">i8"),
        ("l3", ">i4"),
        ("year", ">i4"),
        ("l4", ">i4"),
        ("value", ">f8"),
        ("l5", ">i4"),
        ("reason", ">i2"),
    ]
)
_BLOCK = 8 << 20


@dataclass(frozen=True)
class LongValues:
    """One entry per stored total: parallel arrays."""

    indicator: IntArray
    territory: IntArray
    year: IntArray
    value: FloatArray  # NaN where the value is a gap
    reason: Int8Array  # index into MISSING_CODES; 0 where there is a value

    def __len__(self) -> int:
        return len(self.value)


def _reason_sql() -> str:
    whens = " ".join(f"WHEN '{code}' THEN {n}" for n, code in enumerate(MISSING_CODES) if code)
    return f"CASE WHEN value IS NOT NULL THEN 0 ELSE (CASE missing {whens} ELSE 1 END) END"


def _where(indicator_ids: list[int], years: tuple[int, int] | None) -> tuple[str, list[Any]]:
    marks = ", ".join(["%s"] * len(indicator_ids))
    where = f"sex = %s AND status = %s AND indicator_id IN ({marks})"
    params: list[Any] = [str(Sex.TOTAL), str(Status.PUBLISHED), *indicator_ids]
    if years is not None:
        where += " AND year BETWEEN %s AND %s"
        params += [years[0], years[1]]
    return where, params


def read_published(
    indicator_ids: Iterable[int], years: tuple[int, int] | None = None
) -> LongValues:
    """Every published total of these indicators (within `years`, both ends included)."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return _empty()
    if connection.vendor == "postgresql":
        return _read_postgresql(ids, years)
    return _read_packed(ids, years)


def _empty() -> LongValues:
    none = np.zeros(0, dtype=np.int64)
    return LongValues(none, none, none, np.zeros(0), np.zeros(0, dtype=np.int8))


def _read_packed(ids: list[int], years: tuple[int, int] | None) -> LongValues:
    where, params = _where(ids, years)
    low = f"(year - {_YEAR_BASE}) * 16 + {_reason_sql()}"
    packed = f"((indicator_id * {1 << _TERRITORY_BITS} + territory_id) * {1 << _LOW_BITS} + {low})"
    table = connection.ops.quote_name(Observation._meta.db_table)
    sql = f"SELECT {packed}, value FROM {table} WHERE {where}"  # noqa: S608 - no user text
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = np.fromiter(cursor, dtype=[("key", np.int64), ("value", np.float64)])
    key, low_bits = rows["key"] >> _LOW_BITS, rows["key"] & ((1 << _LOW_BITS) - 1)
    return LongValues(
        indicator=key >> _TERRITORY_BITS,
        territory=key & ((1 << _TERRITORY_BITS) - 1),
        year=(low_bits >> 4) + _YEAR_BASE,
        value=rows["value"],
        reason=(low_bits & 15).astype(np.int8),
    )


def _read_postgresql(ids: list[int], years: tuple[int, int] | None) -> LongValues:
    # COPY takes no parameters: the condition is written out, from integers and constants.
    where = (
        f"sex = '{Sex.TOTAL}' AND status = '{Status.PUBLISHED}' "
        f"AND indicator_id IN ({', '.join(str(int(i)) for i in ids)})"
    )
    if years is not None:
        where += f" AND year BETWEEN {int(years[0])} AND {int(years[1])}"
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = (
        "indicator_id::int4, territory_id::int8, year::int4, "
        f"COALESCE(value, 'NaN'::float8), ({_reason_sql()})::int2"
    )
    select = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608 - integers, constants
    with (
        connection.cursor() as cursor,
        copying.copy(cursor, f"COPY ({select}) TO STDOUT (FORMAT BINARY)") as copy,
    ):
        parts = list(_rows_of(copy))
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=_ROW)
    return LongValues(
        indicator=rows["indicator"].astype(np.int64),
        territory=rows["territory"].astype(np.int64),
        year=rows["year"].astype(np.int64),
        value=rows["value"].astype(np.float64),
        reason=rows["reason"].astype(np.int8),
    )


def _rows_of(blocks: Iterable[bytes | bytearray | memoryview]) -> Iterator[np.ndarray]:
    """Fixed-width rows parsed every few megabytes; the rest waits for the next block."""
    pending = bytearray()
    header_done = False
    for block in blocks:
        pending += block
        if not header_done:
            if len(pending) < _HEADER:
                continue
            extension = int.from_bytes(pending[15:19], "big")
            del pending[: _HEADER + extension]
            header_done = True
        if len(pending) >= _BLOCK:
            whole = len(pending) // _ROW.itemsize * _ROW.itemsize
            yield np.frombuffer(bytes(pending[:whole]), dtype=_ROW)
            del pending[:whole]
    whole = (len(pending) - 2) // _ROW.itemsize * _ROW.itemsize  # the -1 that ends the data
    if whole > 0:
        yield np.frombuffer(bytes(pending[:whole]), dtype=_ROW)
