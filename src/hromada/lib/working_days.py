"""Deadlines in Ukrainian working days: weekends and public holidays from `holidays`.

Under martial law (since 24 February 2022) public holidays are working days in Ukraine; the
`holidays` library knows this and lists them under its "workday" category instead of "public".
`HROMADA_HOLIDAYS_ARE_DAYS_OFF=true` counts them as days off again (for when martial law ends,
or when a body keeps them off by its own rules).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.conf import settings
from holidays.countries.ukraine import Ukraine


@lru_cache(maxsize=64)
def _days_off(year: int, holidays_off: bool) -> frozenset[dt.date]:
    categories: tuple[str, ...] = ("public", "workday") if holidays_off else ("public",)
    # The library's constructor is untyped; it returns a mapping of dates to names.
    return frozenset(Ukraine(years=year, categories=categories))  # type: ignore[no-untyped-call]


def is_working_day(day: dt.date) -> bool:
    if day.weekday() >= 5:
        return False
    return day not in _days_off(day.year, bool(settings.HROMADA_HOLIDAYS_ARE_DAYS_OFF))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day `days` working days after `start` (the day of dispatch itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        count += is_working_day(current)
    return count
