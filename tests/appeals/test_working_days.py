"""Deadlines in Ukrainian working days: weekends, and public holidays when they are days off."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.lib.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_do_not_count() -> None:
    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == dt.date(2026, 12, 4)
    assert working_days_between(friday, dt.date(2026, 12, 4)) == 5


def test_under_martial_law_public_holidays_are_working_days(settings: object) -> None:
    settings.HROMADA_HOLIDAYS_ARE_DAYS_OFF = False  # type: ignore[attr-defined]
    independence_day = dt.date(2026, 8, 24)  # a Monday
    assert is_working_day(independence_day)
    assert add_working_days(dt.date(2026, 8, 21), 1) == independence_day


def test_holidays_count_as_days_off_when_configured(settings: object) -> None:
    settings.HROMADA_HOLIDAYS_ARE_DAYS_OFF = True  # type: ignore[attr-defined]
    independence_day = dt.date(2026, 8, 24)
    assert not is_working_day(independence_day)
    # Friday 21 August + 1 working day skips the weekend and the holiday.
    assert add_working_days(dt.date(2026, 8, 21), 1) == dt.date(2026, 8, 25)
    # Christmas (25 December 2026, a Friday) and New Year (1 January 2027, a Friday).
    assert add_working_days(dt.date(2026, 12, 24), 5) == dt.date(2027, 1, 4)


def test_before_martial_law_holidays_were_days_off_by_the_library(settings: object) -> None:
    settings.HROMADA_HOLIDAYS_ARE_DAYS_OFF = False  # type: ignore[attr-defined]
    assert not is_working_day(dt.date(2021, 8, 24))  # Independence Day 2021, a Tuesday
    assert not is_working_day(dt.date(2021, 8, 23))  # the day off moved to it that year


def test_a_negative_number_of_days_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(dt.date(2026, 1, 5), -1)
