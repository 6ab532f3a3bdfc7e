from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests import factories
from tests.analytics.factories import Dataset


def compare(client: Client, query: str) -> Any:
    return client.get(reverse("analytics:compare") + "?" + query)


def test_compare_keeps_its_state_in_the_address(client: Client, dataset: Dataset) -> None:
    alpha, beta, delta = dataset.hromadas[0], dataset.hromadas[1], dataset.hromadas[3]
    query = f"h={alpha.code}&h={beta.code}&h={delta.code}&i=demography.population&year=2023"
    response = compare(client, query)
    result = response.context["result"]
    assert [name for _, name in result.hromadas] == ["Альфа", "Бета", "Дельта"]
    assert result.year == 2023
    assert result.rows[0].cells == ["51\u00a0000", "7\u00a0900", "9\u00a0100"]
    body = response.content.decode()
    assert 'id="lines-0-spec"' in body
    assert 'id="bars-0-spec"' in body


def test_compare_takes_at_most_ten_hromadas_and_names_unknown_codes(
    client: Client, dataset: Dataset
) -> None:
    query = "&".join(f"h={t.code}" for t in dataset.hromadas) + "&h=UA00000000000000001"
    response = compare(client, query)
    assert len(response.context["result"].hromadas) == 5
    assert response.context["hromadas"].unknown == ["UA00000000000000001"]
    assert "UA00000000000000001" in response.content.decode()


def test_compare_exports_every_year(client: Client, dataset: Dataset) -> None:
    query = f"h={dataset.hromadas[0].code}&i=demography.population&format=csv"
    lines = compare(client, query).content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 3


def test_compare_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    query = "&".join(f"h={t.code}" for t in dataset.hromadas)
    with django_assert_num_queries(12):
        compare(client, query + "&i=budget.revenue.own_per_capita&i=budget.debt_share")


def test_compare_takes_hromadas_by_name_and_asks_which_namesake(
    client: Client, dataset: Dataset
) -> None:
    alpha = dataset.hromadas[0]
    namesake = factories.make_hromada(name_uk="Дельта")
    response = compare(client, "h=альфа&h=Дельта&i=demography.population")
    assert [name for _, name in response.context["result"].hromadas] == ["Альфа"]
    ((text, candidates),) = response.context["hromadas"].ambiguous
    assert text == "Дельта"
    assert {c.code for c in candidates} == {dataset.hromadas[3].code, namesake.code}
    body = response.content.decode()
    # The chosen hromada stays ticked; the namesakes come back as boxes to tick.
    assert f'name="h" value="{alpha.code}" checked' in body
    assert f'name="h" value="{namesake.code}">' in body


def test_profile_and_similar_lead_to_compare_in_one_click(client: Client, dataset: Dataset) -> None:
    alpha = dataset.hromadas[0]
    profile = client.get(reverse("analytics:profile", args=[alpha.code])).content.decode()
    assert f'href="{reverse("analytics:compare")}?h={alpha.code}"' in profile
    similar = client.get(
        reverse("analytics:similar", args=[alpha.code]) + "?i=demography.population"
    )
    link = similar.context["compare_query"]
    assert link.startswith(f"h={alpha.code}&h=")
    assert "i=demography.population" in link
    chosen = compare(client, link).context["result"].hromadas
    assert chosen[0][0] == alpha.code and len(chosen) == 1 + similar.context["compare_count"]


def test_compare_groups_indicators_by_area(client: Client, dataset: Dataset) -> None:
    response = compare(client, f"h={dataset.hromadas[0].code}&i=budget.debt_share")
    areas = response.context["indicator_areas"]
    chosen = [item.code for area in areas for item in area.items if item.chosen]
    assert chosen == ["budget.debt_share"]
    assert all(area.items for area in areas)
