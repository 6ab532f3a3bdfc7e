"""Coverage before ranking: an incomplete year is never the default, coverage is honest,
ranks say "of n with a value", occupied hromadas are listed apart, a zero change says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from hromada.analytics.aggregates import national
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import load_frame
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.territories.models import TerritoryStatus, WarStatus
from tests.analytics.factories import Dataset

REVENUE = "budget.revenue.own"


def publish(*values: ValueInput) -> None:
    record_observations(list(values), by=None, reason="test", status=Status.PUBLISHED)


def alpha_reports_2025(dataset: Dataset) -> None:
    """Only Alpha (50,000 of the 87,700 residents) has published 2025, population included."""
    alpha = dataset.hromadas[0].pk
    publish(
        ValueInput(alpha, dataset.revenue.pk, 2025, "", 111_000.0, ""),
        ValueInput(alpha, dataset.population.pk, 2025, "", 50_000.0, ""),
    )


def ranking(client: Client, code: str = REVENUE, **query: str) -> Any:
    return client.get(reverse("analytics:indicator", kwargs={"code": code}), query)


def test_one_published_hromada_does_not_make_its_year_the_default(
    client: Client, dataset: Dataset
) -> None:
    alpha_reports_2025(dataset)
    response = ranking(client)
    page = response.context["page"]
    assert page.year == 2024
    assert (page.held_back_year, page.held_back.reported, page.held_back.expected) == (2025, 1, 5)
    assert "Дані за 2025 ще неповні: звітували 1 з 5 громад" in (response.content.decode())
    chosen = ranking(client, year="2025").context["page"]
    assert (chosen.year, chosen.reported) == (2025, 1)


def test_the_minimum_coverage_is_a_setting(client: Client, dataset: Dataset, settings: Any) -> None:
    alpha_reports_2025(dataset)
    settings.HROMADA_MIN_COVERAGE = 20
    assert ranking(client).context["page"].year == 2025


def test_a_ranking_says_how_many_reported_and_the_population_they_hold(
    client: Client, dataset: Dataset
) -> None:
    response = ranking(client, year="2024")
    text = response.content.decode()
    # Gamma (6,200 of 87,700 residents) did not report its revenue in 2024.
    assert "звітували 4 з 5" in text
    assert "охоплено 93 % населення" in text
    assert "Місце з 4 зі значенням" in text
    assert [row.name for row in response.context["page"].unranked_rows] == ["Гамма"]


def test_population_coverage_uses_the_known_population_of_those_who_did_not_report(
    dataset: Dataset,
) -> None:
    alpha_reports_2025(dataset)
    data = load_data([REVENUE, "demography.population"], load_frame(), catalogue())
    result = national(data, REVENUE)
    column = data.year_index(2025)
    assert int(result.reported[0, column]) == 1
    assert result.population_share[0, column] == pytest.approx(50_000 / 87_700)
    assert not np.isclose(result.population_share[0, column], 1.0)


def test_an_occupied_hromada_is_listed_apart_and_not_ranked(
    client: Client, dataset: Dataset
) -> None:
    delta = dataset.hromadas[3]
    TerritoryStatus.objects.create(
        territory=delta, status=WarStatus.OCCUPIED, start_date=dt.date(2022, 2, 24)
    )
    page = ranking(client, year="2024").context["page"]
    assert "Дельта" not in [row.name for row in page.ranked_rows]
    apart = {row.name: row for row in page.unranked_rows}
    assert apart["Дельта"].occupied
    assert page.reported == 3


def test_a_change_that_rounds_to_zero_reads_no_change(client: Client, dataset: Dataset) -> None:
    url = reverse("analytics:profile", kwargs={"code": dataset.hromadas[0].code})
    page = client.get(url).context["page"]
    rows = {row.indicator.code: row for area in page.areas for row in area.rows}
    # Alpha's debt share is 10.0 every year.
    assert (rows["budget.debt_share"].change, rows["budget.debt_share"].change_sense) == (
        "без змін",
        "same",
    )


def test_numbers_are_rounded_and_never_read_minus_zero() -> None:
    from django.utils import translation

    from hromada.indicators.data_queries import format_number

    with translation.override("uk"):
        assert [format_number(v, d) for v, d in ((92.93, 0), (1.96, 1), (-0.04, 1))] == [
            "93",
            "2,0",
            "0,0",
        ]


def test_a_long_ranking_is_paged_fifty_rows_at_a_time(client: Client, dataset: Dataset) -> None:
    from tests.factories import make_hromada

    raion = dataset.hromadas[0].parent
    extra = [make_hromada(raion, name_uk=f"Громада {n:03}") for n in range(60)]
    publish(*(ValueInput(h.pk, dataset.revenue.pk, 2024, "", 1000.0 + n, "") for n, h in
              enumerate(extra)))  # fmt: skip
    first = ranking(client, year="2024")
    assert len(first.context["shown_ranked"]) == 50
    assert "Рядки 1–50 з 65." in first.content.decode()
    second = ranking(client, year="2024", page="2")
    assert len(second.context["shown_ranked"]) == 14
    assert [row.name for row in second.context["shown_unranked"]] == ["Гамма"]


def test_members_are_compared_by_default_and_everyone_on_request(
    client: Client, dataset: Dataset
) -> None:
    from tests.members.factories import make_membership

    for hromada in dataset.hromadas[:3]:
        make_membership(hromada)
    default = ranking(client, year="2023").context["page"]
    assert (default.members_only, default.reported) == (True, 3)
    everyone = ranking(client, year="2023", members="0").context["page"]
    assert (everyone.members_only, everyone.reported) == (False, 5)


def test_a_profile_card_keeps_to_the_covered_year_and_says_how_many_reported(
    client: Client, dataset: Dataset
) -> None:
    alpha_reports_2025(dataset)
    url = reverse("analytics:profile", kwargs={"code": dataset.hromadas[0].code})
    response = client.get(url)
    rows = {row.indicator.code: row for area in response.context["page"].areas for row in area.rows}
    # Alpha alone has 2025: its card stays on 2024, ranked among the four with a value.
    assert (rows[REVENUE].year, rows[REVENUE].rank_all, rows[REVENUE].count_all) == (2024, "1", 4)
    assert rows[REVENUE].expected_all == 5


def test_a_peer_set_that_never_reports_in_full_defaults_to_its_best_covered_year(
    client: Client, dataset: Dataset, settings: Any
) -> None:
    alpha_reports_2025(dataset)
    # Five hromadas can never reach 100 % here: a sixth never reports.
    settings.HROMADA_MIN_COVERAGE = 100
    from tests.factories import make_hromada

    make_hromada(dataset.hromadas[0].parent, name_uk="Мовчазна")
    page = ranking(client, code="demography.population").context["page"]
    assert (page.year, page.held_back_year) == (2024, 2025)
