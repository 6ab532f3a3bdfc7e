"""The per-value checks, each vectorised over every reporting hromada at once."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item, ValidationRule
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.flags import ERROR, WARNING, Flag, Kind
from hromada.indicators.formula import FormulaError, evaluate, parse
from hromada.indicators.models import ValueType
from hromada.lib.decimals import display


def shown(value: float, decimals: int = 0) -> str:
    """A number in a flag's message: rounded half away from zero, never `-0,0`."""
    return display(float(value), decimals)


def _rows(mask: np.ndarray, data: CheckData) -> Iterator[tuple[int, int]]:
    for row in np.flatnonzero(mask):
        yield int(row), data.rows[int(row)]


def type_and_range(data: CheckData, item: Item) -> Iterator[Flag]:
    indicator = item.indicator
    values = data.panel[indicator.code][:, 1]
    present = np.isfinite(values)
    if indicator.value_type == ValueType.INTEGER:
        fractional = present & (np.abs(values - np.round(values)) > 1e-9)
        for _row, territory in _rows(fractional, data):
            message = _("Enter a whole number.")
            yield Flag(territory, indicator.code, Kind.TYPE, ERROR, message)
    low, high = indicator.min_value, indicator.max_value
    for bound, outside, text in (
        (low, present & (values < (low if low is not None else -np.inf)), "low"),
        (high, present & (values > (high if high is not None else np.inf)), "high"),
    ):
        for row, territory in _rows(outside, data):
            limits = {"value": shown(values[row], indicator.decimals), "unit": indicator.unit}
            limits["bound"] = shown(bound or 0.0, indicator.decimals)
            message = (
                _("%(value)s %(unit)s is below the plausible minimum of %(bound)s.") % limits
                if text == "low"
                else _("%(value)s %(unit)s is above the plausible maximum of %(bound)s.") % limits
            )
            yield Flag(territory, indicator.code, Kind.RANGE, ERROR, message)


def required(data: CheckData, item: Item) -> Iterator[Flag]:
    if not item.required:
        return
    code = item.indicator.code
    empty = ~np.isfinite(data.panel[code][:, 1]) & ~data.missing[code]
    for _row, territory in _rows(empty, data):
        message = _("Enter a value, or say why it is missing.")
        yield Flag(territory, code, Kind.REQUIRED, ERROR, message)


def change(data: CheckData, item: Item, default_threshold: float) -> Iterator[Flag]:
    code = item.indicator.code
    threshold = item.change_threshold if item.change_threshold is not None else default_threshold
    previous, current = data.panel[code][:, 0], data.panel[code][:, 1]
    comparable = np.isfinite(previous) & np.isfinite(current) & (previous != 0)
    ratio = np.divide(current, previous, out=np.ones_like(current), where=comparable)
    large = comparable & (np.abs(ratio - 1) > threshold)
    if item.indicator.value_type == ValueType.INTEGER:
        # Counts of rare events wander by chance (2 fires, then 5): a change within
        # three Poisson standard deviations of last year's count is not news.
        noise = 3 * np.sqrt(np.maximum(np.abs(np.where(comparable, previous, 1.0)), 1.0))
        large &= np.abs(np.where(comparable, current - previous, 0.0)) > noise
    for row, territory in _rows(large, data):
        decimals = item.indicator.decimals
        message = _(
            "Changed by %(change)s%% since last year (from %(old)s to %(new)s); please check "
            "the value or explain the change."
        ) % {
            "change": f"{(ratio[row] - 1) * 100:+.0f}",
            "old": shown(previous[row], decimals),
            "new": shown(current[row], decimals),
        }
        yield Flag(territory, code, Kind.CHANGE, WARNING, message)


def rule_flags(data: CheckData, rule: ValidationRule, item_codes: set[str]) -> Iterator[Flag]:
    try:
        node = parse(rule.expression)
    except FormulaError:
        return
    codes = tuple(sorted(node.references()))
    anchor = next((c for c in codes if c in item_codes), None)
    if anchor is None:
        return
    result = evaluate(node, data.panel).values[:, 1]
    for _row, territory in _rows(result == 0, data):
        yield Flag(territory, anchor, Kind.RULE, rule.severity, rule.message, codes)
