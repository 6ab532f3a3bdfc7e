from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from hromada.indicators.formula import FormulaError, check_formula, dependency_order, parse

CATALOGUE: dict[str, str | None] = {
    "demography.population": None,
    "budget.revenue.own": "",
    "budget.revenue.total": None,
    "budget.revenue.own_per_capita": "budget.revenue.own / demography.population",
    "budget.revenue.own_share": "budget.revenue.own / budget.revenue.total * 100",
}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_a_formula_over_known_codes_is_accepted_and_returned_parsed() -> None:
    text = "budget.revenue.own_per_capita * 1000"
    node = check_formula(text, CATALOGUE, code="budget.revenue.own_per_1000")
    assert node == parse(text)


def test_an_unknown_code_is_named() -> None:
    with pytest.raises(FormulaError) as raised:
        check_formula("budget.revenue.own / demography.populaton", CATALOGUE)
    assert str(raised.value) == "Unknown indicator code: demography.populaton"
    assert raised.value.unknown_codes == ("demography.populaton",)


def test_several_unknown_codes_are_all_named_in_order() -> None:
    with pytest.raises(FormulaError) as raised:
        check_formula("zeta.x + lag(alpha.y, 1) + demography.population", CATALOGUE)
    assert str(raised.value) == "Unknown indicator codes: alpha.y, zeta.x"


def test_known_codes_may_be_given_as_a_function() -> None:
    def formula_of(code: str) -> str | None:
        return CATALOGUE[code]

    check_formula("budget.revenue.own_share / 100", formula_of)
    with pytest.raises(FormulaError, match=r"Unknown indicator code: missing\.code"):
        check_formula("missing.code * 2", formula_of)


def test_a_formula_that_uses_its_own_indicator_is_a_cycle() -> None:
    with pytest.raises(FormulaError) as raised:
        check_formula("lag(a, 1) + a", {"a": None}, code="a")
    assert str(raised.value) == "The formulas form a cycle: a → a"
    assert raised.value.cycle_codes == ("a", "a")


def test_a_cycle_through_other_derived_indicators_is_named_from_the_saved_indicator() -> None:
    known = {"a": None, "b": "c * 2", "c": "x / a", "x": None}
    with pytest.raises(FormulaError) as raised:
        check_formula("b + 1", known, code="a")
    assert str(raised.value) == "The formulas form a cycle: a → b → c → a"


def test_the_saved_formula_replaces_the_indicator_s_old_one() -> None:
    known = {"a": "x", "b": "a * 2", "x": None}
    check_formula("x + 1", known, code="a")
    with pytest.raises(FormulaError, match="cycle: a → b → a"):
        check_formula("b + 1", known, code="a")


def test_a_rule_over_indicators_caught_in_a_cycle_is_refused() -> None:
    known = {"p": "q + 1", "q": "p - 1", "r": None}
    with pytest.raises(FormulaError, match="cycle: p → q → p"):
        check_formula("p >= r", known)


def test_a_dependency_whose_stored_formula_is_broken_is_named() -> None:
    known = {"a": None, "b": "a +* 2"}
    with pytest.raises(FormulaError) as raised:
        check_formula("b + 1", known, code="c")
    assert str(raised.value) == (
        "The formula of indicator 'b' cannot be read: Unexpected '*' at position 4"
    )


def test_derived_indicators_are_ordered_after_those_they_use() -> None:
    formulas = {
        "a": "b + c",
        "b": "c * lag(d, 1)",
        "c": "population / 2",
        "e": "population",
    }
    order = dependency_order(formulas)
    assert sorted(order) == ["a", "b", "c", "e"]
    assert order.index("c") < order.index("b") < order.index("a")
    assert dependency_order(dict(reversed(formulas.items()))) == order


def test_ordering_refuses_a_cycle_and_names_it() -> None:
    with pytest.raises(FormulaError, match="cycle: b → c → d → b"):
        dependency_order({"a": "b", "b": "c + 1", "c": "d * 2", "d": "lag(b, 1)"})


def test_ordering_accepts_parsed_formulas() -> None:
    assert dependency_order({"y": parse("x * 2"), "x": parse("w")}) == ["x", "y"]
