"""Hard limits and plausible ranges over every reporting hromada: impossible values are
errors, unusual ones warnings (the rules are in `hromada.indicators.limits`)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from hromada.collection.validation.flags import ERROR, WARNING, Flag, Kind
from hromada.indicators.limits import Bounds, impossible, unusual


def outside(
    indicator: Bounds, code: str, values: np.ndarray, rows: tuple[int, ...]
) -> Iterator[Flag]:
    """Flags of the values outside the hard limits (errors) or the plausible range (warnings),
    vectorised: only the few values outside are looked at one by one."""
    lows = [b for b in (indicator.hard_min, indicator.min_value) if b is not None]
    highs = [b for b in (indicator.hard_max, indicator.max_value) if b is not None]
    low, high = max(lows, default=-np.inf), min(highs, default=np.inf)
    present = np.isfinite(values)
    for row in np.flatnonzero(present & ((values < low) | (values > high))):
        value = float(values[row])
        if message := impossible(indicator, value):
            yield Flag(rows[int(row)], code, Kind.RANGE_IMPOSSIBLE, ERROR, message)
        elif message := unusual(indicator, value):
            yield Flag(rows[int(row)], code, Kind.RANGE_UNUSUAL, WARNING, message)
