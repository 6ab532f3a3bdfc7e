"""Year-over-year checks calibrated on what is normal for this indicator in this year.

A change is judged on the log ratio r = log(|this year| / |last year|), so a fall to half
weighs exactly as much as a rise to double. The same indicator's changes across every
reporting hromada that year give the yardstick: their median and median absolute deviation
(MAD, robust: a few wild values cannot widen it), taken separately for small and large
bases (a line of 3 thousand UAH moves far more than one of 300 million), after taking out
what happened to the hromada as a whole (the median change of its other lines). A change is news
when it is far from that distribution (|z| > Z_CHANGE), beyond MIN_CHANGE, further than
the hromada's own past changes went, and, for counts, beyond Poisson noise.

The same pass names what a wrong value looks like: about 1,000 times or a thousandth of
last year (units: UAH for thousand UAH), the opposite sign, or two digits transposed
(transposing two neighbouring digits gives a usual change), or a line that fell to or rose
from zero at a size a typical hromada reports. Thresholds were tuned on the
real 2021-2022 budgets and are reported on 2023 in docs/validation-calibration.md.
With too few hromadas to know what is normal (fewer than MIN_HROMADAS), the campaign's
threshold is used instead; an item's own threshold always wins.
"""

from __future__ import annotations

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

Z_CHANGE = 8.0  # robust z-score beyond which a change is news
Z_TYPO = 3.0  # a smaller z is enough when transposing two digits explains the value
MIN_CHANGE = float(np.log(1.25))  # a change within ±25 % is never news
MIN_TYPO = float(np.log(1.15))  # nor a typo within ±15 % of the expected value
MIN_LINES = 4  # lines of one hromada needed to know how the hromada as a whole changed
MIN_HROMADAS = 30  # comparable hromadas needed to know what is normal
SIZE_BINS = 4  # small to large bases, each with its own spread
MAD_SCALE = 1.4826
MIN_SPREAD = 0.02  # a floor for the spread of very stable indicators (population)
ZERO_SHARE = 3.0  # to or from zero is news from this share of the median reported amount
SCALE_LOW, SCALE_HIGH = 10**2.5, 10**3.5  # "about 1,000 times"


@dataclass(frozen=True)
class Changes:
    """Log ratios of one indicator between two years and their robust z-scores."""

    ratio: FloatArray  # log(|new| / |old|), NaN where not comparable
    z: FloatArray  # NaN where not comparable or the yardstick is unknown
    centre: FloatArray  # the median change of each row's size bin


def log_ratios(old: FloatArray, new: FloatArray) -> FloatArray:
    comparable = np.isfinite(old) & np.isfinite(new) & (old != 0) & (new != 0)
    ratio = np.full(old.shape, np.nan)
    ratio[comparable] = np.log(np.abs(new[comparable]) / np.abs(old[comparable]))
    return ratio


def hromada_shifts(data: CheckData, codes: list[str], column: int = -1) -> FloatArray:
    """Per hromada, the median change of all its lines between `column - 1` and `column`:
    what happened to the hromada as a whole (a war, a merger, a new factory). One line
    against its own hromada's other lines is a far sharper test than against the country,
    and a median of several lines is not moved by the one wrong line."""
    if not codes:
        return np.zeros(len(data.rows))
    ratios = np.column_stack(
        [log_ratios(data.panel[c][:, column - 1], data.panel[c][:, column]) for c in codes]
    )
    enough = np.isfinite(ratios).sum(axis=1) >= MIN_LINES
    shifts = np.zeros(len(data.rows))
    if enough.any():
        shifts[enough] = np.nanmedian(ratios[enough], axis=1)
    return shifts


def changes(old: FloatArray, new: FloatArray, shift: FloatArray | None = None) -> Changes:
    ratio = log_ratios(old, new)
    comparable = np.isfinite(ratio)
    if shift is not None:
        ratio = ratio - shift
    z, centre = np.full(old.shape, np.nan), np.full(old.shape, np.nan)
    usable = np.flatnonzero(comparable & (np.sign(old) == np.sign(new)))
    if len(usable) < MIN_HROMADAS:
        return Changes(ratio, z, centre)
    size = np.log(np.abs(old[usable]))
    bins = min(SIZE_BINS, len(usable) // MIN_HROMADAS)
    edges = np.quantile(size, np.linspace(0, 1, bins + 1)[1:-1])
    which = np.searchsorted(edges, size)
    for group in range(bins):
        members = usable[which == group]
        if len(members) == 0:  # tied sizes can leave a bin empty
            continue
        middle = float(np.median(ratio[members]))
        spread = float(np.median(np.abs(ratio[members] - middle))) * MAD_SCALE
        z[members] = (ratio[members] - middle) / max(spread, MIN_SPREAD)
        centre[members] = middle
    return Changes(ratio, z, centre)


def change_flags(
    data: CheckData, item: Item, default_threshold: float, shifts: list[FloatArray]
) -> Iterator[Flag]:
    """`shifts` are `hromada_shifts` of each pair of neighbouring years, oldest first."""
    indicator = item.indicator
    code, decimals = indicator.code, indicator.decimals
    series = data.panel[code]
    old, new = series[:, -2], series[:, -1]
    now = changes(old, new, shifts[-1])
    news = _news(now, series, item, default_threshold, shifts)
    if indicator.value_type == ValueType.INTEGER:
        # Counts of rare events wander by chance (2 fires, then 5): a change within
        # three Poisson standard deviations of last year's count is not news.
        noise = 3 * np.sqrt(np.maximum(np.abs(np.nan_to_num(old, nan=1.0)), 1.0))
        news &= np.abs(np.nan_to_num(new - old)) > noise
    yield from _to_or_from_zero(data, code, decimals, old, new)
    for row in np.flatnonzero(np.isfinite(now.ratio)):
        expected = float(now.centre[row] + shifts[-1][row])
        flag = _explain(data.rows[int(row)], code, decimals, indicator.unit, float(old[row]),
                        float(new[row]), bool(news[row]), float(now.z[row]), expected)  # fmt: skip
        if flag is not None:
            yield flag


def _to_or_from_zero(
    data: CheckData, code: str, decimals: int, old: FloatArray, new: FloatArray
) -> Iterator[Flag]:
    """A line that fell to zero or rose from zero, when the amount is at least what a
    typical hromada reports for it: a tax that vanished is usually a cell left at 0 or two
    columns swapped; a small fee that stopped is normal."""
    both = np.isfinite(old) & np.isfinite(new)
    reported = np.abs(new[both & (new != 0)])
    if len(reported) < MIN_HROMADAS:
        return
    typical = float(np.median(reported)) * ZERO_SHARE
    vanished = both & (new == 0) & (np.abs(np.nan_to_num(old)) >= typical)
    appeared = both & (old == 0) & (np.abs(np.nan_to_num(new)) >= typical)
    for row in np.flatnonzero(vanished | appeared):
        numbers = {"old": shown(float(old[row]), decimals), "new": shown(float(new[row]), decimals)}
        message = (
            _("This year's value is 0, while last year's was %(old)s; check it, or explain it "
              "in the comment.")
            if vanished[row]
            else _("Last year's value was 0, and this year's is %(new)s; check it, or explain "
                   "it in the comment.")
        ) % numbers  # fmt: skip
        yield Flag(data.rows[int(row)], code, Kind.YOY, WARNING, message)


def _news(
    now: Changes, series: FloatArray, item: Item, default: float, shifts: list[FloatArray]
) -> npt.NDArray[np.bool_]:
    # A threshold is about the change as typed; the calibrated test about the change
    # beyond what the hromada's other lines did.
    typed = np.abs(np.nan_to_num(log_ratios(series[:, -2], series[:, -1])))
    if item.change_threshold is not None:
        return np.asarray(typed > np.log1p(item.change_threshold), dtype=bool)
    known = np.isfinite(now.z)
    if not known.any():
        return np.asarray(typed > np.log1p(default), dtype=bool)
    size = np.abs(np.nan_to_num(now.ratio))
    news = known & (np.abs(np.nan_to_num(now.z)) > Z_CHANGE) & (size > MIN_CHANGE)
    # The hromada's own history: a line that swung as far in an earlier year (a one-off
    # sale of land, a grant) is not news when it swings again.
    for year in range(series.shape[1] - 2):
        before = changes(series[:, year], series[:, year + 1], shifts[year])
        swung = np.abs(np.nan_to_num(before.z)) >= np.abs(np.nan_to_num(now.z))
        news &= ~(swung & (np.sign(np.nan_to_num(before.z)) == np.sign(np.nan_to_num(now.z))))
    return news


def _explain(
    territory: int, code: str, decimals: int, unit: str, old: float, new: float, news: bool,
    z: float, expected: float,
) -> Flag | None:  # fmt: skip
    numbers = {"old": shown(old, decimals), "new": shown(new, decimals), "unit": unit}
    if np.sign(old) != np.sign(new):
        message = _(
            "%(new)s has the opposite sign to last year's %(old)s; check the minus sign, or "
            "explain it in the comment (for example refunds larger than receipts)."
        ) % numbers  # fmt: skip
        return Flag(territory, code, Kind.SIGN, WARNING, message)
    factor = abs(new / old)
    if (SCALE_LOW <= factor <= SCALE_HIGH or SCALE_LOW <= 1 / factor <= SCALE_HIGH) and (
        news or not np.isfinite(z) or abs(z) > Z_TYPO
    ):
        numbers["factor"] = shown(factor, 0) if factor > 1 else shown(1 / factor, 0)
        message = (
            _("%(new)s is about %(factor)s times last year's %(old)s: was it entered in "
              "smaller units than %(unit)s (UAH instead of thousand UAH)?")
            if factor > 1
            else _("%(new)s is about 1/%(factor)s of last year's %(old)s: was it entered in "
                   "larger units than %(unit)s (million UAH instead of thousand UAH)?")
        ) % numbers  # fmt: skip
        return Flag(territory, code, Kind.SCALE, WARNING, message)
    if np.isfinite(z) and abs(z) > Z_TYPO and abs(np.log(factor) - expected) > MIN_TYPO:
        meant = transposed(new, decimals, old, expected)
        if meant is not None:
            numbers["meant"] = shown(meant, decimals)
            message = _(
                "%(new)s is an unusual change from last year's %(old)s; did you mean %(meant)s "
                "(two digits swapped)? Check it, or explain it in the comment."
            ) % numbers  # fmt: skip
            return Flag(territory, code, Kind.TYPO, WARNING, message)
    if not news:
        return None
    numbers["change"] = f"{(factor - 1) * 100:+.0f}"
    numbers["usual"] = f"{(np.exp(expected) - 1) * 100:+.0f}" if np.isfinite(expected) else "?"
    message = (
        _("Changed by %(change)s%% since last year (from %(old)s to %(new)s), while about "
          "%(usual)s%% was expected from this line elsewhere and this hromada's other lines; "
          "check the value, or explain the change in the comment.")
        if np.isfinite(expected)
        else _("Changed by %(change)s%% since last year (from %(old)s to %(new)s); check the "
               "value, or explain the change in the comment.")
    ) % numbers  # fmt: skip
    return Flag(territory, code, Kind.YOY, WARNING, message)


def transposed(value: float, decimals: int, old: float, expected: float) -> float | None:
    """The value with two neighbouring digits swapped that is closest to a usual change
    from last year, when one is within 10 % of it; else None."""
    text = f"{abs(value):.{max(decimals, 0)}f}"
    target = abs(old) * float(np.exp(expected))
    best: float | None = None
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a == b or not (a.isdigit() and b.isdigit()):
            continue
        candidate = float(text[:i] + b + a + text[i + 2 :])
        near = candidate > 0 and abs(np.log(candidate / target)) < np.log(1.1)
        if near and (best is None or abs(candidate - target) < abs(best - target)):
            best = candidate
    return None if best is None else float(np.copysign(best, value))
