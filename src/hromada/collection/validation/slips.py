"""Slips of the keyboard: two neighbouring digits swapped, a digit typed twice or dropped.

For a typed value, every value a slip could have come from is a candidate: each pair of
neighbouring digits exchanged (1 743 for 1 473), each doubled digit typed once, each digit
typed twice. Each candidate and the typed value are weighed by how well they fit the
hromada's own figures (`fit.Evidence`: the line's history, its complement in its whole, the
sums it belongs to). The value is flagged only when one candidate fits SLIP_RATIO (log
likelihood) better than the typed value and fits well itself: a true value rarely has a
near-twin that fits its hromada much better, so recall rises without false alarms. The
threshold was tuned on the real 2022 budgets only (docs/validation-calibration.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.fit import ADDS_UP, Evidence, FloatArray
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import ValueType

SLIP_RATIO = 6.0  # log-likelihood ratio of the best candidate over the typed value
Z_FITS = 2.5  # the candidate is within this many usual surprises of every expectation

TRANSPOSED, TWICE, DROPPED = "transposed", "twice", "dropped"


@dataclass(frozen=True)
class Slip:
    meant: float
    how: str  # TRANSPOSED, TWICE or DROPPED
    digits: str  # the digits concerned: "47" for a swap of 4 and 7, "3" for a doubled 3


def candidates(value: float, decimals: int) -> list[Slip]:
    """Every value one slip of the keyboard could have turned into `value`."""
    if not np.isfinite(value) or value == 0:
        return []
    places = max(decimals, 0)
    digits = f"{abs(value):.{places}f}".replace(".", "")
    found: dict[str, Slip] = {}

    def add(text: str, how: str, which: str) -> None:
        if text != digits and (len(text) - places <= 1 or text[0] != "0"):
            meant = float(np.copysign(int(text) / 10**places, value))
            found.setdefault(text, Slip(meant, how, which))

    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a != b:
            add(digits[:i] + b + a + digits[i + 2 :], TRANSPOSED, a + b)
        else:
            add(digits[:i] + digits[i + 1 :], TWICE, a)
    for i in range(len(digits)):
        add(digits[: i + 1] + digits[i:], DROPPED, digits[i])
    return list(found.values())


def slip_flags(data: CheckData, items: list[Item], evidence: Evidence) -> Iterator[Flag]:
    for item in items:
        indicator = item.indicator
        code = indicator.code
        if indicator.value_type == ValueType.INTEGER or code not in evidence.history:
            continue
        typed = data.panel[code][:, -1]
        as_typed = typed[:, None]
        with np.errstate(invalid="ignore"):
            cost = evidence.cost(code, as_typed)
            cost = cost + evidence.joint({code: np.zeros_like(as_typed)})
        # No candidate costs less than nothing: a value that costs no more than SLIP_RATIO
        # as typed cannot be beaten by that much, so its candidates are not worth writing.
        odd = np.nan_to_num(cost[:, 0], nan=0.0) > SLIP_RATIO
        rows = np.flatnonzero(np.isfinite(typed) & (typed != 0) & odd)
        if len(rows) == 0:
            continue
        slips = [candidates(float(typed[row]), indicator.decimals) for row in rows]
        width = max((len(s) for s in slips), default=0)
        if width == 0:
            continue
        meant = np.full((len(typed), width), np.nan)
        for row, found in zip(rows, slips, strict=True):
            meant[row, : len(found)] = [slip.meant for slip in found]
        ratio, fits = weigh(evidence, code, typed, meant)
        best = np.argmax(np.where(np.isfinite(ratio), ratio, -np.inf), axis=1)
        for index, row in enumerate(rows):
            column = int(best[row])
            if column >= len(slips[index]):
                continue
            if ratio[row, column] > SLIP_RATIO and fits[row, column]:
                slip = slips[index][column]
                message = _explain(data, evidence, code, int(row), slip, indicator.decimals)
                yield Flag(data.rows[int(row)], code, Kind.TYPO, WARNING, message)


def weigh(
    evidence: Evidence, code: str, typed: FloatArray, meant: FloatArray
) -> tuple[FloatArray, np.ndarray]:
    """How much better each candidate fits than the typed value (log-likelihood ratio),
    and whether it fits well itself."""
    column = typed[:, None]
    with np.errstate(invalid="ignore"):
        as_typed = evidence.cost(code, column) + evidence.joint({code: np.zeros_like(column)})
        moved = np.nan_to_num(meant - column)
        instead = evidence.cost(code, np.nan_to_num(meant)) + evidence.joint({code: moved})
        ratio = np.where(np.isfinite(meant), as_typed - instead, np.nan)
        fits = evidence.usual_z(code, np.nan_to_num(meant)) < Z_FITS
    return ratio, fits


def _explain(
    data: CheckData, evidence: Evidence, code: str, row: int, slip: Slip, decimals: int
) -> str:
    typed = float(data.panel[code][row, -1])
    old = float(data.panel[code][row, -2])
    numbers = {
        "new": shown(typed, decimals),
        "meant": shown(slip.meant, decimals),
        "old": shown(old, decimals),
        "first": slip.digits[0],
        "second": slip.digits[-1],
        "digit": slip.digits[0],
    }
    if slip.how == TRANSPOSED:
        text = _("Digits %(first)s and %(second)s of %(new)s may be swapped: %(meant)s fits "
                 "this hromada's figures much better.") % numbers  # fmt: skip
    elif slip.how == TWICE:
        text = _("The digit %(digit)s may be typed twice in %(new)s: %(meant)s fits this "
                 "hromada's figures much better.") % numbers  # fmt: skip
    else:
        text = _("A digit %(digit)s may be missing from %(new)s: %(meant)s fits this "
                 "hromada's figures much better.") % numbers  # fmt: skip
    if np.isfinite(old):
        text += " " + _("Last year's value was %(old)s.") % numbers
    for identity in evidence.identities:
        if code not in identity.slopes:
            continue
        off = float(identity.residual[row])
        after = off + identity.slopes[code] * (slip.meant - typed)
        if abs(off) > ADDS_UP * identity.scale and abs(after) <= ADDS_UP * identity.scale:
            numbers["off"] = shown(abs(off), decimals)
            text += " " + _("With %(meant)s the lines add up; as typed they are off by "
                            "%(off)s.") % numbers  # fmt: skip
            break
    return text + " " + _("Check it, or explain it in the comment.")
