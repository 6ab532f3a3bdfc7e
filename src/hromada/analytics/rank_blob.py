"""One indicator-year's ranking stored as ONE row: its columns as NumPy arrays' bytes.

The API's ranking (hromada.analytics.rank_table) needs, for one indicator and year, every
hromada's value, reason for a gap, compared measure, denominator year and ranks in one peer
set. Read as 1,469 rows of SnapshotValue that was the request's largest cost (fetching and
converting the rows); read as one row of SnapshotRanking it is one index seek and
`np.frombuffer`. The snapshot build writes both from the same arrays
(hromada.analytics.snapshot_build), so they hold the same numbers.

The layout is fixed: each column of LAYOUT in turn, little-endian, one entry per stored
hromada, in ascending territory id. Gaps use sentinels that no real entry has: NaN for a
missing number, 0 for no rank and no denominator year (ranks start at 1, years are
positive), -1 for no percentile. Percentiles are kept rounded to whole numbers (half to
even, as round() does): that is all the API shows of them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from hromada.analytics.models import RANKED_SETS

LAYOUT: tuple[tuple[str, str], ...] = (
    ("territory", "<i8"),
    ("value", "<f8"),
    ("reason", "<i2"),
    ("comparable", "<f8"),
    ("per_year", "<i2"),
    *(
        (f"{field}_{name}", kind)
        for name in RANKED_SETS
        for field, kind in (("rank", "<i4"), ("percentile", "<i1"), ("quartile", "<i1"))
    ),
)
ROW_BYTES = sum(np.dtype(kind).itemsize for _name, kind in LAYOUT)
NO_PERCENTILE = -1


def rounded_percentiles(percentiles: npt.NDArray[np.float64]) -> npt.NDArray[np.int8]:
    """Whole percentiles (half to even, as round() does), NO_PERCENTILE for NaN."""
    gaps = np.isnan(percentiles)
    return np.where(gaps, NO_PERCENTILE, np.rint(np.where(gaps, 0, percentiles))).astype(np.int8)


def pack(columns: dict[str, npt.NDArray[Any]]) -> bytes:
    """Every column of LAYOUT (same length, by ascending territory id) as one blob."""
    return b"".join(
        np.ascontiguousarray(columns[name], dtype=kind).tobytes() for name, kind in LAYOUT
    )


def unpack(blob: bytes, names: tuple[str, ...]) -> dict[str, npt.NDArray[Any]]:
    """The columns `names` of a blob, as read-only views of its bytes (no copy)."""
    count, extra = divmod(len(blob), ROW_BYTES)
    if extra:
        raise ValueError(f"a stored ranking of {len(blob)} bytes is not whole rows")
    out: dict[str, npt.NDArray[Any]] = {}
    offset = 0
    for name, kind in LAYOUT:
        if name in names:
            out[name] = np.frombuffer(blob, dtype=kind, count=count, offset=offset)
        offset += np.dtype(kind).itemsize * count
    return out
