"""The public pages: browse, a territory's page, search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from hromada.territories import panels
from hromada.territories.models import Territory
from hromada.territories.panels import Panel
from tests.territories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Territory]:
    return f.make_tree()


@pytest.fixture
def no_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Query counts are about this app's pages; other apps' panels are counted by them."""
    monkeypatch.setattr(panels, "_builders", [])


# Every page also asks once whether the site shows demo data (web's context processor).
SITE = 1


def url(name: str, *args: str, language: str = "uk") -> str:
    with translation.override(language):
        return reverse(f"territories:{name}", args=args)


def detail_url(territory: Territory, language: str = "uk") -> str:
    return url("detail", territory.code, language=language)


def test_browse_lists_oblasts_and_special_cities_with_counts(
    client: Client, tree: dict[str, Territory]
) -> None:
    html = client.get(url("browse")).content.decode()
    assert "Вінницька" in html and "Київ" in html
    row = html[html.index("Вінницька") :]
    assert '<td class="num">1</td>' in row  # one raion, one hromada


def test_browse_counts_only_valid_units(client: Client, tree: dict[str, Territory]) -> None:
    f.make_territory("UA05040000000012345", "P", "Колишній", tree["oblast"], oblast=tree["oblast"])
    Territory.objects.filter(code="UA05040000000012345").update(valid_to=dt.date(2024, 1, 1))
    rows = client.get(url("browse")).context["rows"]
    vinnytska = next(r for r in rows if r.territory.code == f.OBLAST)
    assert (vinnytska.raions, vinnytska.hromadas) == (1, 1)


def test_browse_runs_a_fixed_number_of_queries(
    client: Client, tree: dict[str, Territory], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(5):
        f.make_territory(f"UA9{n}000000000012345", "O", f"Область {n}")
    with django_assert_num_queries(2 + SITE):  # regions, grouped counts
        client.get(url("browse"))


def test_a_hromada_page_shows_breadcrumbs_type_centre_and_settlements(
    client: Client, tree: dict[str, Territory]
) -> None:
    with_en = client.get(detail_url(tree["hromada"], "en"))
    html = with_en.content.decode()
    assert with_en.status_code == 200
    assert html.index("Vinnytska") < html.index("Vinnytskyi")  # oblast, then raion
    assert "city hromada" in html
    assert 'Vinnytsia</a> <span class="badge">centre' in html
    assert "Vinnytski Khutory" in html


def test_a_raion_page_lists_its_hromadas_with_type_and_centre(
    client: Client, tree: dict[str, Territory]
) -> None:
    html = client.get(detail_url(tree["raion"], "en")).content.decode()
    assert "Vinnytska" in html and "city hromada" in html and "Vinnytsia" in html


def test_a_retired_code_is_shown_as_such(client: Client, tree: dict[str, Territory]) -> None:
    Territory.objects.filter(pk=tree["village"].pk).update(valid_to=dt.date(2025, 5, 16))
    html = client.get(detail_url(tree["village"], "en")).content.decode()
    assert "Retired code" in html and "16.05.2025" in html


def test_wartime_statuses_appear_on_the_page(client: Client, tree: dict[str, Territory]) -> None:
    f.make_status(tree["hromada"], end_date=dt.date(2022, 4, 30), note="deoccupied")
    html = client.get(detail_url(tree["hromada"], "en")).content.decode()
    assert "temporarily occupied" in html and "30.04.2022" in html


def test_an_unknown_code_is_404(client: Client, db: None) -> None:
    response = client.get(url("detail", "UA00000000000000000"))
    assert response.status_code == 404


def test_the_detail_page_runs_a_fixed_number_of_queries(
    client: Client,
    tree: dict[str, Territory],
    no_panels: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for n in range(5):
        f.make_territory(f"UA0502003{n + 4:03d}0012345", "C", f"Село {n}", tree["hromada"])
        f.make_status(
            tree["hromada"], start_date=dt.date(2022, 3, n + 1), end_date=dt.date(2022, 3, n + 1)
        )
    with django_assert_num_queries(3 + SITE):  # territory with ancestors, statuses, children
        client.get(detail_url(tree["hromada"]))


def test_panels_of_other_apps_render_with_their_own_context(
    client: Client, tree: dict[str, Territory], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(panels, "_builders", [])

    def note(request: HttpRequest, territory: Territory) -> Panel | None:
        context = {"panel_id": "t", "title": "Budget", "text": f"Data for {territory.code}"}
        return Panel("territories/panel_note.html", context)

    panels.register(note)
    html = client.get(detail_url(tree["hromada"])).content.decode()
    assert '<h2 id="panel-t">Budget</h2>' in html and f"Data for {f.HROMADA}" in html


def test_search_finds_by_apostrophe_variant_and_shows_the_oblast(
    client: Client, tree: dict[str, Territory]
) -> None:
    f.make_territory(
        "UA05020030040012345",
        "C",
        "Мʼякоти",
        tree["hromada"],
        oblast=tree["oblast"],
        raion=tree["raion"],
    )
    response = client.get(url("search"), {"q": "м'якоти"})
    html = response.content.decode()
    assert "Мʼякоти" in html and "Вінницький" in html and "Вінницька" in html


def test_an_exact_code_goes_straight_to_the_page(
    client: Client, tree: dict[str, Territory]
) -> None:
    response = client.get(url("search"), {"q": f" {f.HROMADA.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == detail_url(tree["hromada"])


def test_search_results_are_paginated_in_a_fixed_number_of_queries(
    client: Client, tree: dict[str, Territory], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(30):
        f.make_territory(
            f"UA0502003{n + 10:03d}0012345",
            "C",
            f"Лужок {n}",
            tree["hromada"],
            oblast=tree["oblast"],
        )
    with django_assert_num_queries(2 + SITE):  # count, page
        response = client.get(url("search"), {"q": "лужок", "page": "2"})
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 5
