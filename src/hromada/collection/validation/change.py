"""Year-over-year checks calibrated on what is normal for this indicator in this year.

A change is judged on the log ratio r = log(|this year| / |last year|), so a fall to half
weighs exactly as much as a rise to double. The same indicator's changes across every
reporting hromada that year give the yardstick: their median and median absolute deviation
(MAD, robust: a few wild values cannot widen it), taken separately for small and large
bases (a line of 3 thousand UAH moves far more than one of 300 million), after taking out
what happened to the hromada as a whole (the median change of its other lines), as far as
this line follows it (`line_shift`). A change is news
when it is far from that distribution (|z| > Z_CHANGE), beyond MIN_CHANGE, further than
the hromada's own past changes went, and, for counts, beyond Poisson noise.

The same pass names what a wrong value looks like: about 1,000 times or a thousandth of
last year (units: UAH for thousand UAH), the opposite sign, or a line that fell to or rose
from zero at ten times the size a typical hromada reports. Slips of the keyboard (digits
swapped, doubled, dropped) are found by `slips`, two values typed into each other's fields
by `swaps`, both weighing the hromada's own figures (`fit`). Thresholds were tuned on the
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
from hromada.collection.validation.fit import Evidence
from hromada.collection.validation.flags import WARNING, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import ValueType

FloatArray = npt.NDArray[np.float64]

Z_CHANGE = 8.0  # robust z-score beyond which a change is news
Z_TYPO = 4.0  # a smaller z is enough when dividing by 1,000 explains the value
MIN_CHANGE = float(np.log(1.25))  # a change within ±25 % is never news
Z_OWN = 4.0  # and the change is beyond this many spreads of what the hromada's figures predict
SCALE_FIT = 2.5  # divided back by 1,000, the change is within this many spreads of the usual
SIGN_SIZE = 4.0  # an opposite sign is a typed minus when the size is within this factor
MIN_LINES = 4  # lines of one hromada needed to know how the hromada as a whole changed
MIN_HROMADAS = 30  # comparable hromadas needed to know what is normal
SIZE_BINS = 4  # small to large bases, each with its own spread
MAD_SCALE = 1.4826
MIN_SPREAD = 0.02  # a floor for the spread of very stable indicators (population)
USUAL_ZERO = 0.05  # a fall to (or rise from) zero in over 5 % of large lines is this year's norm
ZERO_SHARE = 10.0  # to or from zero is news from this share of the median reported amount
SHIFT_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)  # how far a line follows its hromada's change
SCALE_LOW, SCALE_HIGH = 10**2.5, 10**3.5  # "about 1,000 times"


@dataclass(frozen=True)
class Changes:
    """Log ratios of one indicator between two years and their robust z-scores."""

    ratio: FloatArray  # log(|new| / |old|), NaN where not comparable
    z: FloatArray  # NaN where not comparable or the yardstick is unknown
    centre: FloatArray  # the median change of each row's size bin
    spread: FloatArray  # the robust spread of the changes in each row's size bin


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


def line_shift(old: FloatArray, new: FloatArray, shift: FloatArray) -> FloatArray:
    """How much of the hromada's overall change this line follows. A small fee moves with
    the hromada's economy; the basic subsidy is set by a formula and does not; the total
    follows it in part. The weight in SHIFT_WEIGHTS that leaves the least spread (MAD) of
    this line's changes across hromadas this year is taken: learned from the year's own
    data, no labels needed."""
    ratio = log_ratios(old, new)
    usable = np.isfinite(ratio) & (np.sign(old) == np.sign(new))
    if usable.sum() < MIN_HROMADAS:
        return shift
    best, least = 1.0, np.inf
    for weight in SHIFT_WEIGHTS:
        moved = ratio[usable] - weight * shift[usable]
        spread = float(np.median(np.abs(moved - np.median(moved))))
        if spread < least - 1e-12:
            best, least = weight, spread
    return best * shift


def changes(old: FloatArray, new: FloatArray, shift: FloatArray | None = None) -> Changes:
    ratio = log_ratios(old, new)
    comparable = np.isfinite(ratio)
    if shift is not None:
        ratio = ratio - shift
    z, centre = np.full(old.shape, np.nan), np.full(old.shape, np.nan)
    spreads = np.full(old.shape, np.nan)
    usable = np.flatnonzero(comparable & (np.sign(old) == np.sign(new)))
    if len(usable) < MIN_HROMADAS:
        return Changes(ratio, z, centre, spreads)
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
        spreads[members] = max(spread, MIN_SPREAD)
    return Changes(ratio, z, centre, spreads)


def change_flags(
    data: CheckData, item: Item, default_threshold: float, shifts: list[FloatArray],
    evidence: Evidence | None = None,
) -> Iterator[Flag]:  # fmt: skip
    """`shifts` are `hromada_shifts` of each pair of neighbouring years, oldest first.
    With `evidence`, a change is news only when the hromada's own figures cannot explain
    it either (see `Z_OWN`)."""
    indicator = item.indicator
    code, decimals = indicator.code, indicator.decimals
    series = data.panel[code]
    old, new = series[:, -2], series[:, -1]
    shift = line_shift(old, new, shifts[-1])
    now = changes(old, new, shift)
    news = _news(now, series, item, default_threshold, shifts)
    if evidence is not None and code in evidence.history and item.change_threshold is None:
        # Own revenues that rose with the total, a line that kept its share of its whole,
        # a trend of two years: the hromada's own figures explain the change, so it is
        # not news, however unusual it is across the country.
        news &= evidence.fit_z(code, np.nan_to_num(new)) > Z_OWN
        summed = evidence.sum_of_its_parts(code)
        if len(summed):
            news &= ~summed
    if indicator.value_type == ValueType.INTEGER:
        # Counts of rare events wander by chance (2 fires, then 5): a change within
        # three Poisson standard deviations of last year's count is not news.
        noise = 3 * np.sqrt(np.maximum(np.abs(np.nan_to_num(old, nan=1.0)), 1.0))
        news &= np.abs(np.nan_to_num(new - old)) > noise
    yield from _to_or_from_zero(data, code, decimals, old, new)
    for row in np.flatnonzero(np.isfinite(now.ratio)):
        expected = float(now.centre[row] + shift[row])
        flag = _explain(data.rows[int(row)], code, decimals, indicator.unit, float(old[row]),
                        float(new[row]), bool(news[row]), float(now.z[row]), expected,
                        float(now.spread[row]))  # fmt: skip
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
    large_before = both & (np.abs(np.nan_to_num(old)) >= typical)
    large_now = both & (np.abs(np.nan_to_num(new)) >= typical)
    vanished = large_before & (new == 0)
    appeared = large_now & (old == 0)
    # When many hromadas' line fell to zero this year (a fund closed by law), one more
    # is not news; likewise for a line that appeared in many.
    if vanished.sum() > USUAL_ZERO * max(large_before.sum(), 1):
        vanished[:] = False
    if appeared.sum() > USUAL_ZERO * max(large_now.sum(), 1):
        appeared[:] = False
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
        earlier, later = series[:, year], series[:, year + 1]
        before = changes(earlier, later, line_shift(earlier, later, shifts[year]))
        swung = np.abs(np.nan_to_num(before.z)) >= np.abs(np.nan_to_num(now.z))
        news &= ~(swung & (np.sign(np.nan_to_num(before.z)) == np.sign(np.nan_to_num(now.z))))
    return news


def _explain(
    territory: int, code: str, decimals: int, unit: str, old: float, new: float, news: bool,
    z: float, expected: float, spread: float,
) -> Flag | None:  # fmt: skip
    numbers = {"old": shown(old, decimals), "new": shown(new, decimals), "unit": unit}
    factor = abs(new / old)
    if np.sign(old) != np.sign(new) and 1 / SIGN_SIZE <= factor <= SIGN_SIZE:
        # A minus typed by mistake keeps the size; a small negative after a positive
        # year is refunds exceeding receipts, which the range check already shows.
        message = _(
            "%(new)s has the opposite sign to last year's %(old)s; check the minus sign, or "
            "explain it in the comment (for example refunds larger than receipts)."
        ) % numbers  # fmt: skip
        return Flag(territory, code, Kind.SIGN, WARNING, message)
    if np.sign(old) != np.sign(new):
        return None
    if _looks_scaled(factor, news, z, expected, spread):
        numbers["factor"] = shown(factor, 0) if factor > 1 else shown(1 / factor, 0)
        message = (
            _("%(new)s is about %(factor)s times last year's %(old)s: was it entered in "
              "smaller units than %(unit)s (UAH instead of thousand UAH)?")
            if factor > 1
            else _("%(new)s is about 1/%(factor)s of last year's %(old)s: was it entered in "
                   "larger units than %(unit)s (million UAH instead of thousand UAH)?")
        ) % numbers  # fmt: skip
        return Flag(territory, code, Kind.SCALE, WARNING, message)
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


def _looks_scaled(factor: float, news: bool, z: float, expected: float, spread: float) -> bool:
    """About 1,000 times or a thousandth of last year's value; or further off than that,
    when the value times (or divided by) 1,000 would be a usual change for this line (a
    volatile line that also fell this year, typed in million UAH)."""
    thousand = SCALE_LOW <= factor <= SCALE_HIGH or SCALE_LOW <= 1 / factor <= SCALE_HIGH
    if thousand and (news or not np.isfinite(z) or abs(z) > Z_TYPO):
        return True
    if not (np.isfinite(z) and abs(z) > Z_TYPO and max(factor, 1 / factor) >= SCALE_LOW):
        return False
    corrected = np.log(factor) - np.copysign(np.log(1000.0), np.log(factor))
    return bool(abs(corrected - expected) < SCALE_FIT * spread)
