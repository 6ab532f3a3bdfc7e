"""Peer outliers: a value far from those of similar hromadas (same type, same population band).

The robust z-score uses the median and the median absolute deviation (MAD, scaled by
1.4826 so it estimates the standard deviation of normal data): one wild value cannot hide
itself by inflating the spread, as it would with the mean and standard deviation.
Only groups where at least MIN_PEERS hromadas report are judged; see `outliers` for the
log scale.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.validation.data import CheckData, peer_groups
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import Indicator

MIN_PEERS = 8
THRESHOLD = 3.5
MAD_SCALE = 1.4826


def groups_of(data: CheckData) -> np.ndarray:
    return peer_groups(data.types, data.population)


def outliers(data: CheckData, indicator: Indicator, groups: np.ndarray) -> Iterator[Flag]:
    """Values far from their peer group's median, judged on a log scale.

    Municipal quantities are skewed (a few hromadas are many times larger than the rest),
    so the robust z-score is taken on log(1 + x): "twice the median" weighs the same for
    small and large figures. Negative values are left to the range check. A value with
    last year's beside it is judged by the change checks, which know the hromada itself:
    peers differ for lasting reasons (a factory, a border crossing) that a change does not.
    """
    series = data.panel[indicator.code]
    values = series[:, -1]
    usable = np.isfinite(values) & (values >= 0)
    judged = usable & ~np.isfinite(series[:, -2])
    scaled = np.log1p(np.where(usable, values, 0.0))
    for group in np.unique(groups[groups >= 0]):
        members = (groups == group) & usable
        count = int(members.sum())
        if count < MIN_PEERS:
            continue
        centre = float(np.median(scaled[members]))
        mad = float(np.median(np.abs(scaled[members] - centre))) * MAD_SCALE
        if mad == 0:
            continue
        z = np.where(members, (scaled - centre) / mad, 0.0)
        median = float(np.median(values[members]))
        for row in np.flatnonzero(judged & (np.abs(z) > THRESHOLD)):
            yield Flag(
                data.rows[int(row)],
                indicator.code,
                Kind.PEER,
                WARNING,
                _explain(float(values[row]), median, count, indicator.decimals),
            )


def _explain(value: float, median: float, count: int, decimals: int) -> str:
    numbers = {"count": count, "median": shown(median, decimals)}
    if median > 0 and value >= 0:
        ratio = value / median
        numbers["ratio"] = shown(ratio, 1 if ratio >= 0.1 else 3)
        return (
            _(
                "This value is %(ratio)s times the median (%(median)s) of %(count)s similar "
                "hromadas (same type and population band); please check it or explain it."
            )
            % numbers
        )
    return (
        _(
            "This value is far from the median (%(median)s) of %(count)s similar hromadas "
            "(same type and population band); please check it or explain it."
        )
        % numbers
    )
