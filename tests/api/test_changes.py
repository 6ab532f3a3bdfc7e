"""The change feed: published values and definitions changed since a time or a data version."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.indicators.queries import published_version
from tests.analytics.factories import Dataset
from tests.api.helpers import assert_problem, data

pytestmark = pytest.mark.django_db


def test_changes_since_the_current_version_list_only_later_publications(
    client: Client, dataset: Dataset
) -> None:
    version = published_version()
    assert data(client.get(f"/api/v1/changes?since={version}"))["values"] == []
    hromada = dataset.hromadas[0]
    fix = [ValueInput(hromada.pk, dataset.population.pk, 2024, "", 50_100.0, "")]
    record_observations(fix, by=None, reason="correction", status=Status.PUBLISHED)
    feed = data(client.get(f"/api/v1/changes?since={version}"))
    assert feed["version"] == published_version() > version
    [change] = feed["values"]
    assert (change["territory"], change["old_value"], change["new_value"]) == (
        hromada.code,
        50_000.0,
        50_100.0,
    )
    assert change["published"] is True


def test_draft_changes_stay_out_of_the_feed(client: Client, dataset: Dataset) -> None:
    version = published_version()
    hromada = dataset.hromadas[0]
    draft = [ValueInput(hromada.pk, dataset.population.pk, 2025, "", 1.0, "")]
    record_observations(draft, by=None, reason="test", status=Status.DRAFT)
    assert data(client.get(f"/api/v1/changes?since={version}"))["values"] == []


def test_a_withdrawn_value_shows_as_unpublished_without_its_new_value(
    client: Client, dataset: Dataset
) -> None:
    version = published_version()
    hromada = dataset.hromadas[0]
    back = [ValueInput(hromada.pk, dataset.population.pk, 2024, "", 1.0, "")]
    record_observations(back, by=None, reason="test", status=Status.DRAFT)
    [change] = data(client.get(f"/api/v1/changes?since={version}"))["values"]
    assert (change["old_value"], change["new_value"], change["published"]) == (
        50_000.0,
        None,
        False,
    )


def test_the_feed_since_the_beginning_lists_every_definition_and_value(
    client: Client, dataset: Dataset
) -> None:
    feed = data(client.get("/api/v1/changes?since=2000-01-01T00:00:00Z&limit=1000"))
    assert {d["indicator"] for d in feed["definitions"]} == {
        "demography.population",
        "budget.revenue.own",
        "budget.debt_share",
        "budget.revenue.own_per_capita",
    }
    assert len(feed["values"]) == 45
    assert feed["next"] is None


def test_an_unknown_version_is_a_404_problem(client: Client, dataset: Dataset) -> None:
    assert_problem(client.get("/api/v1/changes?since=999"), 404)


def test_a_time_with_an_unencoded_offset_is_read_as_meant(client: Client, dataset: Dataset) -> None:
    feed = data(client.get("/api/v1/changes?since=2000-01-01T02:00:00+02:00"))
    moment = datetime.fromisoformat(feed["since"])
    assert moment == datetime(2000, 1, 1, tzinfo=UTC)
    assert len(feed["values"]) == 45
