"""Whether one value is possible and plausible for an indicator of the catalogue.

Each indicator has two pairs of bounds. Outside `hard_min`/`hard_max` a value cannot be true
(a negative count, a share over 100 %): it is refused. Outside the plausible range
`min_value`/`max_value` it is unusual (a negative revenue line, net of refunds): a warning
the official confirms with a comment and the analyst accepts on review. The file import
refuses impossible values; the campaign checks (`hromada.collection.validation`) also warn
about unusual ones.
"""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import gettext as _

from hromada.lib.decimals import display


def shown(value: float, decimals: int = 0) -> str:
    """A number in a check's message, by the one display rule (rounded, never `-0`)."""
    return display(float(value), decimals)


class Bounds(Protocol):
    """An Indicator, or anything that carries its unit, decimals and bounds."""

    @property
    def unit(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def min_value(self) -> float | None: ...
    @property
    def max_value(self) -> float | None: ...
    @property
    def hard_min(self) -> float | None: ...
    @property
    def hard_max(self) -> float | None: ...


def _numbers(indicator: Bounds, value: float, bound: float) -> dict[str, str]:
    """The parts of a message, formatted only once there is a message to write: a file
    import checks every value, and formatting each cost a third of its time."""
    return {
        "unit": indicator.unit,
        "value": shown(value, indicator.decimals),
        "bound": shown(bound, indicator.decimals),
    }


def impossible(indicator: Bounds, value: float) -> str:
    """Why `value` cannot be true for this indicator, or "" when it can."""
    if indicator.hard_min is not None and value < indicator.hard_min:
        numbers = _numbers(indicator, value, indicator.hard_min)
        return _("%(value)s %(unit)s is impossible: the value cannot be below %(bound)s.") % numbers
    if indicator.hard_max is not None and value > indicator.hard_max:
        numbers = _numbers(indicator, value, indicator.hard_max)
        return _("%(value)s %(unit)s is impossible: the value cannot be above %(bound)s.") % numbers
    return ""


def unusual(indicator: Bounds, value: float) -> str:
    """Why `value` is outside the plausible range, or "" when it is inside."""
    if indicator.min_value is not None and value < indicator.min_value:
        numbers = _numbers(indicator, value, indicator.min_value)
        return _(
            "%(value)s %(unit)s is below the plausible minimum of %(bound)s; check it, or "
            "explain it in the comment."
        ) % numbers  # fmt: skip
    if indicator.max_value is not None and value > indicator.max_value:
        numbers = _numbers(indicator, value, indicator.max_value)
        return _(
            "%(value)s %(unit)s is above the plausible maximum of %(bound)s; check it, or "
            "explain it in the comment."
        ) % numbers  # fmt: skip
    return ""
