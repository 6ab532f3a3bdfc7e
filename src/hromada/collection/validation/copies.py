"""Last year's answers copied forward: the same non-zero value as last year in many cells.

One unchanged figure happens (a fixed subsidy); a whole block of them in one questionnaire
is what a pre-filled or last year's sheet sent back looks like. Real budget lines almost
never repeat to the last decimal, so COPIED_CELLS of them in one hromada are flagged,
each cell with the count. Lines that often stay the same (an area, a stock) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import ValueType

COPIED_CELLS = 3
MIN_HROMADAS = 30  # hromadas reporting a line both years, to know whether it usually changes
# A line the same as last year in more than a quarter of hromadas is a stock (a road
# length); copies sent back by a fifth of hromadas do not make a changing line look like one.
STABLE_SHARE = 0.25


def copied_flags(data: CheckData, items: Iterable[Item]) -> Iterator[Flag]:
    # Counts repeat by nature (3 schools, 3 schools): only amounts and measures are judged.
    judged = [i for i in items if i.indicator.value_type != ValueType.INTEGER]
    # Stocks stay put (the area, the farmland): only lines that almost every hromada
    # reports differently from last year are judged.
    judged = [i for i in judged if _usually_changes(data, i.indicator.code)]
    if not judged:
        return
    same = np.column_stack([_same(data, item.indicator.code) for item in judged])
    count = same.sum(axis=1)
    for row, column in zip(*np.nonzero(same & (count >= COPIED_CELLS)[:, None]), strict=True):
        indicator = judged[int(column)].indicator
        value = float(data.panel[indicator.code][row, -1])
        numbers = {"value": shown(value, indicator.decimals), "count": int(count[row])}
        message = _(
            "%(value)s is exactly last year's value, and so are %(count)s values of this "
            "questionnaire in all: was last year's figure copied? Check it, or explain it in "
            "the comment."
        ) % numbers  # fmt: skip
        yield Flag(data.rows[int(row)], indicator.code, Kind.COPY, WARNING, message)


def _same(data: CheckData, code: str) -> np.ndarray:
    old, new = data.panel[code][:, -2], data.panel[code][:, -1]
    return np.asarray(np.isfinite(old) & np.isfinite(new) & (new != 0) & (new == old), dtype=bool)


def _usually_changes(data: CheckData, code: str) -> bool:
    old, new = data.panel[code][:, -2], data.panel[code][:, -1]
    both = np.isfinite(old) & np.isfinite(new) & (new != 0)
    if both.sum() < MIN_HROMADAS:
        return False
    return bool(np.mean(old[both] == new[both]) < STABLE_SHARE)
