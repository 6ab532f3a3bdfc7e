"""One reader of typed numbers for every face (issue 11, part 1)."""

from __future__ import annotations

import pytest

from hromada.lib.numbers import NumberError, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234", 1234.0),
        ("1 234,5", 1234.5),
        ("1\u00a0234\u00a0567,25", 1234567.25),
        ("1\u2009234", 1234.0),
        ("1\u202f234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567.0),
        ("\u22125", -5.0),
        ("\u22121 234,5", -1234.5),
        ("+7", 7.0),
        ("0,125", 0.125),
        ("1 234,567", 1234.567),
        ("1.234", 1.234),
        ("1e3", 1000.0),
    ],
)
def test_ukrainian_and_english_forms_are_read_alike(text: str, number: float) -> None:
    assert parse_number(text) == number


def test_an_empty_field_is_no_value() -> None:
    assert parse_number("  ") is None


def test_a_comma_that_could_separate_thousands_is_refused_naming_both_readings() -> None:
    with pytest.raises(NumberError) as refused:
        parse_number("1,234")
    assert "1 234" in refused.value.message
    assert "1.234" in refused.value.message


def test_a_file_may_declare_the_comma_a_decimal_mark() -> None:
    assert parse_number("1,234", ambiguous_comma="decimal") == 1.234


@pytest.mark.parametrize("text", ["abc", "12 грн", "12%", "--5", "nan", "inf", "1 23", "1,2,3"])
def test_text_that_is_not_a_number_is_refused_with_the_text_in_the_message(text: str) -> None:
    with pytest.raises(NumberError) as refused:
        parse_number(text)
    assert text in refused.value.message


def test_the_web_form_and_the_file_import_read_the_same_number() -> None:
    from hromada.dataio.markers import parse_number as read_cell

    for text in ("1.234,5", "1,234.5", "\u22125", "1\u00a0234,5"):
        assert read_cell(text) == parse_number(text)
