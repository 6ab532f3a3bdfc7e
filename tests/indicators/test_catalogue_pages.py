"""Browsing and searching the catalogue, and an indicator's own page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from tests.indicators.factories import activate_english, make_area, make_derived, make_indicator

pytestmark = pytest.mark.django_db
english = pytest.fixture(autouse=True)(activate_english)


@pytest.fixture
def catalogue() -> None:
    make_area("demography", order=1)
    make_area("housing", order=2)
    make_indicator("demography.population", name_uk="Чисельність населення", name_en="Population")
    make_indicator("demography.births", name_uk="Народжені", name_en="Live births")
    make_indicator(
        "housing.osbb", area="housing", name_uk="Кількість об’єднань співвласників", name_en="OSBB"
    )
    make_derived(
        "demography.birth_rate",
        "demography.births / demography.population * 1000",
        name_en="Crude birth rate",
    )


def browse(**params: str) -> list[tuple[str, list[str]]]:
    response = Client().get(reverse("indicators:catalogue"), params)
    return [(g.area.code, [i.code for i in g.indicators]) for g in response.context["groups"]]


def test_the_catalogue_is_grouped_by_area_in_order_with_counts(catalogue: None) -> None:
    response = Client().get(reverse("indicators:catalogue"))
    groups = response.context["groups"]
    assert [(g.area.code, g.count) for g in groups] == [("demography", 3), ("housing", 1)]
    assert response.context["total"] == 4


def test_search_finds_names_in_either_language_and_codes(catalogue: None) -> None:
    assert browse(q="народжені") == [("demography", ["demography.births"])]
    assert browse(q="BIRTH rate") == [("demography", ["demography.birth_rate"])]
    assert browse(q="housing.osbb") == [("housing", ["housing.osbb"])]
    assert browse(q="nothing like this") == []


def test_search_ignores_the_kind_of_apostrophe(catalogue: None) -> None:
    for typed in ("об'єднань", "обʼєднань", "об’єднань", "об`єднань"):
        assert browse(q=typed) == [("housing", ["housing.osbb"])]


def test_the_catalogue_can_be_narrowed_to_one_area(catalogue: None) -> None:
    assert browse(area="housing") == [("housing", ["housing.osbb"])]


def test_the_indicator_page_links_the_inputs_of_its_formula(catalogue: None) -> None:
    response = Client().get(reverse("indicators:detail", args=["demography.birth_rate"]))
    page = response.context["page"]
    assert [i.code for i in page.inputs] == ["demography.births", "demography.population"]
    html = response.content.decode()
    assert f'href="{reverse("indicators:detail", args=["demography.births"])}"' in html
    assert [part.text for part in page.formula if part.indicator] == [
        "demography.births",
        "demography.population",
    ]


def test_the_indicator_page_lists_the_formulas_that_use_it(catalogue: None) -> None:
    response = Client().get(reverse("indicators:detail", args=["demography.population"]))
    assert [i.code for i in response.context["page"].used_by] == ["demography.birth_rate"]


def test_the_indicator_page_shows_the_definition_in_the_reader_language(catalogue: None) -> None:
    with translation.override("en"):
        url = reverse("indicators:detail", args=["demography.population"])
    html = Client().get(url).content.decode()
    assert "Definition in English." in html and "Population" in html


def test_an_unknown_code_is_not_found() -> None:
    assert Client().get("/indicators/demography.nothing/").status_code == 404


def _more_indicators(count: int) -> None:
    for n in range(count):
        make_indicator(f"demography.extra_{n}")
        make_derived(f"demography.extra_share_{n}", f"demography.extra_{n} / demography.population")


def test_the_catalogue_page_reads_a_fixed_number_of_queries(
    catalogue: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = Client()
    url = reverse("indicators:catalogue")
    with django_assert_num_queries(4):
        client.get(url, {"q": "a"})
    _more_indicators(15)
    with django_assert_num_queries(4):
        client.get(url, {"q": "a"})


def test_the_indicator_page_reads_a_fixed_number_of_queries(
    catalogue: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = Client()
    url = reverse("indicators:detail", args=["demography.population"])
    # The fifth query: the practices that target the indicator (indicators.related).
    with django_assert_num_queries(5):
        client.get(url)
    _more_indicators(15)
    with django_assert_num_queries(5):
        assert len(client.get(url).context["page"].used_by) == 16


def test_the_plausible_range_is_shown_in_the_reader_number_format() -> None:
    make_indicator("demography.population", min_value=0.0, max_value=3_500_000.0)
    with translation.override("uk"):
        url = reverse("indicators:detail", args=["demography.population"])
    assert Client().get(url).context["range"] == "0 – 3\xa0500\xa0000"
    make_indicator("demography.births", min_value=None, max_value=40_000.0)
    with translation.override("en"):
        url = reverse("indicators:detail", args=["demography.births"])
    assert Client().get(url).context["range"] == "… – 40,000"
