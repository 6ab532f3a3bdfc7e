from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from hromada.indicators.formula import (
    Binary,
    Call,
    FormulaError,
    Lag,
    Negate,
    Number,
    Ref,
    parse,
)

a, b, c, d = Ref("a"), Ref("b"), Ref("c"), Ref("d")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_growth_rate_formula_is_read_into_its_parts() -> None:
    node = parse("(demography.population / lag(demography.population, 1) - 1) * 100")
    population = Ref("demography.population")
    ratio = Binary("/", population, Lag("demography.population", 1))
    assert node == Binary("*", Binary("-", ratio, Number(1)), Number(100))


def test_multiplication_binds_tighter_than_addition() -> None:
    assert parse("a + b * c") == Binary("+", a, Binary("*", b, c))
    assert parse("(a + b) * c") == Binary("*", Binary("+", a, b), c)


def test_subtraction_and_division_group_to_the_left() -> None:
    assert parse("a - b - c") == Binary("-", Binary("-", a, b), c)
    assert parse("a / b / c") == Binary("/", Binary("/", a, b), c)


def test_unary_minus_applies_to_the_next_operand_only() -> None:
    assert parse("-a * b") == Binary("*", Negate(a), b)
    assert parse("a - -b") == Binary("-", a, Negate(b))
    assert parse("-(a * b)") == Negate(Binary("*", a, b))


def test_comparisons_bind_looser_than_arithmetic_and_tighter_than_and_or() -> None:
    node = parse("a + b >= c and c < d or d != 0")
    left = Binary("and", Binary(">=", Binary("+", a, b), c), Binary("<", c, d))
    assert node == Binary("or", left, Binary("!=", d, Number(0)))


@pytest.mark.parametrize(
    ("text", "value"),
    [("123", 123.0), ("1.5", 1.5), ("1e3", 1000.0), ("2.5E-2", 0.025), ("007", 7.0)],
)
def test_numbers_are_read_in_plain_and_scientific_notation(text: str, value: float) -> None:
    assert parse(text) == Number(value)


def test_functions_take_any_expressions_as_arguments() -> None:
    node = parse("coalesce(a / b, max(c, 0, d), abs(-1))")
    expected = Call(
        "coalesce",
        (Binary("/", a, b), Call("max", (c, Number(0), d)), Call("abs", (Negate(Number(1)),))),
    )
    assert node == expected


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("education.pupils) * 2", "Unexpected ')' at position 17", 17),
        ("(a + b) * c) - 1", "Unexpected ')' at position 12", 12),
        ("a b", "Unexpected 'b' at position 3", 3),
        ("a = b", "Unexpected '=' at position 3", 3),
        ("a ^ 2", "Unexpected '^' at position 3", 3),
        ("a * (b + 1", "The formula ends too early, at position 11", 11),
        ("a +", "The formula ends too early, at position 4", 4),
        ("min(a, b", "The formula ends too early, at position 9", 9),
        ("min(a b)", "Unexpected 'b' at position 7", 7),
        ("sqrt(a)", "Unknown function 'sqrt' at position 1", 1),
        ("a + budget.share(b)", "Unknown function 'budget.share' at position 5", 5),
        ("1.2.3 + a", "'1.2.3' at position 1 is not a number", 1),
        ("2x", "'2x' at position 1 is not a number", 1),
        ("1e999", "'1e999' at position 1 is not a number", 1),
        ("a + budget.", "'budget.' at position 5 is not a valid indicator code", 5),
        ("min(a)", "min() needs at least two values (position 1)", 1),
        ("abs(a, b)", "abs() needs exactly one value (position 1)", 1),
        ("a < b <= c", "Comparisons cannot be chained; join them with 'and' (position 7)", 7),
        ("населення + 1", "Unexpected 'н' at position 1", 1),
    ],
)
def test_a_formula_that_cannot_be_read_names_the_problem_and_its_position(
    text: str, message: str, position: int
) -> None:
    with pytest.raises(FormulaError) as raised:
        parse(text)
    assert str(raised.value) == message
    assert raised.value.position == position


@pytest.mark.parametrize(
    "text",
    ["lag(a + b, 1)", "lag(a, 0)", "lag(a, 1.5)", "lag(a, -1)", "lag(a)", "lag(2, a)", "lag(a, b)"],
)
def test_lag_accepts_only_a_code_and_a_whole_number_of_years(text: str) -> None:
    with pytest.raises(FormulaError) as raised:
        parse("x + " + text)
    expected = "lag() needs an indicator code and a whole number of years (position 5)"
    assert str(raised.value) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_formula_is_refused(text: str) -> None:
    with pytest.raises(FormulaError, match=r"^The formula is empty\.$"):
        parse(text)


def test_python_code_is_refused_not_run() -> None:
    with pytest.raises(FormulaError, match="Unknown function '__import__'"):
        parse("__import__('os').system('true')")


def test_an_overlong_or_overdeep_formula_is_refused_before_it_exhausts_the_stack() -> None:
    with pytest.raises(FormulaError, match="too long"):
        parse(" + ".join(["a"] * 300))
    with pytest.raises(FormulaError, match="nested too deeply at position 41"):
        parse("(" * 60 + "a" + ")" * 60)
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse("-" * 60 + "a")


def test_references_list_every_code_once_including_codes_inside_lag() -> None:
    node = parse("(b.x - lag(c.y, 2)) / b.x + coalesce(d.z, 0) > 1")
    assert node.references() == frozenset({"b.x", "c.y", "d.z"})
    assert parse("2 * 3").references() == frozenset()


def test_years_back_is_the_largest_lag() -> None:
    assert parse("a / lag(a, 1) + lag(b, 3)").years_back() == 3
    assert parse("a + b").years_back() == 0


def test_comparisons_and_logic_at_the_top_make_a_rule() -> None:
    assert parse("a >= b").is_condition()
    assert parse("a > 0 or b > 0").is_condition()
    assert not parse("a / b").is_condition()
    assert not parse("(a > b) * 2").is_condition()


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("a+b*c", "a + b * c"),
        ("((a))", "a"),
        ("(a*b)+c", "a * b + c"),
        ("a-(b-c)", "a - (b - c)"),
        ("a/(b*c)", "a / (b * c)"),
        ("-(a)", "-a"),
        ("- - a", "--a"),
        ("(a<b)==(c>d)", "(a < b) == (c > d)"),
        ("a and (b or c)", "a and (b or c)"),
        ("1e3 * 0.5e-2", "1000 * 0.005"),
        ("lag( a ,1 )", "lag(a, 1)"),
        ("MIN_x + min(a,b,c)", "MIN_x + min(a, b, c)"),
    ],
)
def test_to_text_is_canonical_and_reads_back_to_the_same_tree(text: str, canonical: str) -> None:
    node = parse(text)
    assert node.to_text() == canonical
    assert parse(node.to_text()) == node
