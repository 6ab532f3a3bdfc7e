from __future__ import annotations

import pytest

from hromada.dataio.markers import missing_reason, name_key, parse_number, parse_sex, parse_year
from hromada.indicators.models import Missing


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234", 1234.0),
        ("1234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234\u00a0567,25", 1234567.25),
        ("1\u202f234", 1234.0),
        ("1,234,567.5", 1234567.5),
        ("1.234.567,5", 1234567.5),
        ("  -12.5 ", -12.5),
        ("\u221212", -12.0),
        ("1e3", 1000.0),
        ("0,05", 0.05),
    ],
)
def test_numbers_are_read_the_way_people_type_them(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "12 грн", "1,2,3.4.5", "nan", "inf", "12%", "--5"])
def test_text_that_is_not_a_number_is_refused(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Missing.NOT_REPORTED),
        ("-", Missing.NOT_REPORTED),
        ("—", Missing.NOT_REPORTED),
        (" Н/Д ", Missing.NOT_REPORTED),
        ("n/a", Missing.NOT_REPORTED),
        ("к", Missing.CONFIDENTIAL),
        ("conf", Missing.CONFIDENTIAL),
        ("\u0445", Missing.NOT_APPLICABLE),  # Cyrillic ha
        ("x", Missing.NOT_APPLICABLE),
        ("н/з", Missing.NOT_APPLICABLE),
        ("not_collectable", Missing.NOT_COLLECTABLE),
    ],
)
def test_gap_markers_say_why_a_value_is_missing(text: str, reason: str) -> None:
    assert missing_reason(text) == reason


def test_a_number_is_not_a_gap_marker() -> None:
    assert missing_reason("0") is None


def test_sex_and_year_accept_ukrainian_and_spreadsheet_forms() -> None:
    assert [parse_sex(s) for s in ["", "Ж", "чол", "female", "T", "?"]] == [
        "",
        "f",
        "m",
        "f",
        "",
        None,
    ]
    assert [parse_year(y) for y in [2021, 2021.0, " 2021 ", "2021,5", True]] == [
        2021,
        2021,
        2021,
        None,
        None,
    ]


def test_names_compare_without_case_apostrophes_or_extra_spaces() -> None:
    assert name_key("Кам\u2019янець-Подільська") == name_key("кам'янець-подільська  ")
    assert name_key("Мар\u02bcївська") == name_key("МАР`ЇВСЬКА")
