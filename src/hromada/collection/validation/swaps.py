"""Two values of one questionnaire answered in each other's fields (swapped columns).

Each value alone may look possible; the pair gives it away. For each PAIRS_APART-near pair
of lines A and B of the questionnaire, the cost of the values as typed (how badly each fits
its hromada's own figures, `fit.Evidence`: the line's history, its complement in its whole,
the sums it belongs to) is compared with the cost of the two exchanged back. When exchanging
them fits SWAP_RATIO (log likelihood) better, and each value fits the other's line well
(within Z_FITS of each expectation, counted in that series' usual surprise), both cells
are flagged with the values the official probably meant. Zeros take part (a tax typed into
the empty neighbouring field is a common slip). The ratio was tuned on the real 2022
budgets only (docs/validation-calibration.md).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.fit import Evidence, FloatArray
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import Indicator, ValueType

SWAP_RATIO = 4.0  # log-likelihood ratio of the exchanged pair over the pair as typed
Z_FITS = 2.5  # each value exchanged back, within this many usual surprises (`usual_z`)
PAIRS_APART = 1  # lines at most this far apart in the questionnaire are tested as a pair


def swapped_flags(data: CheckData, items: list[Item], evidence: Evidence) -> Iterator[Flag]:
    """Flags on both cells of each pair that looks swapped."""
    amounts = [
        i.indicator
        for i in items
        if i.indicator.value_type != ValueType.INTEGER and i.indicator.code in evidence.history
    ]
    for i, first in enumerate(amounts):
        for second in amounts[i + 1 : i + 1 + PAIRS_APART]:
            yield from _pair(data, evidence, first, second)


def exchange_ratio(data: CheckData, evidence: Evidence, a: str, b: str) -> FloatArray:
    """Per hromada, how much better (log likelihood) lines a and b fit exchanged back."""
    new_a, new_b = data.panel[a][:, -1], data.panel[b][:, -1]
    with np.errstate(invalid="ignore"):
        still = np.zeros_like(new_a)
        typed = evidence.cost(a, new_a) + evidence.cost(b, new_b)
        typed = typed + evidence.joint({a: still, b: still})
        back = evidence.cost(a, np.nan_to_num(new_b)) + evidence.cost(b, np.nan_to_num(new_a))
        moves = {a: np.nan_to_num(new_b - new_a), b: np.nan_to_num(new_a - new_b)}
        return np.asarray(typed - back - evidence.joint(moves), dtype=np.float64)


def _pair(
    data: CheckData, evidence: Evidence, first: Indicator, second: Indicator
) -> Iterator[Flag]:
    a, b = first.code, second.code
    new_a, new_b = data.panel[a][:, -1], data.panel[b][:, -1]
    ratio = exchange_ratio(data, evidence, a, b)
    with np.errstate(invalid="ignore"):
        fits = (evidence.usual_z(a, np.nan_to_num(new_b)) < Z_FITS) & (
            evidence.usual_z(b, np.nan_to_num(new_a)) < Z_FITS
        )
        swapped = (
            np.isfinite(new_a) & np.isfinite(new_b) & (new_a != new_b)
            & (ratio > SWAP_RATIO) & fits
        )  # fmt: skip
    for row in np.flatnonzero(swapped):
        numbers = {
            "first": first.name or a,
            "second": second.name or b,
            "first_value": shown(float(new_a[row]), first.decimals),
            "second_value": shown(float(new_b[row]), second.decimals),
            "first_old": shown(float(data.panel[a][row, -2]), first.decimals),
            "second_old": shown(float(data.panel[b][row, -2]), second.decimals),
        }
        message = _(
            "“%(first)s” (%(first_value)s) and “%(second)s” (%(second_value)s) look "
            "entered in each other's fields: last year they were %(first_old)s and "
            "%(second_old)s. Check whether the two values were swapped, or explain them "
            "in the comment."
        ) % numbers  # fmt: skip
        yield Flag(data.rows[int(row)], a, Kind.SWAP, WARNING, message, (a, b))
