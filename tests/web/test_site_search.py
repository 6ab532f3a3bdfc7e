"""The header's search finds hromadas, indicators, news, bills, positions, problems, events
and practices in one page, whatever the case or apostrophe, and shows the public only what
is published."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from hromada.appeals.models import Problem
from hromada.learning.models import Event, EventKind
from hromada.legislation.models import Bill, Position, Stance
from hromada.territories.models import Territory
from hromada.workspaces.models import NewsState
from tests.conftest import Personas
from tests.factories import make_hromada, make_raion
from tests.indicators.factories import make_indicator
from tests.workspaces.factories import make_news


def _search(client: Client, query: str) -> str:
    response = client.get(reverse("web:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kamianets(personas: Personas) -> Territory:
    hromada: Territory = make_hromada(
        make_raion(personas.oblast, "Кам’янецький", "Kamianetskyi"),
        name_uk="Кам’янець-Подільська",
        name_en="Kamianets-Podilska",
    )
    return hromada


def test_one_query_finds_matches_in_every_room(
    client: Client, personas: Personas, kamianets: Territory
) -> None:
    make_indicator("budget.bridges", area="budget", name_uk="Мости громади", name_en="Bridges")
    make_news(title="Новий міст у громаді")
    bill = Bill(number="11029", title="Про ремонт мостів і міст місцевого значення")
    bill.refresh_search_text()
    bill.save()
    Position.objects.create(
        bill=bill,
        title="Позиція щодо мостів",
        stance=Stance.SUPPORT,
        summary="Міст потрібен громадам.",
        published_on=dt.date(2026, 1, 5),
    )
    Problem.objects.create(
        title="Зруйнований міст",
        description="Міст через річку.",
        hromada=kamianets,
        is_public=True,
    )
    Event.objects.create(
        title="Школа мостів",
        kind=EventKind.COURSE,
        programme="Як утримувати міст.",
        capacity=20,
        credits=Decimal("1.0"),
    )
    page = _search(client, "міст")
    for group in ("Новини", "Законопроєкти", "Позиції", "Навчальні заходи"):
        assert group in page
    assert "Новий міст у громаді" in page
    assert "№ 11029" in page
    assert "Позиція щодо мостів" in page
    assert "Зруйнований міст" in page
    assert "Школа мостів" in page


@pytest.mark.parametrize("query", ["кам'янець", "КАМʼЯНЕЦЬ", "Кам`янець", "kamianets"])
def test_case_and_apostrophe_do_not_matter(
    client: Client, kamianets: Territory, query: str
) -> None:
    page = _search(client, query)
    assert "Кам’янець-Подільська" in page


def test_the_public_sees_only_published_items_and_staff_see_their_own(
    client: Client, personas: Personas, kamianets: Territory
) -> None:
    make_news(title="Чернетка про вибори", state=NewsState.DRAFT)
    make_news(title="Опублікована новина про вибори")
    Problem.objects.create(
        title="Внутрішня проблема про вибори", description="—", hromada=personas.hromada
    )
    Position.objects.create(
        bill=Bill.objects.create(number="9999", title="Інший"),
        title="Неопублікована позиція про вибори",
        stance=Stance.SUPPORT,
        summary="—",
    )
    page = _search(client, "вибори")
    assert "Опублікована новина про вибори" in page
    assert "Чернетка про вибори" not in page
    assert "Внутрішня проблема про вибори" not in page
    assert "Неопублікована позиція про вибори" not in page

    client.force_login(personas.analyst)
    page = _search(client, "вибори")
    assert "Внутрішня проблема про вибори" in page
    assert "Неопублікована позиція про вибори" in page
    assert "Чернетка про вибори" not in page  # drafts stay on the news desk


def test_a_katottg_code_opens_its_territory(client: Client, kamianets: Territory) -> None:
    response = client.get(reverse("web:search"), {"q": kamianets.code.lower()})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/territories/{kamianets.code}/")


def test_nothing_found_says_so_and_an_empty_query_lists_nothing(client: Client, db: None) -> None:
    assert "нічого не знайдено" in _search(client, "абвгґдщ")
    page = _search(client, "   ")
    assert "нічого не знайдено" not in page
    assert 'id="search-q"' in page


def test_the_header_search_goes_to_the_site_search(client: Client, db: None) -> None:
    page = client.get(reverse("web:home")).content.decode()
    assert f'action="{reverse("web:search")}"' in page


def test_a_long_result_list_shows_five_and_links_to_the_rooms_own_search(
    client: Client, personas: Personas
) -> None:
    raion = make_raion(personas.oblast, "Гірський", "Hirskyi")
    for number in range(7):
        make_hromada(raion, name_uk=f"Зелена Гора {number}", name_en=f"Zelena Hora {number}")
    page = _search(client, "зелена гора")
    assert page.count("Зелена Гора ") == 5
    assert reverse("territories:search") + "?q=" in page


def test_the_search_page_reads_a_bounded_number_of_queries(
    client: Client, personas: Personas, django_assert_max_num_queries: object
) -> None:
    for number in range(10):
        make_news(title=f"Новина про бюджет {number}")
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        _search(client, "бюджет")
