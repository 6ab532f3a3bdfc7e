"""The formula engine: derived indicators, aggregates and validation rules share it.

Pure Python and NumPy, no database: parse a formula safely (never `eval`), check its codes
and cycles when it is saved, and evaluate it over a whole panel at once.
See docs/formulas.md for the grammar and the missing-value rules.
"""

from __future__ import annotations

from hromada.indicators.formula.aggregate import AggregatedPanel, aggregate_panel
from hromada.indicators.formula.errors import FormulaError
from hromada.indicators.formula.evaluate import (
    EvaluationResult,
    evaluate,
    evaluate_aggregate,
    evaluate_derived,
)
from hromada.indicators.formula.graph import KnownCodes, check_formula, dependency_order
from hromada.indicators.formula.nodes import Binary, Call, Lag, Negate, Node, Number, Ref
from hromada.indicators.formula.panel import Panel
from hromada.indicators.formula.parser import parse

__all__ = [
    "AggregatedPanel",
    "Binary",
    "Call",
    "EvaluationResult",
    "FormulaError",
    "KnownCodes",
    "Lag",
    "Negate",
    "Node",
    "Number",
    "Panel",
    "Ref",
    "aggregate_panel",
    "check_formula",
    "dependency_order",
    "evaluate",
    "evaluate_aggregate",
    "evaluate_derived",
    "parse",
]
