"""The values for women and men of a by-sex indicator: each a plausible number, together the total.

Rule: the official enters the total and, where known, the values for women and for men. When
both parts are numbers and the total is a number, women + men must equal the total (within
half of the indicator's last decimal place). A part is never larger than the total, is
within the indicator's plausible range, and is whole for a count. A part given alone asks for
the other one (a number, or a reason why it is missing), and parts ask for the total.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item
from hromada.collection.validation.data import SEXES, CheckData
from hromada.collection.validation.flags import ERROR, Flag, Kind
from hromada.indicators.limits import shown
from hromada.indicators.models import ValueType


def _messages(sex: str) -> dict[str, str]:
    if sex == "f":
        return {
            "whole": _("Enter a whole number for women."),
            "low": _("The value for women (%(value)s) is below the plausible minimum of "
                     "%(bound)s."),
            "high": _("The value for women (%(value)s) is above the plausible maximum of "
                      "%(bound)s."),
            "total": _("The value for women (%(value)s) is larger than the total (%(bound)s)."),
            "other": _("Enter the value for men too, or say why it is missing."),
        }  # fmt: skip
    return {
        "whole": _("Enter a whole number for men."),
        "low": _("The value for men (%(value)s) is below the plausible minimum of %(bound)s."),
        "high": _("The value for men (%(value)s) is above the plausible maximum of %(bound)s."),
        "total": _("The value for men (%(value)s) is larger than the total (%(bound)s)."),
        "other": _("Enter the value for women too, or say why it is missing."),
    }


def tolerance(decimals: int) -> float:
    """How far women + men may be from the total: half of the last shown decimal place."""
    return 0.5 * 10.0 ** (-max(decimals, 0)) + 1e-9


def split_flags(data: CheckData, item: Item) -> Iterator[Flag]:
    indicator = item.indicator
    code, decimals = indicator.code, indicator.decimals
    if (code, "f") not in data.parts:
        return
    total = data.panel[code][:, -1]
    given = {sex: np.isfinite(data.parts[(code, sex)]) for sex in SEXES}
    answered = {sex: given[sex] | data.parts_missing[(code, sex)] for sex in SEXES}
    for sex, other in (("f", "m"), ("m", "f")):
        values, text = data.parts[(code, sex)], _messages(sex)
        for row in np.flatnonzero(given[sex]):
            territory, value = data.rows[int(row)], float(values[row])
            problems = []
            if indicator.value_type == ValueType.INTEGER and abs(value - round(value)) > 1e-9:
                problems.append(text["whole"])
            for key, bound in (("low", indicator.min_value), ("high", indicator.max_value)):
                if bound is not None and (value < bound if key == "low" else value > bound):
                    numbers = {"value": shown(value, decimals), "bound": shown(bound, decimals)}
                    problems.append(text[key] % numbers)
            if np.isfinite(total[row]) and value > total[row] + tolerance(decimals):
                numbers = {"value": shown(value, decimals), "bound": shown(total[row], decimals)}
                problems.append(text["total"] % numbers)
            if not answered[other][row]:
                problems.append(text["other"])
            for message in problems:
                yield Flag(territory, code, Kind.SPLIT, ERROR, message, sex=sex)
    both = given["f"] & given["m"]
    parts_sum = np.where(both, data.parts[(code, "f")] + data.parts[(code, "m")], 0.0)
    for row in np.flatnonzero(both & ~np.isfinite(total) & ~data.missing[code]):
        message = _("Enter the total too: it is the value for women plus the value for men.")
        yield Flag(data.rows[int(row)], code, Kind.SPLIT, ERROR, message)
    off = both & np.isfinite(total)
    off &= np.abs(parts_sum - np.where(off, total, 0.0)) > tolerance(decimals)
    for row in np.flatnonzero(off):
        numbers = {
            "sum": shown(float(parts_sum[row]), decimals),
            "total": shown(float(total[row]), decimals),
        }
        message = (
            _(
                "Women and men add up to %(sum)s, but the total is %(total)s; correct one of the "
                "three values."
            )
            % numbers
        )
        yield Flag(data.rows[int(row)], code, Kind.SPLIT, ERROR, message)
