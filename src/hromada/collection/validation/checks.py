"""The per-value checks, each vectorised over every reporting hromada at once."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from django.utils.translation import gettext as _

from hromada.collection.models import Item, ValidationRule
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.flags import ERROR, Flag, Kind
from hromada.indicators.formula import FormulaError, evaluate, parse
from hromada.indicators.formula.nodes import Binary, Expression, Ref
from hromada.indicators.models import ValueType


def _rows(mask: np.ndarray, data: CheckData) -> Iterator[tuple[int, int]]:
    for row in np.flatnonzero(mask):
        yield int(row), data.rows[int(row)]


def whole_numbers(data: CheckData, item: Item) -> Iterator[Flag]:
    indicator = item.indicator
    if indicator.value_type != ValueType.INTEGER:
        return
    values = data.panel[indicator.code][:, -1]
    fractional = np.isfinite(values) & (np.abs(values - np.round(values)) > 1e-9)
    for _row, territory in _rows(fractional, data):
        message = _("Enter a whole number.")
        yield Flag(territory, indicator.code, Kind.TYPE, ERROR, message)


def required(data: CheckData, item: Item) -> Iterator[Flag]:
    if not item.required:
        return
    code = item.indicator.code
    empty = ~np.isfinite(data.panel[code][:, -1]) & ~data.missing[code]
    for _row, territory in _rows(empty, data):
        message = _("Enter a value, or say why it is missing.")
        yield Flag(territory, code, Kind.REQUIRED, ERROR, message)


def rule_flags(data: CheckData, rule: ValidationRule, item_codes: set[str]) -> Iterator[Flag]:
    try:
        node = parse(rule.expression)
    except FormulaError:
        return
    codes = tuple(sorted(node.references()))
    part = smaller_side(node)
    anchor = part if part in item_codes else next((c for c in codes if c in item_codes), None)
    if anchor is None:
        return
    result = evaluate(node, data.panel).values[:, -1]
    for _row, territory in _rows(result == 0, data):
        yield Flag(territory, anchor, Kind.RULE, rule.severity, rule.message, codes)


def smaller_side(node: Expression) -> str | None:
    """The code on the smaller side of "part <= total" (or "total >= part"): when the rule
    fails, the part is usually the wrong cell (PIT typed larger than own revenues), so its
    error is filed there, not under the alphabetically first code."""
    if not isinstance(node, Binary) or node.op not in {"<", "<=", ">", ">="}:
        return None
    side = node.left if node.op in {"<", "<="} else node.right
    return side.code if isinstance(side, Ref) else None
