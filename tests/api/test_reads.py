"""The public read endpoints: published data only, filters, analytics reused."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.members.models import Membership, MembershipStatus
from hromada.territories.models import TerritoryStatus, WarStatus
from tests.analytics.factories import Dataset, make_rule_group
from tests.api.helpers import assert_problem, data

pytestmark = pytest.mark.django_db


def test_draft_values_never_appear_in_the_public_api(client: Client, dataset: Dataset) -> None:
    hromada = dataset.hromadas[0]
    draft = [ValueInput(hromada.pk, dataset.population.pk, 2025, "", 1.0, "")]
    record_observations(draft, by=None, reason="test", status=Status.DRAFT)
    rows = data(client.get("/api/v1/observations?year_from=2025&limit=1000"))["items"]
    assert rows == []
    assert len(data(client.get("/api/v1/observations?limit=1000"))["items"]) == 45


def test_observations_filter_by_territory_years_and_area(client: Client, dataset: Dataset) -> None:
    first, second = dataset.hromadas[0].code, dataset.hromadas[1].code
    url = f"/api/v1/observations?territory={first}&territory={second}&area=budget&year_to=2022"
    rows = data(client.get(url))["items"]
    assert {r["territory"] for r in rows} == {first, second}
    assert {r["indicator"] for r in rows} == {"budget.revenue.own", "budget.debt_share"}
    assert {r["year"] for r in rows} == {2022}


def test_a_missing_value_is_a_typed_gap_not_zero(client: Client, dataset: Dataset) -> None:
    gamma = dataset.hromadas[2].code
    url = f"/api/v1/observations?territory={gamma}&indicator=budget.revenue.own&year_from=2024"
    [row] = data(client.get(url))["items"]
    assert (row["value"], row["missing"]) == (None, "not_reported")


def test_territories_filter_by_level_parent_type_and_search(
    client: Client, dataset: Dataset
) -> None:
    raion = dataset.hromadas[0].parent
    assert raion is not None
    url = f"/api/v1/territories?level=hromada&parent={raion.code}&type=village"
    assert [t["name_en"] for t in data(client.get(url))["items"]] == ["H1", "H2"]
    found = data(client.get("/api/v1/territories?q=Епсилон"))["items"]
    assert [t["name_en"] for t in found] == ["H4"]


def test_territories_filter_by_membership_and_occupation(client: Client, dataset: Dataset) -> None:
    alpha, beta = dataset.hromadas[0], dataset.hromadas[1]
    Membership.objects.create(
        territory=alpha, joined_on=datetime.date(2020, 1, 1), status=MembershipStatus.ACTIVE
    )
    TerritoryStatus.objects.create(
        territory=beta, status=WarStatus.OCCUPIED, start_date=datetime.date(2022, 3, 1)
    )
    members = data(client.get("/api/v1/territories?member=true"))["items"]
    assert [(t["code"], t["is_member"]) for t in members] == [(alpha.code, True)]
    occupied = data(client.get("/api/v1/territories?war_status=occupied"))["items"]
    assert [(t["code"], t["war_status"]) for t in occupied] == [(beta.code, "occupied")]
    listed = data(client.get("/api/v1/members"))["items"]
    assert [(m["code"], m["status"]) for m in listed] == [(alpha.code, "active")]


def test_a_territory_list_costs_constant_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(3):  # type: ignore[operator]
        few = data(client.get("/api/v1/territories?limit=2"))
    with django_assert_num_queries(3):  # type: ignore[operator]
        many = data(client.get("/api/v1/territories?limit=9"))
    assert (len(few["items"]), len(many["items"])) == (2, 9)


def test_indicators_show_their_formula_and_versions(client: Client, dataset: Dataset) -> None:
    code = "budget.revenue.own_per_capita"
    indicator = data(client.get(f"/api/v1/indicators/{code}"))
    assert indicator["formula"] == "budget.revenue.own * 1000 / demography.population"
    assert indicator["area"] == "budget"
    versions = data(client.get(f"/api/v1/indicators/{code}/versions"))
    assert [v["version"] for v in versions] == [1]
    areas = data(client.get("/api/v1/areas"))
    assert [a["code"] for a in areas] == ["budget", "demography"]
    assert_problem(client.get("/api/v1/indicators/no.such"), 404)


def test_a_ranking_gives_rank_percentile_and_quartile(client: Client, dataset: Dataset) -> None:
    # Per resident: a summed total compared as it is would get no quartile (fair.py).
    url = "/api/v1/rankings?indicator=budget.revenue.own_per_capita&year=2023"
    result = data(client.get(url))
    assert result["year"] == 2023
    top = result["items"][0]
    assert (top["name"], top["rank"], top["percentile"], top["quartile"]) == ("Альфа", 1, 100, 4)
    assert result["reported"] == 5


def test_a_ranking_within_a_peer_group_ranks_only_the_peers(
    client: Client, dataset: Dataset
) -> None:
    group = make_rule_group(dataset)
    url = f"/api/v1/rankings?indicator=budget.revenue.own&year=2023&peers={group.key}"
    result = data(client.get(url))
    assert [(r["name"], r["rank"]) for r in result["items"]] == [("Бета", 1), ("Гамма", 2)]
    keys = [g["key"] for g in data(client.get("/api/v1/peer-groups"))]
    assert group.key in keys and "type_band" in keys


def test_a_relative_peer_group_needs_a_hromada(client: Client, dataset: Dataset) -> None:
    document = assert_problem(
        client.get("/api/v1/rankings?indicator=budget.revenue.own&peers=type"), 400
    )
    assert document["errors"][0]["field"] == "hromada"


def test_aggregates_report_coverage(client: Client, dataset: Dataset) -> None:
    url = "/api/v1/aggregates?indicator=budget.revenue.own&by=oblast&year=2024"
    rows = data(client.get(url))["items"]
    assert [(r["value"], r["reported"], r["members"]) for r in rows] == [
        (107_800.0, 2, 3),
        (36_000.0, 2, 2),
    ]


def test_similar_hromadas_are_listed_nearest_first(client: Client, dataset: Dataset) -> None:
    result = data(client.get(f"/api/v1/similar/{dataset.hromadas[1].code}"))
    distances = [r["distance"] for r in result["items"]]
    assert distances == sorted(distances)
    assert dataset.hromadas[1].code not in {r["territory"] for r in result["items"]}
