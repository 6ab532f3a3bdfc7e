"""Values are stored, compared and shown at their indicator's decimals."""

from __future__ import annotations

import pytest
from django.utils import translation

from hromada.indicators.actions import ValueInput, plan_observations, record_observations
from hromada.indicators.data_queries import format_number
from hromada.indicators.models import (
    Area,
    Indicator,
    Observation,
    ObservationHistory,
    Publication,
    Status,
)
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def revenue() -> Indicator:
    area = Area.objects.create(code="budget", name_uk="Бюджет", name_en="Budget")
    return Indicator.objects.create(
        code="budget.revenue.own",
        area=area,
        name_uk="Власні доходи",
        name_en="Own revenues",
        unit="thousand UAH",
        decimals=1,
    )


def amount(personas: Personas, indicator: Indicator, value: float) -> ValueInput:
    return ValueInput(personas.hromada.pk, indicator.pk, 2023, "", value, "")


def test_a_value_scaled_by_arithmetic_equals_the_same_decimal_from_a_file(
    personas: Personas, revenue: Indicator
) -> None:
    scaled = 5765900 * 0.001  # 5765.900000000001 as a float
    record_observations(
        [amount(personas, revenue, scaled)], by=None, reason="import", status=Status.PUBLISHED
    )
    versions = Publication.objects.count()
    again = record_observations(
        [amount(personas, revenue, 5765.9)], by=None, reason="import", status=Status.PUBLISHED
    )
    assert (again.changed, again.unchanged) == (0, 1)
    assert ObservationHistory.objects.count() == 1  # only the value's creation
    assert Publication.objects.count() == versions
    assert Observation.objects.get().value == 5765.9


def test_a_value_stored_with_float_noise_before_is_not_changed_by_its_decimal(
    personas: Personas, revenue: Indicator
) -> None:
    record_observations(
        [amount(personas, revenue, 7354.1)], by=None, reason="import", status=Status.PUBLISHED
    )
    Observation.objects.update(value=7354.099999999999)  # as older versions stored it
    plan = plan_observations([amount(personas, revenue, 7354.1)], status=Status.PUBLISHED)
    assert (plan.changed, plan.unchanged, plan.public_changed) == (0, 1, 0)
    summary = record_observations(
        [amount(personas, revenue, 7354.1)], by=None, reason="import", status=Status.PUBLISHED
    )
    assert summary.changed == 0
    assert not ObservationHistory.objects.filter(old_value__isnull=False).exists()


def test_values_are_rounded_half_away_from_zero_on_write(
    personas: Personas, revenue: Indicator
) -> None:
    record_observations([amount(personas, revenue, 2.25)], by=None, reason="import")
    assert Observation.all_objects.get().value == 2.3
    record_observations([amount(personas, revenue, -2.25)], by=None, reason="import")
    assert Observation.all_objects.get().value == -2.3
    change = ObservationHistory.objects.latest("pk")
    assert (change.old_value, change.new_value) == (2.3, -2.3)
    # A difference in the last decimal is still a change.
    summary = record_observations([amount(personas, revenue, -2.2)], by=None, reason="import")
    assert summary.changed == 1


def test_shown_numbers_are_rounded_not_truncated() -> None:
    with translation.override("en"):
        assert format_number(3968049.39, 1) == "3,968,049.4"
        assert format_number(2.25, 1) == "2.3"
        assert format_number(-2.25, 1) == "-2.3"
    with translation.override("uk"):
        assert format_number(3968049.39, 1).replace("\xa0", " ") == "3 968 049,4"


def test_a_small_negative_value_never_shows_as_minus_zero() -> None:
    with translation.override("uk"):
        assert format_number(-0.04, 1) == "0,0"
        assert format_number(-0.4, 0) == "0"
    with translation.override("en"):
        assert format_number(-0.0, 2) == "0.00"
