"""Values at an indicator's decimals: one rounding rule for storing, comparing and showing.

A value is a float in the database, but what a person enters is a decimal with a fixed
number of places (the indicator's `decimals`). Floats made by arithmetic (`7354.1 * 1`,
`x * 0.001`) carry binary noise such as `7354.099999999999`; rounding every value to its
decimals, half away from zero as people round, makes the same decimal always the same
float, so it is never a "change", and prints back as it was entered.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format, number_format

# Decimal's ROUND_HALF_UP rounds halves away from zero: 2.5 -> 3, -2.5 -> -3.
_STEPS = [Decimal(1).scaleb(-places) for places in range(16)]


def as_decimal(value: float, decimals: int) -> Decimal:
    """The decimal a float stands for, at `decimals` places; never a negative zero.

    `repr` is the shortest text that reads back as the same float, so the float's binary
    noise does not decide how a half rounds (`2.675` is 2.68, not 2.67).
    """
    step = _STEPS[min(max(decimals, 0), len(_STEPS) - 1)]
    exact = Decimal(repr(float(value)))
    try:
        rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than a Decimal context holds: far beyond any statistic
        rounded = exact
    return rounded.copy_abs() if rounded.is_zero() else rounded


def at_decimals(value: float | None, decimals: int) -> float | None:
    """The float stored for a value of an indicator with `decimals` places."""
    if value is None or not math.isfinite(value):
        return value
    # Fast path (it runs for every value written): a float that `round` leaves alone is the
    # float of a decimal with `decimals` places already. Ties and noise take the exact path.
    if value == round(value, decimals):
        return value + 0.0  # -0.0 becomes 0.0
    return float(as_decimal(value, decimals))


def same_value(left: float | None, right: float | None, decimals: int) -> bool:
    """Whether two values are the same decimal at `decimals` places (None only equals None)."""
    if left is None or right is None:
        return left is right
    return at_decimals(left, decimals) == at_decimals(right, decimals)


def plain_text(value: float, decimals: int) -> str:
    """The value as entered, for files: `5765.9`, `12345`, `-0.5`; no exponent, no noise."""
    text = format(as_decimal(value, decimals), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def display(value: float, decimals: int) -> str:
    """`1 234,5` in Ukrainian, `1,234.5` in English: rounded half away from zero, never
    truncated, never `-0`."""
    return str(
        number_format(
            as_decimal(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
        )
    )


def display_all(values: Iterable[float], decimals: int) -> list[str]:
    """`display` of many values (a ranking's 1,469): the same text, with the active
    language's separators looked up once instead of once per value."""
    grouping = get_format("NUMBER_GROUPING", use_l10n=True)
    if grouping != 3:  # another grouping rule than thousands: the general path
        return [display(value, decimals) for value in values]
    point = str(get_format("DECIMAL_SEPARATOR", use_l10n=True))
    thousands = str(get_format("THOUSAND_SEPARATOR", use_l10n=True))
    places = min(max(decimals, 0), len(_STEPS) - 1)
    found = []
    for value in values:
        text = f"{as_decimal(value, decimals):,.{places}f}"
        found.append(text.replace(",", "\0").replace(".", point).replace("\0", thousands))
    return found
