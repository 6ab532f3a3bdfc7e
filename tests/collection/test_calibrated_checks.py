"""Checks that know what is normal for a line in a year (issue 11, part 2).

Most tests hand a panel of 60 hromadas straight to the pipeline's core (`evaluate`, the same
function `run_checks` calls after reading the database); the last goes through the database.
"""

from __future__ import annotations

import numpy as np
import pytest
from django.utils import translation

from hromada.collection.models import Item, ValidationRule
from hromada.collection.validation import Flag, Override, run_checks
from hromada.collection.validation.data import CheckData
from hromada.collection.validation.engine import evaluate
from hromada.indicators.formula import Panel
from hromada.indicators.models import Indicator
from tests import factories
from tests.collection.factories import YEAR, indicator, make_campaign, put

HROMADAS = 60
YEARS = (YEAR - 3, YEAR - 2, YEAR - 1, YEAR)
LINES = {  # code -> typical size in thousand UAH
    "budget.revenue.own": 50_000.0,
    "budget.revenue.pit": 30_000.0,
    "budget.revenue.single_tax": 6_000.0,
    "budget.revenue.property_tax": 4_000.0,
    "budget.revenue.non_tax": 2_000.0,
}


def items() -> list[Item]:
    return [
        Item(indicator=Indicator(code=code, unit="thousand UAH", decimals=1, min_value=0.0))
        for code in LINES
    ]


def panel(growth: float = 1.1, seed: int = 3) -> dict[str, np.ndarray]:
    """Clean lines: each hromada has its own size; every year they grow by `growth`, with
    ±5 % noise."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(0.0, 0.8, HROMADAS)
    data = {}
    for code, typical in LINES.items():
        start = typical * size * rng.uniform(0.7, 1.3, HROMADAS)
        years = [start * growth**k * rng.uniform(0.95, 1.05, HROMADAS) for k in range(len(YEARS))]
        data[code] = np.round(np.column_stack(years), 1)
    return data


def check(data: dict[str, np.ndarray], rules: list[ValidationRule] | None = None) -> list[Flag]:
    rows = tuple(range(HROMADAS))
    check_data = CheckData(
        YEAR,
        rows,
        Panel(rows, YEARS, data),
        {code: np.zeros(HROMADAS, dtype=bool) for code in data},
        np.full(HROMADAS, 8000.0),
        np.full(HROMADAS, "village"),
    )
    with translation.override("en"):
        return evaluate(check_data, items(), rules or [], 0.5)


def on(flags: list[Flag], row: int, code: str) -> set[str]:
    return {f.kind for f in flags if f.territory_id == row and f.code == code}


def test_clean_lines_raise_no_flag() -> None:
    assert check(panel()) == []


def test_a_change_every_hromada_shares_is_normal_but_a_fall_against_it_is_not() -> None:
    data = panel(growth=1.6)  # a year of high inflation: +60 % is what everyone reports
    data["budget.revenue.pit"][7, -1] = round(data["budget.revenue.pit"][7, -2] * 0.45, 1)
    flags = check(data)
    assert [(f.territory_id, f.code, f.kind) for f in flags] == [(7, "budget.revenue.pit", "yoy")]
    # The change and the usual one are both named.
    assert "-55%" in flags[0].message and "+5" in flags[0].message


@pytest.mark.django_db
def test_a_fall_is_as_visible_as_a_rise_with_an_items_own_threshold() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    Item.objects.filter(campaign=campaign).update(change_threshold=1.0)
    put(hromada, "education.pupils", YEAR - 1, 900.0)
    fall = run_checks(campaign, overrides=[Override(hromada.pk, "education.pupils", 300.0)])
    assert [f.kind for f in fall if f.code == "education.pupils"] == ["yoy"]


def test_a_value_typed_in_uah_instead_of_thousands_is_named_a_scale_slip() -> None:
    data = panel()
    data["budget.revenue.single_tax"][3, -1] *= 1000
    data["budget.revenue.non_tax"][4, -1] = round(data["budget.revenue.non_tax"][4, -1] / 1000, 1)
    flags = check(data)
    assert on(flags, 3, "budget.revenue.single_tax") == {"scale"}
    assert on(flags, 4, "budget.revenue.non_tax") == {"scale"}
    assert "UAH instead of thousand UAH" in next(f.message for f in flags if f.territory_id == 3)


def test_a_lost_minus_or_a_stray_one_is_named_a_sign_flip() -> None:
    data = panel()
    data["budget.revenue.property_tax"][5, -1] *= -1
    flags = check(data)
    assert "sign" in on(flags, 5, "budget.revenue.property_tax")
    assert "range_unusual" in on(flags, 5, "budget.revenue.property_tax")  # a warning, not an error
    assert not any(f.is_error for f in flags)


def test_two_transposed_digits_are_caught_and_the_meant_value_suggested() -> None:
    data = panel()
    row, code = 9, "budget.revenue.pit"
    # A history in which 14 234,5 is the usual change this year.
    data[code][row] = [round(14_234.5 / 1.1**k, 1) for k in (3, 2, 1, 0)]
    data[code][row, -1] = 41_234.5  # typed with the leading digits swapped
    (flag,) = [f for f in check(data) if f.territory_id == row]
    assert flag.kind == "typo" and "14,234.5" in flag.message


def test_last_years_sheet_sent_back_is_named_a_copy() -> None:
    data = panel()
    for code in LINES:
        data[code][11, -1] = data[code][11, -2]
    flags = check(data)
    assert {f.code for f in flags if f.territory_id == 11 and f.kind == "copy"} == set(LINES)


def test_one_unchanged_line_is_not_a_copy() -> None:
    data = panel()
    data["budget.revenue.non_tax"][12, -1] = data["budget.revenue.non_tax"][12, -2]
    assert on(check(data), 12, "budget.revenue.non_tax") == set()


def test_a_line_that_swung_as_far_in_earlier_years_is_not_news() -> None:
    data = panel()
    swings = data["budget.revenue.non_tax"][13]
    swings[:] = [2_000.0, 6_500.0, 1_900.0, 6_400.0]  # a yearly one-off sale of land
    assert on(check(data), 13, "budget.revenue.non_tax") == set()


def test_two_neighbouring_values_typed_into_each_others_fields_are_named_a_swap() -> None:
    data = panel()
    first, second = "budget.revenue.single_tax", "budget.revenue.property_tax"
    data[first][6, -1], data[second][6, -1] = data[second][6, -1], data[first][6, -1]
    flags = [f for f in check(data) if f.territory_id == 6]
    swaps = [f for f in flags if f.kind == "swap"]
    assert len(swaps) == 1 and swaps[0].concerns(first) and swaps[0].concerns(second)
    old = f"{data[first][6, -2]:,.1f}"
    assert "each other's fields" in swaps[0].message and old in swaps[0].message


def test_a_small_negative_after_a_positive_year_is_not_named_a_sign_flip() -> None:
    data = panel()
    data["budget.revenue.non_tax"][3, -1] = -20.0  # refunds larger than receipts
    assert on(check(data), 3, "budget.revenue.non_tax") == {"range_unusual"}


def test_a_volatile_line_in_million_uah_is_named_a_scale_slip_even_when_it_also_fell() -> None:
    data = panel()
    code = "budget.revenue.non_tax"  # sales of land: a line that jumps year to year
    jumps = np.random.default_rng(5).lognormal(0.0, 0.8, HROMADAS)
    data[code][:, -1] = np.round(data[code][:, -2] * jumps, 1)
    data[code][9, -1] = round(data[code][9, -2] * 0.25 / 1000, 1)  # fell to a quarter, typed /1000
    flags = check(data)
    assert on(flags, 9, code) == {"scale"}
    assert "million UAH" in next(f.message for f in flags if f.territory_id == 9)


def test_a_line_that_does_not_follow_its_hromadas_other_lines_is_not_flagged() -> None:
    data = panel()
    # A third of the hromadas lost half of their revenue in a year, except the property
    # tax, assessed on last year's valuations: its steadiness there is not news.
    for code in LINES:
        if code != "budget.revenue.property_tax":
            data[code][:20, -1] = np.round(data[code][:20, -1] * 0.5, 1)
    assert check(data) == []


@pytest.mark.django_db
def test_part_above_total_is_filed_under_the_part_whichever_side_it_is_written() -> None:
    hromada = factories.make_hromada()
    for code in ("budget.revenue.own", "budget.revenue.pit"):
        indicator(code, area="budget")
    campaign = make_campaign([hromada], codes=["budget.revenue.own", "budget.revenue.pit"])
    ValidationRule.objects.create(
        expression="budget.revenue.own >= budget.revenue.pit", message_uk="ПДФО > власні доходи"
    )
    overrides = [
        Override(hromada.pk, "budget.revenue.own", 30_000.0),
        Override(hromada.pk, "budget.revenue.pit", 45_000.0),
    ]
    (rule,) = [f for f in run_checks(campaign, overrides=overrides) if f.kind == "rule"]
    assert rule.code == "budget.revenue.pit" and rule.is_error
