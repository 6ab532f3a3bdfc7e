from __future__ import annotations

import datetime as dt

import pytest

from hromada.members.demo import build_members_demo
from hromada.members.models import Dues, Membership, MembershipChange, Person, RegionalBranch
from hromada.territories.models import Category, HromadaType, Territory
from tests import factories
from tests.members.factories import make_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def country() -> dict[str, list[Territory]]:
    """Two mainland oblasts with 6 city, 8 settlement and 14 village hromadas, and Crimea."""
    tree: dict[str, list[Territory]] = {"city": [], "settlement": [], "village": [], "crimea": []}
    for name_uk, name_en in [("Полтавська", "Poltavska"), ("Сумська", "Sumska")]:
        raion = factories.make_raion(factories.make_oblast(name_uk, name_en))
        centre = factories.make_hromada(raion, name_uk=name_uk, hromada_type=HromadaType.CITY)
        tree["city"].append(centre)
        tree["city"] += [factories.make_hromada(raion, hromada_type="city") for _ in range(2)]
        tree["settlement"] += [
            factories.make_hromada(raion, hromada_type="settlement") for _ in range(4)
        ]
        tree["village"] += [factories.make_hromada(raion, hromada_type="village") for _ in range(7)]
    crimea = factories.make_oblast("Автономна Республіка Крим", "Avtonomna Respublika Krym")
    Territory.objects.filter(pk=crimea.pk).update(is_crimea=True)
    crimean_raion = factories.make_raion(crimea)
    for kind in ("city", "village"):
        hromada = factories.make_hromada(crimean_raion, hromada_type=kind)
        Territory.objects.filter(pk=hromada.pk).update(is_crimea=True)
        tree["crimea"].append(hromada)
    return tree


def snapshot() -> list[tuple[str, str, dt.date]]:
    return sorted(
        Membership.objects.filter(is_demo=True).values_list(
            "territory__code", "status", "joined_on"
        )
    )


def test_demo_takes_every_city_and_a_sample_of_the_rest_but_nothing_in_crimea(
    country: dict[str, list[Territory]],
) -> None:
    summary = build_members_demo(seed=7)
    members = set(Membership.objects.values_list("territory_id", flat=True))
    assert {h.pk for h in country["city"]} <= members
    assert not members & {h.pk for h in country["crimea"]}
    assert summary.members == len(members) == round(28 * 1000 / 1470)
    chosen_others = members - {h.pk for h in country["city"]}
    assert 0 < len(chosen_others) < 22


def test_only_cities_joined_before_2016_and_founders_joined_in_1992(
    country: dict[str, list[Territory]],
) -> None:
    build_members_demo(seed=7)
    for membership in Membership.objects.select_related("territory"):
        if membership.territory.hromada_type != HromadaType.CITY:
            assert membership.joined_on >= dt.date(2016, 1, 1)
        assert dt.date(1992, 1, 1) <= membership.joined_on <= dt.date(2024, 12, 31)
    founders = Membership.objects.filter(joined_on__year=1992)
    assert founders.count() == 6  # fewer than 35 cities exist here: all are founders
    assert Membership.objects.filter(territory__name_uk="Полтавська", joined_on__year=1992).exists()


def test_the_same_seed_gives_the_same_registry(country: dict[str, list[Territory]]) -> None:
    build_members_demo(seed=11)
    first = snapshot()
    first_people = sorted(Person.objects.values_list("full_name", "email"))
    build_members_demo(seed=11)
    assert snapshot() == first
    assert sorted(Person.objects.values_list("full_name", "email")) == first_people


def test_running_twice_does_not_duplicate_and_keeps_real_members(
    country: dict[str, list[Territory]],
) -> None:
    real = make_membership(country["village"][0], decision="справжнє рішення")
    summary = build_members_demo(seed=3)
    counts = (
        Membership.objects.count(),
        Dues.objects.count(),
        Person.objects.count(),
        RegionalBranch.objects.count(),
        MembershipChange.objects.count(),
    )
    again = build_members_demo(seed=3)
    assert again == summary
    assert counts == (
        Membership.objects.count(),
        Dues.objects.count(),
        Person.objects.count(),
        RegionalBranch.objects.count(),
        MembershipChange.objects.count(),
    )
    real.refresh_from_db()
    assert not real.is_demo and real.decision == "справжнє рішення"


def test_every_member_gets_dues_officials_and_every_oblast_a_branch(
    country: dict[str, list[Territory]],
) -> None:
    summary = build_members_demo(seed=5)
    assert set(Dues.objects.values_list("year", flat=True)) <= set(range(2021, 2026))
    assert summary.dues == Dues.objects.filter(is_demo=True).count() > 0
    for membership in Membership.objects.all():
        assert 2 <= Person.objects.filter(hromada=membership.territory).count() <= 4
    assert all(p.is_demo for p in Person.objects.all())
    assert all(p.email.endswith("@example.org") for p in Person.objects.all())
    assert all(p.phone.startswith("+380 00 ") for p in Person.objects.all())
    heads = Person.objects.filter(position="міський голова").count()
    assert heads == len(country["city"])
    branches = RegionalBranch.objects.select_related("oblast")
    assert sorted(b.name_uk for b in branches) == [
        "Полтавське регіональне відділення АМУ",
        "Сумське регіональне відділення АМУ",
    ]
    assert Territory.objects.filter(category=Category.OBLAST, is_crimea=True).exists()


def test_some_dues_are_left_unpaid(country: dict[str, list[Territory]]) -> None:
    summary = build_members_demo(seed=5)
    assert 0 < summary.unpaid < summary.dues
    assert summary.unpaid == Dues.objects.filter(paid_on__isnull=True).count()


def test_founders_are_the_big_cities_before_small_towns() -> None:
    raion = factories.make_raion(factories.make_oblast())
    towns = [factories.make_hromada(raion, hromada_type="city") for _ in range(40)]
    big = towns[-1]
    centre = factories.TerritoryFactory(category=Category.CITY, parent=big, name_uk="Місто")
    factories.TerritoryFactory(category=Category.CITY_DISTRICT, parent=centre)
    build_members_demo(seed=1)
    founders = Membership.objects.filter(joined_on__year=1992)
    assert founders.count() == 35
    assert founders.filter(territory=big).exists()
