"""Evaluate a formula over a whole panel at once, with NumPy, never cell by cell.

Missing (NaN) in, missing out. A zero denominator gives a missing value and is flagged.
Comparisons give 1.0 / 0.0 / NaN; `and` / `or` follow three-valued (Kleene) logic, in
which a missing operand decides nothing unless the other operand already decides.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from hromada.indicators.formula.graph import dependency_order
from hromada.indicators.formula.nodes import (
    COMPARISONS,
    Binary,
    Call,
    Lag,
    Negate,
    Node,
    Number,
    Ref,
)
from hromada.indicators.formula.panel import BoolArray, FloatArray, Panel
from hromada.indicators.formula.parser import parse

_ARITHMETIC: dict[str, Callable[[FloatArray, FloatArray], FloatArray]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
_COMPARE: dict[str, Callable[[FloatArray, FloatArray], BoolArray]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class EvaluationResult:
    """`values` of the formula (rows x years, NaN for missing), and `division_by_zero`:
    the cells that are missing although a division met a zero denominator with its
    numerator present, i.e. where dividing by zero is the reason there is no value."""

    values: FloatArray
    division_by_zero: BoolArray


def evaluate(formula: str | Node, panel: Panel) -> EvaluationResult:
    """The formula in every row and year of `panel`.

    A code the panel has no values for at all counts as missing everywhere (check the
    codes when the formula is saved, with check_formula).
    """
    node = parse(formula) if isinstance(formula, str) else formula
    evaluator = _Evaluator(panel)
    with np.errstate(all="ignore"):
        values = np.array(evaluator.run(node), dtype=np.float64)
    return EvaluationResult(values, evaluator.zero_denominator & np.isnan(values))


def evaluate_aggregate(formula: str | Node, group_panel: Panel) -> EvaluationResult:
    """The formula for groups, from inputs already aggregated per group (see aggregate_panel).

    Evaluating `a / b` on group sums gives the ratio of sums (the group's own rate), not the
    mean of the members' ratios.
    """
    return evaluate(formula, group_panel)


def evaluate_derived(
    formulas: Mapping[str, str | Node], panel: Panel
) -> tuple[Panel, dict[str, EvaluationResult]]:
    """Every derived indicator of `formulas`, each computed after those it uses.

    Returns the panel with the derived values added (so later formulas read them) and each
    indicator's result. Raises FormulaError on a cycle or an unreadable formula.
    """
    results: dict[str, EvaluationResult] = {}
    for code in dependency_order(formulas):
        results[code] = evaluate(formulas[code], panel)
        panel = panel.with_values(code, results[code].values)
    return panel, results


class _Evaluator:
    def __init__(self, panel: Panel) -> None:
        self.panel = panel
        self.zero_denominator = np.zeros(panel.shape, dtype=np.bool_)

    def run(self, node: Node) -> FloatArray:
        match node:
            case Number(value):
                return np.full(self.panel.shape, value)
            case Ref(code):
                return self.values(code)
            case Lag(code, years):
                return _shifted(self.values(code), years)
            case Negate(operand):
                return -self.run(operand)
            case Binary(op, left, right):
                return self.binary(op, self.run(left), self.run(right))
            case Call(name, args):
                return _CALLS[name]([self.run(arg) for arg in args])
        raise TypeError(f"not a formula node: {node!r}")

    def values(self, code: str) -> FloatArray:
        return self.panel.data[code] if code in self.panel else self.panel.missing()

    def binary(self, op: str, left: FloatArray, right: FloatArray) -> FloatArray:
        if op in _ARITHMETIC:
            return _ARITHMETIC[op](left, right)
        if op == "/":
            zero = right == 0
            self.zero_denominator |= zero & ~np.isnan(left)
            return left / np.where(zero, np.nan, right)
        if op in COMPARISONS:
            result = _COMPARE[op](left, right).astype(np.float64)
            result[np.isnan(left) | np.isnan(right)] = np.nan
            return result
        return _logical(op, left, right)


def _shifted(values: FloatArray, years: int) -> FloatArray:
    """Each cell holds the value `years` columns to its left; missing before the panel."""
    result = np.full_like(values, np.nan)
    if years < values.shape[1]:
        result[:, years:] = values[:, :-years]
    return result


def _logical(op: str, left: FloatArray, right: FloatArray) -> FloatArray:
    left_true, left_false = left != 0, left == 0  # NaN is neither
    right_true, right_false = right != 0, right == 0
    left_true &= ~np.isnan(left)
    right_true &= ~np.isnan(right)
    if op == "and":
        return np.where(
            left_false | right_false, 0.0, np.where(left_true & right_true, 1.0, np.nan)
        )
    return np.where(left_true | right_true, 1.0, np.where(left_false & right_false, 0.0, np.nan))


def _coalesce(args: list[FloatArray]) -> FloatArray:
    result = args[0]
    for candidate in args[1:]:
        result = np.where(np.isnan(result), candidate, result)
    return result


_CALLS: dict[str, Callable[[list[FloatArray]], FloatArray]] = {
    "min": lambda args: functools.reduce(np.minimum, args),
    "max": lambda args: functools.reduce(np.maximum, args),
    "abs": lambda args: np.abs(args[0]),
    "coalesce": _coalesce,
}
