from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

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
    result = compare(client, query).context["result"]
    assert len(result.hromadas) == 5
    assert result.unknown == ["UA00000000000000001"]


def test_compare_exports_every_year(client: Client, dataset: Dataset) -> None:
    query = f"h={dataset.hromadas[0].code}&i=demography.population&format=csv"
    lines = compare(client, query).content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 3


def test_compare_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    query = "&".join(f"h={t.code}" for t in dataset.hromadas)
    with django_assert_num_queries(10):
        compare(client, query + "&i=budget.revenue.own_per_capita&i=budget.debt_share")
