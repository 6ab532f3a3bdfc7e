from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.analytics.aggregate_page import stored_aggregate_page
from hromada.analytics.models import SnapshotIndicator
from tests.analytics.factories import Dataset, make_rule_group


def aggregates(client: Client, **query: str) -> Any:
    return client.get(reverse("analytics:aggregates"), query)


def rows(response: Any) -> dict[str, Any]:
    return {row.name: row for row in response.context["page"].rows}


def test_sums_by_oblast_with_coverage(client: Client, dataset: Dataset) -> None:
    result = rows(aggregates(client, indicator="budget.revenue.own", by="oblast", year="2024"))
    poltava = result["Полтавська"]
    assert poltava.raw == 100_000 + 7_800  # Gamma did not report: left out, not zero
    assert (poltava.reported, poltava.members) == (2, 3)
    assert poltava.population_share == "90,3"  # (50,000 + 7,800) / 64,000


def test_derived_indicator_is_a_ratio_of_sums(client: Client, dataset: Dataset) -> None:
    result = rows(
        aggregates(client, indicator="budget.revenue.own_per_capita", by="oblast", year="2023")
    )
    poltava = result["Полтавська"]
    expected = (95_000 + 7_500 + 4_100) * 1000 / (51_000 + 7_900 + 6_100)
    assert poltava.raw == pytest.approx(expected)
    assert poltava.reported == 3


def test_weighted_mean_uses_population(client: Client, dataset: Dataset) -> None:
    result = rows(aggregates(client, indicator="budget.debt_share", by="oblast", year="2024"))
    expected = (10 * 50_000 + 11 * 7_800 + 12 * 6_200) / (50_000 + 7_800 + 6_200)
    assert result["Полтавська"].raw == pytest.approx(expected)


def test_an_indicator_that_is_not_aggregated_has_no_group_value(
    client: Client, dataset: Dataset
) -> None:
    dataset.population.aggregation = "none"
    dataset.population.save()
    response = aggregates(client, indicator="demography.population", by="type")
    assert all(row.raw is None for row in response.context["page"].rows)
    assert (
        "not aggregated"
        in client.get(
            "/en" + reverse("analytics:aggregates"), {"indicator": "demography.population"}
        ).content.decode()
    )


def test_aggregates_by_type_raion_and_peer_group(client: Client, dataset: Dataset) -> None:
    by_type = rows(aggregates(client, indicator="demography.population", by="type", year="2024"))
    assert by_type["сільська громада"].raw == 7_800 + 6_200 + 9_200
    by_raion = aggregates(client, indicator="demography.population", by="raion")
    assert len(by_raion.context["page"].rows) == 2
    group = make_rule_group(dataset)
    by_group = rows(aggregates(client, indicator="demography.population", by="peers", year="2024"))
    assert by_group[group.name_uk].raw == 7_800 + 6_200


def test_aggregates_export_to_xlsx(client: Client, dataset: Dataset) -> None:
    response = aggregates(client, indicator="demography.population", format="xlsx")
    assert response.content[:2] == b"PK"


def test_aggregates_run_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(12):
        aggregates(client, indicator="budget.revenue.own_per_capita", by="oblast")


def test_the_next_indicator_by_oblast_costs_two_queries(
    dataset: Dataset, django_assert_num_queries: Any
) -> None:
    """The snapshot and the frame stay cached under the content stamp: each further
    indicator costs the stamp and its rows, the default year found in the same query."""
    stored_aggregate_page(dataset.population, "oblast", None)
    with django_assert_num_queries(2):
        page = stored_aggregate_page(dataset.debt, "oblast", None)
    covered = SnapshotIndicator.objects.get(indicator_id=dataset.debt.pk).covered_year
    assert page.year == covered == 2024
    assert {row.name: row.reported for row in page.rows} == {"Полтавська": 3, "Сумська": 2}


def test_oblast_names_and_numbers_follow_the_language(dataset: Dataset) -> None:
    with translation.override("en"):
        english = stored_aggregate_page(dataset.population, "oblast", 2024)
    ukrainian = stored_aggregate_page(dataset.population, "oblast", 2024)
    assert [(row.name, row.value) for row in english.rows] == [
        ("Poltavska", "64,000"),
        ("Sumska", "23,700"),
    ]
    assert [(row.name, row.value.replace("\xa0", " ")) for row in ukrainian.rows] == [
        ("Полтавська", "64 000"),
        ("Сумська", "23 700"),
    ]
