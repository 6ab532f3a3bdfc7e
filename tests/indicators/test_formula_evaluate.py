from __future__ import annotations

import numpy as np
import pytest

from hromada.indicators.formula import FormulaError, Panel, evaluate, evaluate_derived

nan = np.nan


def panel(**data: list[list[float]]) -> Panel:
    rows = len(next(iter(data.values())))
    years = len(next(iter(data.values()))[0])
    arrays = {code.replace("__", "."): np.array(v, dtype=float) for code, v in data.items()}
    return Panel(tuple(range(rows)), tuple(range(2020, 2020 + years)), arrays)


def values(formula: str, on: Panel) -> list[list[float]]:
    result: list[list[float]] = evaluate(formula, on).values.tolist()
    return result


def assert_same(actual: list[list[float]], expected: list[list[float]]) -> None:
    np.testing.assert_allclose(np.array(actual), np.array(expected), rtol=1e-12)


def test_revenue_per_1000_residents_is_computed_for_every_territory_and_year() -> None:
    data = panel(
        budget__revenue=[[5_000.0, 6_000.0], [900.0, nan]],
        demography__population=[[10_000.0, 12_000.0], [1_500.0, 1_500.0]],
    )
    result = values("budget.revenue / demography.population * 1000", data)
    assert_same(result, [[500.0, 500.0], [600.0, nan]])


def test_year_over_year_growth_uses_the_previous_year_and_is_missing_in_the_first() -> None:
    data = panel(population=[[100.0, 110.0, 99.0], [50.0, nan, 60.0]])
    result = values("(population / lag(population, 1) - 1) * 100", data)
    assert_same(result, [[nan, 10.0, -10.0], [nan, nan, nan]])


def test_lag_further_back_than_the_panel_is_missing() -> None:
    data = panel(a=[[1.0, 2.0, 3.0]])
    assert_same(values("lag(a, 2)", data), [[nan, nan, 1.0]])
    assert_same(values("lag(a, 5)", data), [[nan, nan, nan]])


def test_coalesce_takes_the_first_value_that_is_not_missing() -> None:
    data = panel(a=[[1.0, nan, nan, 0.0]], b=[[9.0, 2.0, nan, 9.0]])
    assert_same(values("coalesce(a, b, -1)", data), [[1.0, 2.0, -1.0, 0.0]])
    assert_same(values("coalesce(a, b)", data), [[1.0, 2.0, nan, 0.0]])


def test_min_max_and_abs_of_a_missing_operand_are_missing() -> None:
    data = panel(a=[[1.0, nan, -4.0]], b=[[2.0, 5.0, nan]])
    assert_same(values("min(a, b)", data), [[1.0, nan, nan]])
    assert_same(values("max(a, b, 3)", data), [[3.0, nan, nan]])
    assert_same(values("abs(a)", data), [[1.0, nan, 4.0]])


def test_division_by_zero_gives_a_missing_value_and_is_flagged() -> None:
    data = panel(a=[[6.0, 6.0, nan, 0.0]], b=[[3.0, 0.0, 0.0, 0.0]])
    result = evaluate("a / b", data)
    assert_same(result.values.tolist(), [[2.0, nan, nan, nan]])
    assert result.division_by_zero.tolist() == [[False, True, False, True]]


def test_a_division_by_zero_that_a_fallback_replaces_is_not_flagged() -> None:
    data = panel(a=[[6.0, 6.0]], b=[[3.0, 0.0]])
    result = evaluate("coalesce(a / b, 0)", data)
    assert_same(result.values.tolist(), [[2.0, 0.0]])
    assert not result.division_by_zero.any()


def test_comparisons_give_one_zero_or_missing() -> None:
    data = panel(total=[[10.0, 5.0, nan, 3.0]], grade1=[[4.0, 6.0, 1.0, 3.0]])
    assert_same(values("total >= grade1", data), [[1.0, 0.0, nan, 1.0]])
    assert_same(values("total == grade1", data), [[0.0, 0.0, nan, 1.0]])
    assert_same(values("total != grade1", data), [[1.0, 1.0, nan, 0.0]])


TRUE, FALSE, MISSING = 1.0, 0.0, nan
KLEENE = [
    # left, right, and, or
    (TRUE, TRUE, TRUE, TRUE),
    (TRUE, FALSE, FALSE, TRUE),
    (TRUE, MISSING, MISSING, TRUE),
    (FALSE, TRUE, FALSE, TRUE),
    (FALSE, FALSE, FALSE, FALSE),
    (FALSE, MISSING, FALSE, MISSING),
    (MISSING, TRUE, MISSING, TRUE),
    (MISSING, FALSE, FALSE, MISSING),
    (MISSING, MISSING, MISSING, MISSING),
]


def test_and_or_follow_three_valued_logic_where_missing_decides_nothing() -> None:
    data = panel(p=[[row[0] for row in KLEENE]], q=[[row[1] for row in KLEENE]])
    assert_same(values("p and q", data), [[row[2] for row in KLEENE]])
    assert_same(values("p or q", data), [[row[3] for row in KLEENE]])


def test_any_number_other_than_zero_counts_as_true_in_and_or() -> None:
    data = panel(p=[[2.5, -1.0, 0.0]], q=[[1.0, 1.0, 1.0]])
    assert_same(values("p and q", data), [[1.0, 1.0, 0.0]])


def test_a_code_without_any_values_is_missing_everywhere() -> None:
    data = panel(a=[[1.0, 2.0]])
    assert_same(values("a + never.reported", data), [[nan, nan]])
    assert_same(values("coalesce(never.reported, a)", data), [[1.0, 2.0]])


def test_the_result_is_a_new_array_not_the_panel_s_own() -> None:
    data = panel(a=[[1.0, 2.0]])
    evaluate("a", data).values[0, 0] = 99.0
    assert data["a"][0, 0] == 1.0


def test_derived_indicators_that_use_other_derived_indicators_are_computed_in_order() -> None:
    data = panel(revenue=[[200.0, 300.0]], population=[[100.0, 0.0]])
    formulas = {"per_1000": "per_capita * 1000", "per_capita": "revenue / population"}
    extended, results = evaluate_derived(formulas, data)
    assert_same(results["per_1000"].values.tolist(), [[2000.0, nan]])
    assert_same(extended["per_capita"].tolist(), [[2.0, nan]])
    assert results["per_capita"].division_by_zero.tolist() == [[False, True]]
    assert "per_capita" not in data


def test_computing_derived_indicators_in_a_cycle_is_refused() -> None:
    with pytest.raises(FormulaError):
        evaluate_derived({"x": "y + 1", "y": "x * 2"}, panel(a=[[1.0]]))


def test_a_panel_refuses_years_with_gaps_and_arrays_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        Panel((1,), (2020, 2022), {})
    with pytest.raises(ValueError, match="shape"):
        Panel((1, 2), (2020, 2021), {"a": np.zeros((2, 3))})
