"""Numbers in check messages are rounded as people round them, never `-0,0`."""

from __future__ import annotations

from django.utils import translation

from hromada.indicators.limits import shown


def test_a_flag_shows_a_small_negative_value_without_a_minus_zero() -> None:
    with translation.override("uk"):
        assert shown(-0.04, 1) == "0,0"


def test_a_flag_rounds_the_last_decimal_instead_of_cutting_it() -> None:
    with translation.override("en"):
        assert shown(3968049.39, 1) == "3,968,049.4"
