"""A small country of member hromadas, the real seed catalogue, and the demo values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from hromada.demo.generate import KYIV_CODE
from hromada.demo.statistics import StatisticsSummary, build_demo_statistics
from hromada.indicators.catalogue_actions import apply_catalogue
from hromada.indicators.catalogue_seed import read_seed
from hromada.indicators.models import IndicatorVersion, Observation
from hromada.territories.models import Category, HromadaType, Level, Territory
from tests import factories
from tests.members.factories import make_membership

SEED = 2012


@dataclass
class Country:
    kyiv: Territory
    cities: list[Territory]
    villages: list[Territory]
    frontline: list[Territory]


def make_country() -> Country:
    """Kyiv, two oblasts (one of them on the front line) and ten member hromadas."""
    kyiv = factories.TerritoryFactory(
        code=KYIV_CODE, category=Category.SPECIAL_CITY, name_uk="Київ", hromada_type="city"
    )
    raion = factories.make_raion(factories.make_oblast("Полтавська", "Poltavska"))
    cities = [factories.make_hromada(raion, hromada_type=HromadaType.CITY) for _ in range(2)]
    villages = [
        factories.make_hromada(raion, hromada_type=kind)
        for kind in ("settlement", "settlement", "village", "village", "village")
    ]
    for village in villages[2:]:
        for _ in range(12):
            factories.TerritoryFactory(category=Category.VILLAGE, parent=village)
    east = factories.make_raion(factories.make_oblast("Донецька", "Donetska"))
    frontline = [factories.make_hromada(east, hromada_type=kind) for kind in ("city", "village")]
    for hromada in [kyiv, *cities, *villages, *frontline]:
        make_membership(hromada)
    assert Territory.objects.filter(level=Level.SETTLEMENT).count() == 36
    return Country(kyiv, cities, villages, frontline)


def load_catalogue() -> None:
    apply_catalogue(read_seed(), by=None, reason="test", origin=IndicatorVersion.Origin.SEED)


@pytest.fixture
def country(db: None) -> Country:
    return make_country()


@pytest.fixture
def catalogue(db: None) -> None:
    load_catalogue()


@pytest.fixture(scope="module")
def shared_demo(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[Country, StatisticsSummary]]:
    """One demo build for a module's read-only tests, rolled back after the module.

    Each test runs in its own savepoint inside this transaction, as in Django's TestCase.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        country = make_country()
        load_catalogue()
        yield country, build_demo_statistics(SEED)
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo: tuple[Country, StatisticsSummary], db: None) -> StatisticsSummary:
    return shared_demo[1]


@pytest.fixture
def demo_country(shared_demo: tuple[Country, StatisticsSummary], db: None) -> Country:
    return shared_demo[0]


def day(year: int) -> dt.date:
    return dt.date(year, 2, 24)


Key = tuple[int, str, int, str]  # territory, indicator code, year, sex


def stored() -> dict[Key, tuple[float | None, str, str]]:
    rows = Observation.all_objects.values_list(
        "territory_id", "indicator__code", "year", "sex", "value", "missing", "status"
    )
    return {(t, c, y, s): (v, m, st) for t, c, y, s, v, m, st in rows}
