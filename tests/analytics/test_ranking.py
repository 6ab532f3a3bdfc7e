from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.analytics.snapshot import current_snapshot
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import ComparePer, Status
from hromada.territories.models import TerritoryBoundary
from tests.analytics.factories import Dataset, make_list_group, make_rule_group
from tests.factories import make_hromada, make_raion

SQUARE = {"type": "Polygon", "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 50]]]}


def ranking(client: Client, code: str, **query: str) -> Any:
    url = reverse("analytics:indicator", kwargs={"code": code})
    return client.get(url, query)


def names(response: Any) -> list[str]:
    return [row.name for row in response.context["page"].rows]


def test_ranking_puts_the_best_first_by_polarity(client: Client, dataset: Dataset) -> None:
    response = ranking(client, "budget.debt_share")
    assert names(response)[0] == "Альфа"  # lowest debt share is best
    response = ranking(client, "budget.revenue.own_per_capita")
    assert names(response)[:3] == ["Альфа", "Дельта", "Епсилон"]
    # Gamma did not report in 2024: it is listed last, with the reason.
    last = response.context["page"].rows[-1]
    assert (last.name, last.rank_here) == ("Гамма", "")


def test_ranking_filters_by_oblast_type_and_search(client: Client, dataset: Dataset) -> None:
    assert names(ranking(client, "demography.population", oblast=str(dataset.other_oblast.pk))) == [
        "Епсилон",
        "Дельта",
    ]
    assert set(names(ranking(client, "demography.population", type="village"))) == {
        "Бета",
        "Гамма",
        "Дельта",
    }
    assert names(ranking(client, "demography.population", q="дельт")) == ["Дельта"]


def test_ranking_filters_by_population_band(client: Client, dataset: Dataset) -> None:
    assert set(names(ranking(client, "demography.population", band="5k-10k"))) == {
        "Бета",
        "Гамма",
        "Дельта",
    }


def test_ranking_of_a_past_year(client: Client, dataset: Dataset) -> None:
    response = ranking(client, "demography.population", year="2022")
    assert response.context["page"].year == 2022
    assert response.context["page"].rows[0].value == "52\u00a0000"


def test_changing_the_peer_group_ranks_within_it(client: Client, dataset: Dataset) -> None:
    beta = dataset.hromadas[1]
    group = make_rule_group(dataset)
    response = ranking(client, "budget.revenue.own", hromada=beta.code, peers=group.key)
    page = response.context["page"]
    assert names(response) == ["Бета", "Гамма"]
    assert page.selected.rank_here == "1"
    assert page.selected.rank_all == "4"
    response = ranking(client, "budget.revenue.own", hromada=beta.code, peers="oblast")
    assert set(names(response)) == {"Альфа", "Бета", "Гамма"}


def test_a_saved_list_is_a_peer_group(client: Client, dataset: Dataset) -> None:
    group = make_list_group([dataset.hromadas[0], dataset.hromadas[4]])
    response = ranking(client, "demography.population", peers=group.key)
    assert names(response) == ["Альфа", "Епсилон"]


def test_sorting_by_name_and_value(client: Client, dataset: Dataset) -> None:
    assert names(ranking(client, "demography.population", sort="name"))[0] == "Альфа"
    assert names(ranking(client, "demography.population", sort="value"))[0] == "Гамма"


def test_without_boundaries_the_page_says_so_and_keeps_the_table(
    client: Client, dataset: Dataset
) -> None:
    body = ranking(client, "demography.population").content.decode()
    assert 'id="map-missing"' in body
    assert "import_boundaries" not in body  # a developer's command is no visitor's business
    assert 'id="ranking"' in body


def test_with_boundaries_the_map_is_drawn_from_a_cached_geojson(
    client: Client, dataset: Dataset
) -> None:
    TerritoryBoundary.objects.create(territory=dataset.hromadas[0], geometry=SQUARE)
    body = ranking(client, "demography.population").content.decode()
    assert 'id="map-spec"' in body
    assert (
        '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' in body
    )
    response = client.get(reverse("analytics:boundaries"))
    geo = json.loads(response.content)
    assert geo["features"][0]["properties"]["name"] == dataset.hromadas[0].code
    again = client.get(reverse("analytics:boundaries"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_trend_shows_the_national_ratio_of_sums(client: Client, dataset: Dataset) -> None:
    alpha = dataset.hromadas[0]
    page = ranking(client, "budget.revenue.own_per_capita", hromada=alpha.code).context["page"]
    ukraine = page.trend["series"][0]["values"]
    # 2024: Gamma has no revenue, so it is out of both sums (complete cases).
    revenue = 100_000 + 7_800 + 14_000 + 22_000
    people = 50_000 + 7_800 + 9_200 + 14_500
    assert ukraine[-1] == pytest.approx(revenue * 1000 / people)
    assert page.trend["series"][1]["name"] == "Полтавська"


def test_ranking_exports_to_csv(client: Client, dataset: Dataset) -> None:
    response = ranking(client, "demography.population", format="csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 6
    assert dataset.hromadas[0].code in lines[1]


@pytest.mark.parametrize("extra", [0, 6])
def test_ranking_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any, extra: int
) -> None:
    make_rule_group(dataset)
    for _ in range(extra):
        make_hromada(make_raion(dataset.oblast))
    current_snapshot()  # the worker's rebuild for the new hromadas
    with django_assert_num_queries(17):
        ranking(client, "budget.revenue.own_per_capita", hromada=dataset.hromadas[0].code)


def test_the_same_ranking_again_is_served_from_the_cache_until_a_publication(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    first = ranking(client, "budget.revenue.own", year="2023").content.decode()
    with django_assert_num_queries(3):  # the indicator, the content stamp, the demo flag
        again = ranking(client, "budget.revenue.own", year="2023").content.decode()
    assert again == first
    alpha = dataset.hromadas[0]
    change = [ValueInput(alpha.pk, dataset.revenue.pk, 2023, "", 987_654.0, "")]
    record_observations(change, by=None, reason="correction", status=Status.PUBLISHED)
    after = ranking(client, "budget.revenue.own", year="2023").content.decode()
    assert "987" in after and "987" not in first


def test_trend_follows_the_oblast_filter(client: Client, dataset: Dataset) -> None:
    page = ranking(client, "demography.population", oblast=str(dataset.other_oblast.pk))
    series = page.context["page"].trend["series"]
    assert [s["name"] for s in series] == ["Україна (усі громади)", "Сумська"]
    assert series[1]["values"][-1] == 9_200 + 14_500


def test_the_distribution_names_its_axes_with_the_unit(client: Client, dataset: Dataset) -> None:
    response = ranking(client, "budget.revenue.own_per_capita")
    spec = response.context["charts"]["distribution"]["spec"]
    unit = response.context["page"].unit
    assert spec["x_name"] == f"значення, {unit}"
    assert spec["y_name"] == "кількість громад"
    assert "кількість громад" in response.content.decode()  # the data table's header too


def test_the_trend_of_a_count_compared_per_1000_residents_is_per_1000_residents(
    client: Client, dataset: Dataset
) -> None:
    dataset.revenue.compare_per = ComparePer.THOUSAND
    dataset.revenue.save()
    current_snapshot()  # the worker's rebuild after the catalogue change
    alpha = dataset.hromadas[0]
    response = ranking(client, "budget.revenue.own", hromada=alpha.code)
    ukraine, poltava, own = response.context["page"].trend["series"]
    # 2024: Gamma reported no revenue, so neither its revenue nor its people count.
    revenue = 100_000 + 7_800 + 14_000 + 22_000
    people = 50_000 + 7_800 + 9_200 + 14_500
    assert ukraine["values"][-1] == pytest.approx(revenue * 1000 / people)
    assert poltava["values"][-1] == pytest.approx((100_000 + 7_800) * 1000 / (50_000 + 7_800))
    assert own["values"][-1] == pytest.approx(100_000 * 1000 / 50_000)
    chart = response.context["charts"]["trend"]
    assert chart["spec"]["unit"] == response.context["page"].measure_unit
    assert "1 000" in chart["spec"]["unit"] or "1,000" in chart["spec"]["unit"]
    assert "÷" in chart["description"]

    raw = ranking(client, "budget.revenue.own", hromada=alpha.code, measure="raw")
    assert raw.context["page"].trend["series"][0]["values"][-1] == revenue
