from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from hromada.demo.models import DemoDataset
from hromada.territories.models import Category
from tests import factories
from tests.members.factories import make_membership

pytestmark = pytest.mark.django_db


def test_home_counts_hromadas_outside_crimea_and_members(client: Client) -> None:
    raion = factories.make_raion(factories.make_oblast())
    member = factories.make_hromada(raion)
    factories.make_hromada(raion)
    crimea = factories.make_hromada(raion)
    crimea.is_crimea = True
    crimea.save()
    factories.TerritoryFactory(category=Category.SPECIAL_CITY, name_uk="Київ")
    make_membership(member)

    overview = client.get("/").context["overview"]
    members = client.get("/").context["members"]

    assert overview.hromadas == 2
    assert overview.oblasts == 1
    assert members.total == 1


def test_every_page_says_when_the_data_are_a_demo(client: Client) -> None:
    assert "Демонстраційний екземпляр" not in client.get("/").content.decode()
    DemoDataset.objects.create(seed=2012)
    assert "Демонстраційний екземпляр" in client.get("/").content.decode()
    assert "Demo instance" in client.get("/en/").content.decode()


def test_the_language_switch_points_to_the_same_page_in_the_other_language(
    client: Client,
) -> None:
    page = client.get("/territories/?x=1").content.decode()
    assert 'href="/en/territories/?x=1"' in page
    english = client.get("/en/territories/").content.decode()
    assert 'href="/territories/"' in english
    assert '<html lang="en">' in english


def test_home_runs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    raion = factories.make_raion(factories.make_oblast())
    for _ in range(3):
        make_membership(factories.make_hromada(raion))
    client.get("/")
    with django_assert_num_queries(3):
        client.get("/")
