from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.analytics.factories import Dataset


def similar(client: Client, code: str, **query: Any) -> Any:
    return client.get(reverse("analytics:similar", kwargs={"code": code}), query)


def test_similar_hromadas_are_ordered_by_distance_with_reasons(
    client: Client, dataset: Dataset
) -> None:
    beta = dataset.hromadas[1]
    result = similar(client, beta.code, i=["demography.population"]).context["result"]
    # Beta has 7,800 residents: Gamma (6,200) and Delta (9,200) are nearest.
    assert [n.name for n in result.neighbours][:2] in (["Гамма", "Дельта"], ["Дельта", "Гамма"])
    assert result.neighbours[0].shares == ["100"]
    assert result.neighbours[-1].name == "Альфа"


def test_default_indicators_come_from_the_catalogue(client: Client, dataset: Dataset) -> None:
    result = similar(client, dataset.hromadas[0].code).context["result"]
    assert [i.code for i in result.indicators] == [
        "demography.population",
        "budget.revenue.own_per_capita",
    ]


def test_weights_change_the_order(client: Client, dataset: Dataset) -> None:
    delta = dataset.hromadas[3]
    codes = ["demography.population", "budget.debt_share"]
    by_size = similar(client, delta.code, i=codes, w=["1", "0"]).context["result"]
    by_debt = similar(client, delta.code, i=codes, w=["0", "1"]).context["result"]
    assert by_size.neighbours[0].name == "Бета"
    assert {by_debt.neighbours[0].name, by_debt.neighbours[1].name} == {"Гамма", "Епсилон"}
