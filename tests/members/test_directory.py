from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.territories.models import HromadaType, Territory
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership
from tests.members.queries import queries_of

pytestmark = pytest.mark.django_db
URL = reverse("members:directory")


@pytest.fixture
def registry(personas: Personas) -> dict[str, Territory]:
    """Three members in Poltava oblast (one suspended), one in Sumy oblast, one non-member."""
    raion = personas.hromada.raion
    assert raion is not None
    city = factories.make_hromada(
        raion, name_uk="Полтавська", name_en="Poltavska", hromada_type=HromadaType.CITY
    )
    suspended = factories.make_hromada(raion, name_uk="Мачухівська", name_en="Machukhivska")
    make_membership(personas.hromada, is_demo=True)
    make_membership(city, joined_on=dt.date(1992, 12, 10))
    make_membership(suspended, status="suspended")
    make_membership(personas.other_hromada)
    factories.make_hromada(raion, name_uk="Новосанжарська", name_en="Novosanzharska")
    return {"city": city, "suspended": suspended}


def names(client: Client, **params: str) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [m.territory.name_uk for m in response.context["rows"]]


def test_directory_lists_active_members_by_default(client: Client, registry: object) -> None:
    assert names(client) == ["Миколаївська", "Полтавська", "Решетилівська"]


def test_directory_filters_by_oblast_type_and_status(
    client: Client, personas: Personas, registry: object
) -> None:
    assert names(client, oblast=personas.other_oblast.code) == ["Миколаївська"]
    assert names(client, hromada_type="city") == ["Полтавська"]
    assert names(client, status="suspended") == ["Мачухівська"]
    assert len(names(client, status="all")) == 4


def test_directory_search_ignores_case_and_finds_codes(
    client: Client, registry: dict[str, Territory]
) -> None:
    assert names(client, q="ПОЛТАВ") == ["Полтавська"]
    assert names(client, q="poltav") == ["Полтавська"]
    assert names(client, q=registry["city"].code) == ["Полтавська"]


def test_rows_link_to_member_pages_and_demo_rows_carry_a_badge(
    client: Client, personas: Personas, registry: object
) -> None:
    html = client.get(URL).content.decode()
    assert reverse("members:member", args=[personas.hromada.code]) in html
    assert html.count('class="badge warn"') == 1


def test_side_table_counts_active_members_by_oblast(
    client: Client, personas: Personas, registry: object
) -> None:
    rows = client.get(URL).context["oblast_rows"]
    counts = {row.oblast.name_uk: row.members for row in rows}
    assert counts == {"Полтавська": 2, "Сумська": 1}


def test_directory_is_paginated(client: Client, personas: Personas) -> None:
    raion = personas.hromada.raion
    assert raion is not None
    for _ in range(55):
        make_membership(factories.make_hromada(raion))
    first = client.get(URL)
    second = client.get(URL, {"page": "2"})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    assert "page=2" in first.content.decode()


def test_directory_queries_do_not_grow_with_members(
    client: Client, personas: Personas, django_assert_num_queries: Any
) -> None:
    raion = personas.hromada.raion
    assert raion is not None
    make_membership(factories.make_hromada(raion))
    few = queries_of(client, URL)
    for _ in range(20):
        make_membership(factories.make_hromada(raion))
    with django_assert_num_queries(few):
        client.get(URL)


def test_directory_follows_the_ukrainian_alphabet(client: Client, personas: Personas) -> None:
    raion = personas.hromada.raion
    assert raion is not None
    for name_uk, name_en in [("Ірпінська", "Irpinska"), ("Ґалаганівська", "Galaganivska")]:
        make_membership(factories.make_hromada(raion, name_uk=name_uk, name_en=name_en))
    make_membership(personas.hromada)
    assert names(client) == ["Ґалаганівська", "Ірпінська", "Решетилівська"]
    english = client.get("/en" + URL).context["rows"]
    assert [m.territory.name_en for m in english] == ["Galaganivska", "Irpinska", "Reshetylivska"]
