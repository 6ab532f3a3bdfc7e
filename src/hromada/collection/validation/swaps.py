"""Two neighbouring questions answered in each other's fields (swapped columns).

Each value alone may look possible; the pair gives it away. For two neighbouring questions
A and B of the questionnaire, each value is scored by how far its change since last year is
from the usual change of its line this year (a robust z-score on a log scale, see
`_Yardstick`). When B's value fits A's history far better than A's own value does, and A's
fits B's, the two were most likely exchanged: both cells are flagged, with the values the
official probably meant. Zeros take part (a tax typed into the empty neighbouring field is a
common slip), so the log scale is floored at a small share of the line's typical amount.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext as _

from hromada.collection.models import Item
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import ValueType

FloatArray = npt.NDArray[np.float64]

MIN_HROMADAS = 30  # hromadas reporting a line both years, to know its usual change
FLOOR_SHARE = 0.01  # the log scale is floored at 1 % of the line's median reported amount
MAD_SCALE = 1.4826
MIN_SPREAD = 0.05
Z_ODD = 4.0  # the pair as typed is unusual: one of its two changes beyond this z
Z_FITS = 2.5  # swapped back, both changes are within this z of the usual
GAIN = 4.0  # and the swapped pair is this many times closer to the usual (in squared z)


@dataclass(frozen=True)
class _Yardstick:
    """The usual change of one line this year: log(floor + |value|) of this year minus
    last year's, its median and robust spread across hromadas."""

    old: FloatArray
    floor: float
    centre: float
    spread: float

    def z(self, value: FloatArray) -> FloatArray:
        moved = np.log(self.floor + np.abs(value)) - np.log(self.floor + np.abs(self.old))
        return np.asarray((moved - self.centre) / self.spread, dtype=np.float64)


def _yardstick(data: CheckData, code: str) -> _Yardstick | None:
    old, new = data.panel[code][:, -2], data.panel[code][:, -1]
    both = np.isfinite(old) & np.isfinite(new)
    reported = np.abs(new[both & (new != 0)])
    if len(reported) < MIN_HROMADAS:
        return None
    floor = max(float(np.median(reported)) * FLOOR_SHARE, 1e-9)
    moved = np.log(floor + np.abs(new[both])) - np.log(floor + np.abs(old[both]))
    centre = float(np.median(moved))
    spread = max(float(np.median(np.abs(moved - centre))) * MAD_SCALE, MIN_SPREAD)
    return _Yardstick(old, floor, centre, spread)


def swapped_flags(data: CheckData, items: list[Item]) -> Iterator[Flag]:
    """Flags on both cells of each neighbouring pair that looks swapped."""
    amounts = [i.indicator for i in items if i.indicator.value_type != ValueType.INTEGER]
    for first, second in itertools.pairwise(amounts):
        a, b = _yardstick(data, first.code), _yardstick(data, second.code)
        if a is None or b is None:
            continue
        new_a, new_b = data.panel[first.code][:, -1], data.panel[second.code][:, -1]
        with np.errstate(invalid="ignore"):
            typed = a.z(new_a) ** 2 + b.z(new_b) ** 2
            back_a, back_b = a.z(new_b), b.z(new_a)
            back = back_a**2 + back_b**2
            odd = np.maximum(np.abs(a.z(new_a)), np.abs(b.z(new_b))) > Z_ODD
            fits = (np.abs(back_a) < Z_FITS) & (np.abs(back_b) < Z_FITS)
            swapped = odd & fits & (back * GAIN < typed) & (new_a != new_b)
        for row in np.flatnonzero(np.nan_to_num(swapped, nan=0.0).astype(bool)):
            numbers = {
                "first": first.name or first.code,
                "second": second.name or second.code,
                "first_value": shown(float(new_a[row]), first.decimals),
                "second_value": shown(float(new_b[row]), second.decimals),
                "first_old": shown(float(a.old[row]), first.decimals),
                "second_old": shown(float(b.old[row]), second.decimals),
            }
            message = _(
                "“%(first)s” (%(first_value)s) and “%(second)s” (%(second_value)s) look "
                "entered in each other's fields: last year they were %(first_old)s and "
                "%(second_old)s. Check whether the two values were swapped, or explain them "
                "in the comment."
            ) % numbers  # fmt: skip
            territory = data.rows[int(row)]
            codes = (first.code, second.code)
            yield Flag(territory, first.code, Kind.SWAP, WARNING, message, codes)
