"""The vectorised engine agrees with a plain cell-by-cell evaluator on random formulas."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from hromada.indicators.formula import (
    Binary,
    Call,
    Lag,
    Negate,
    Node,
    Number,
    Panel,
    Ref,
    aggregate_panel,
    evaluate,
    parse,
)
from hromada.indicators.formula.nodes import BINDING

CODES = ("a", "b.c", "d_1.x")
NAN = float("nan")

# Exact binary fractions and zeros, so no operation overflows or underflows.
cell_values = st.one_of(st.just(NAN), st.just(0.0), st.integers(-4000, 4000).map(lambda k: k / 8))
leaves = st.one_of(
    st.integers(0, 40).map(lambda k: Number(k / 4)),
    st.sampled_from(CODES).map(Ref),
    st.builds(Lag, st.sampled_from(CODES), st.integers(1, 3)),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        children.map(Negate),
        st.builds(Binary, st.sampled_from(sorted(BINDING)), children, children),
        st.builds(
            Call,
            st.sampled_from(["min", "max", "coalesce"]),
            st.lists(children, min_size=2, max_size=3).map(tuple),
        ),
        children.map(lambda child: Call("abs", (child,))),
    )


formulas = st.recursive(leaves, _extend, max_leaves=12)


@st.composite
def panels(draw: st.DrawFn) -> Panel:
    shape = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    data = {code: draw(arrays(np.float64, shape, elements=cell_values)) for code in CODES}
    return Panel(tuple(range(shape[0])), tuple(range(2015, 2015 + shape[1])), data)


def _depth(node: Node) -> int:
    return 1 + max((_depth(child) for child in node.children()), default=0)


def _truth(value: float) -> bool | None:
    return None if math.isnan(value) else value != 0


def _cell(node: Node, panel: Panel, row: int, year: int, zero: list[bool]) -> float:
    """One cell of the formula, with Python floats and no NumPy arithmetic."""
    match node:
        case Number(value):
            return value
        case Ref(code):
            return float(panel[code][row, year])
        case Lag(code, years):
            return float(panel[code][row, year - years]) if year >= years else NAN
        case Negate(operand):
            return -_cell(operand, panel, row, year, zero)
        case Binary(op, left, right):
            lhs = _cell(left, panel, row, year, zero)
            rhs = _cell(right, panel, row, year, zero)
            return _binary(op, lhs, rhs, zero)
        case Call(name, args):
            got = [_cell(arg, panel, row, year, zero) for arg in args]
            if name == "coalesce":
                return next((v for v in got if not math.isnan(v)), NAN)
            if any(math.isnan(v) for v in got):
                return NAN
            return {"min": min, "max": max}[name](got) if name != "abs" else abs(got[0])
    raise AssertionError(node)


def _binary(op: str, lhs: float, rhs: float, zero: list[bool]) -> float:
    if op == "/":
        if rhs == 0:
            zero[0] = zero[0] or not math.isnan(lhs)
            return NAN
        return lhs / rhs
    if op in ("and", "or"):
        left, right = _truth(lhs), _truth(rhs)
        decisive = op == "or"  # True decides `or`, False decides `and`
        if decisive in (left, right):
            return float(decisive)
        return NAN if None in (left, right) else float(not decisive)
    if math.isnan(lhs) or math.isnan(rhs):
        return NAN
    operations = {
        "+": lambda: lhs + rhs,
        "-": lambda: lhs - rhs,
        "*": lambda: lhs * rhs,
        "<": lambda: float(lhs < rhs),
        "<=": lambda: float(lhs <= rhs),
        ">": lambda: float(lhs > rhs),
        ">=": lambda: float(lhs >= rhs),
        "==": lambda: float(lhs == rhs),
        "!=": lambda: float(lhs != rhs),
    }
    return operations[op]()


@settings(max_examples=300, deadline=None)
@given(formulas, panels())
def test_the_vectorised_engine_agrees_with_a_cell_by_cell_evaluator(
    node: Node, panel: Panel
) -> None:
    expected = np.full(panel.shape, NAN)
    expected_flags = np.zeros(panel.shape, dtype=bool)
    for row in range(panel.shape[0]):
        for year in range(panel.shape[1]):
            zero = [False]
            expected[row, year] = _cell(node, panel, row, year, zero)
            expected_flags[row, year] = zero[0] and math.isnan(expected[row, year])
    result = evaluate(node, panel)
    np.testing.assert_array_equal(np.isnan(result.values), np.isnan(expected))
    np.testing.assert_allclose(result.values, expected, rtol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(result.division_by_zero, expected_flags)


@settings(max_examples=300, deadline=None)
@given(formulas)
def test_the_canonical_text_of_any_formula_reads_back_to_the_same_formula(node: Node) -> None:
    assume(_depth(node) < 30)
    assert parse(node.to_text()) == node
    assert parse(node.to_text()).references() == node.references()


@settings(max_examples=200, deadline=None)
@given(panels(), st.data())
def test_group_sums_and_weighted_means_agree_with_a_loop_over_territories(
    panel: Panel, data: st.DataObject
) -> None:
    group_of = data.draw(
        st.lists(st.integers(-1, 2), min_size=panel.shape[0], max_size=panel.shape[0])
    )
    how = {"a": "sum", "b.c": "weighted_mean"}
    aggregated = aggregate_panel(panel, np.array(group_of), how, weights="d_1.x")
    for position, group in enumerate(aggregated.panel.rows):
        members = [row for row, g in enumerate(group_of) if g == group]
        for year in range(panel.shape[1]):
            reported = [panel["a"][r, year] for r in members if not math.isnan(panel["a"][r, year])]
            pairs = [
                (panel["b.c"][r, year], panel["d_1.x"][r, year])
                for r in members
                if not math.isnan(panel["b.c"][r, year]) and not math.isnan(panel["d_1.x"][r, year])
            ]
            weight = sum(w for _, w in pairs)
            expected_sum = sum(reported) if reported else NAN
            expected_mean = sum(v * w for v, w in pairs) / weight if pairs and weight else NAN
            np.testing.assert_allclose(aggregated.panel["a"][position, year], expected_sum)
            np.testing.assert_allclose(aggregated.panel["b.c"][position, year], expected_mean)
            assert aggregated.coverage["a"][position, year] == len(reported)
            assert aggregated.coverage["b.c"][position, year] == len(pairs)
