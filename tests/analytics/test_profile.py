from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from hromada.analytics.snapshot import current_snapshot
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.territories.models import TerritoryStatus, WarStatus
from tests.analytics.factories import Dataset, make_dataset, make_rule_group
from tests.factories import make_hromada, make_raion


def profile_url(code: str, **query: str) -> str:
    url = reverse("analytics:profile", kwargs={"code": code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_profile_shows_rank_among_all_hromadas_and_among_peers(
    client: Client, dataset: Dataset
) -> None:
    alpha = dataset.hromadas[0]
    page = client.get(profile_url(alpha.code, peers="oblast"))
    profile = page.context["page"]
    rows = {row.indicator.code: row for area in profile.areas for row in area.rows}
    own = rows["budget.revenue.own_per_capita"]
    # Alpha: 100,000 thousand UAH / 50,000 residents = 2,000 UAH per resident, the best of 4.
    assert own.value == "2\u00a0000"
    assert (own.rank_all, own.count_all) == ("1", 4)
    # Its oblast holds Alpha, Beta and Gamma; Gamma has no revenue in 2024.
    assert (own.rank_peer, own.count_peer) == ("1", 2)


def test_profile_in_english_formats_numbers_with_commas(client: Client, dataset: Dataset) -> None:
    url = profile_url(dataset.hromadas[0].code)
    assert "50,000" in client.get("/en" + url).content.decode()
    assert "50\u00a0000" in client.get(url).content.decode()


def test_quartile_colours_follow_polarity(client: Client, dataset: Dataset) -> None:
    # Debt share (lower is better): Alpha has the lowest (10 %), so it is in the best quarter.
    page = client.get(profile_url(dataset.hromadas[0].code, peers="all")).context["page"]
    rows = {row.indicator.code: row for area in page.areas for row in area.rows}
    assert rows["budget.debt_share"].quartile == 4
    assert rows["budget.revenue.own_per_capita"].quartile == 4
    # A summed total compared as it is ranks size, so it is not coloured (fair.py).
    assert rows["budget.revenue.own"].quartile == 0
    assert rows["demography.population"].quartile == 0  # neutral: uncoloured
    last = client.get(profile_url(dataset.hromadas[4].code, peers="all")).context["page"]
    rows = {row.indicator.code: row for area in last.areas for row in area.rows}
    assert rows["budget.debt_share"].quartile == 1


def test_best_and_worst_relative_to_peers_are_listed(client: Client, dataset: Dataset) -> None:
    page = client.get(profile_url(dataset.hromadas[4].code, peers="all")).context["page"]
    assert page.worst[0].indicator.code == "budget.debt_share"
    assert page.best[0].percentile_peer >= page.worst[0].percentile_peer


def test_changes_since_last_year_say_whether_they_are_better(
    client: Client, dataset: Dataset
) -> None:
    page = client.get(profile_url(dataset.hromadas[0].code)).context["page"]
    rows = {row.indicator.code: row for area in page.areas for row in area.rows}
    assert rows["budget.revenue.own"].change == "+5\u00a0000"
    assert rows["budget.revenue.own"].change_sense == "better"
    assert rows["demography.population"].change_sense == ""


def test_a_missing_value_is_explained_by_its_reason(client: Client, dataset: Dataset) -> None:
    gamma = dataset.hromadas[2]
    record_observations(
        [
            ValueInput(gamma.pk, dataset.revenue.pk, y, "", None, "confidential")
            for y in (2022, 2023)
        ],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    page = client.get("/en" + profile_url(gamma.code)).context["page"]
    rows = {row.indicator.code: row for area in page.areas for row in area.rows}
    assert rows["budget.revenue.own"].year is None
    assert rows["budget.revenue.own"].missing_note == "not reported"
    assert rows["budget.revenue.own_per_capita"].missing_note == (
        "an input of the formula is missing"
    )


def test_occupied_hromada_gets_a_coverage_note(client: Client, dataset: Dataset) -> None:
    delta = dataset.hromadas[3]
    TerritoryStatus.objects.create(
        territory=delta, status=WarStatus.OCCUPIED, start_date=dt.date(2022, 3, 1)
    )
    body = client.get("/en" + profile_url(delta.code)).content.decode()
    assert "temporarily occupied territory" in body


def test_a_new_publication_shows_at_once(client: Client, dataset: Dataset) -> None:
    alpha = dataset.hromadas[0]
    client.get(profile_url(alpha.code))
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2024, "", 49_000.0, "")],
        by=None,
        reason="correction",
        status=Status.PUBLISHED,
    )
    assert "49\u00a0000" in client.get(profile_url(alpha.code)).content.decode()


def test_unpublished_values_never_reach_the_profile(client: Client, dataset: Dataset) -> None:
    alpha = dataset.hromadas[0]
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2025, "", 1.0, "")],
        by=None,
        reason="draft",
        status=Status.DRAFT,
    )
    page = client.get(profile_url(alpha.code)).context["page"]
    assert 2025 not in page.years


@pytest.mark.parametrize("extra", [0, 5])
def test_profile_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any, extra: int
) -> None:
    """Hromada, content stamp (2: page, frame), frame (4, cold), catalogue, snapshot, its
    key (2), peer groups (3), its own snapshot rows, the default years, demo flag: the same
    for any number of hromadas."""
    make_rule_group(dataset)
    for _ in range(extra):
        make_hromada(make_raion(dataset.oblast))
    current_snapshot()  # the worker's rebuild for the new hromadas
    with django_assert_num_queries(17):
        client.get(profile_url(dataset.hromadas[1].code))


def test_the_same_profile_again_is_served_from_the_cache_until_a_publication(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    alpha = dataset.hromadas[0]
    first = client.get(profile_url(alpha.code))
    with django_assert_num_queries(3):  # the hromada, the content stamp, the demo flag
        again = client.get(profile_url(alpha.code))
    assert again.content.decode().count("<tr") == first.content.decode().count("<tr")
    change = [ValueInput(alpha.pk, dataset.population.pk, 2024, "", 123_456.0, "")]
    record_observations(change, by=None, reason="correction", status=Status.PUBLISHED)
    after = client.get(profile_url(alpha.code)).content.decode()
    assert "123" in after and "123" not in first.content.decode()


def test_profile_downloads_as_a_pdf_with_the_hromadas_name(
    client: Client, dataset: Dataset
) -> None:
    response = client.get(
        reverse("analytics:profile_pdf", kwargs={"code": dataset.hromadas[0].code})
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Альфа" in text
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)


def test_profile_table_downloads_as_csv(client: Client, dataset: Dataset) -> None:
    response = client.get(profile_url(dataset.hromadas[0].code, format="csv"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "budget.revenue.own_per_capita" in text


def test_profile_of_an_unknown_code_is_not_found(client: Client, dataset: Dataset) -> None:
    assert client.get(profile_url("UA00000000000000000")).status_code == 404


def test_territory_address_of_the_profile_works(client: Client, dataset: Dataset) -> None:
    code = dataset.hromadas[0].code
    assert client.get(f"/territories/{code}/profile/").status_code == 200


def test_territory_page_links_to_the_profile(client: Client, dataset: Dataset) -> None:
    code = dataset.hromadas[0].code
    body = client.get(reverse("territories:detail", kwargs={"code": code})).content.decode()
    assert profile_url(code) in body


def test_crimean_hromada_counts_as_occupied(client: Client, dataset: Dataset) -> None:
    crimean = dataset.hromadas[4]
    crimean.is_crimea = True
    crimean.save()
    page = client.get(profile_url(crimean.code)).context["page"]
    assert page.is_occupied


def test_warm_command_builds_the_snapshot_so_the_first_profile_only_reads_it(
    client: Client, db: None, django_assert_num_queries: Any
) -> None:
    dataset = make_dataset()  # published, but no worker has built the snapshot yet
    output = io.StringIO()
    call_command("analytics_warm", stdout=output)
    assert "values, 3 years" in output.getvalue()
    with django_assert_num_queries(15):  # reads rows of the snapshot; builds nothing
        client.get(profile_url(dataset.hromadas[0].code))
    again = io.StringIO()
    call_command("analytics_warm", stdout=again)
    assert "is current" in again.getvalue()
