from __future__ import annotations

import pytest

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Area, Indicator, Observation, Status
from hromada.indicators.queries import visible_observations
from tests import factories
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def values(personas: Personas) -> None:
    area = Area.objects.create(code="budget", name_uk="Бюджет", name_en="Budget")
    indicator = Indicator.objects.create(
        code="budget.revenue.own",
        area=area,
        name_uk="Власні доходи",
        name_en="Own revenue",
        unit="UAH",
    )
    neighbour = factories.make_hromada(personas.hromada.parent)
    for territory, status in [
        (personas.hromada, Status.DRAFT),
        (neighbour, Status.SUBMITTED),
        (personas.other_hromada, Status.VERIFIED),
    ]:
        record_observations(
            [ValueInput(territory.pk, indicator.pk, 2023, "", 1000.0, "")],
            by=None,
            reason="import",
            status=status,
        )
    record_observations(
        [ValueInput(personas.other_hromada.pk, indicator.pk, 2022, "", 900.0, "")],
        by=None,
        reason="import",
        status=Status.PUBLISHED,
    )


def years_and_codes(user: object) -> set[tuple[str, int]]:
    return {
        (o.territory.code, o.year) for o in visible_observations(user).select_related("territory")
    }


def test_the_default_manager_returns_published_values_only(values: None) -> None:
    assert list(Observation.objects.values_list("status", flat=True)) == [Status.PUBLISHED]


def test_the_public_sees_published_values_only(personas: Personas, values: None) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert years_and_codes(AnonymousUser()) == {(personas.other_hromada.code, 2022)}
    assert years_and_codes(personas.outsider) == {(personas.other_hromada.code, 2022)}


def test_an_official_sees_the_drafts_of_their_own_hromada_only(
    personas: Personas, values: None
) -> None:
    assert years_and_codes(personas.official) == {
        (personas.hromada.code, 2023),
        (personas.other_hromada.code, 2022),
    }


def test_a_coordinator_sees_unpublished_values_of_their_oblast(
    personas: Personas, values: None
) -> None:
    seen = years_and_codes(personas.coordinator)
    assert (personas.hromada.code, 2023) in seen
    assert (personas.other_hromada.code, 2023) not in seen
    assert len(seen) == 3


def test_an_analyst_sees_everything(personas: Personas, values: None) -> None:
    assert len(years_and_codes(personas.analyst)) == 4
