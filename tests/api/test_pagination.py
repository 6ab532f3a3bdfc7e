"""Cursor pagination: following `next` visits every row once; nothing is capped silently."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.indicators.models import Observation
from tests.analytics.factories import Dataset
from tests.api.helpers import assert_problem, data

pytestmark = pytest.mark.django_db


def walk(client: Client, url: str) -> tuple[list[dict[str, object]], int]:
    rows: list[dict[str, object]] = []
    pages = 0
    next_url: str | None = url
    while next_url:
        page = data(client.get(next_url))
        rows.extend(page["items"])
        next_url = page["next"]
        pages += 1
    return rows, pages


def test_walking_the_next_links_returns_every_published_value_once(
    client: Client, dataset: Dataset
) -> None:
    rows, pages = walk(client, "/api/v1/observations?limit=7")
    keys = [(r["territory"], r["indicator"], r["year"], r["sex"]) for r in rows]
    assert len(keys) == len(set(keys)) == Observation.objects.count() == 45
    assert pages == 7


def test_the_next_link_is_absolute_and_keeps_the_filters(client: Client, dataset: Dataset) -> None:
    url = "/api/v1/observations?indicator=budget.debt_share&limit=4"
    page = data(client.get(url))
    assert page["next"].startswith("http://testserver/api/v1/observations?")
    assert "indicator=budget.debt_share" in page["next"]
    rows, _ = walk(client, url)
    assert {r["indicator"] for r in rows} == {"budget.debt_share"}
    assert len(rows) == 15


def test_the_last_page_has_no_next_link(client: Client, dataset: Dataset) -> None:
    page = data(client.get("/api/v1/observations?limit=1000"))
    assert len(page["items"]) == 45
    assert page["next"] is None


def test_territories_walk_page_by_page(client: Client, dataset: Dataset) -> None:
    rows, pages = walk(client, "/api/v1/territories?limit=3")
    assert len({r["code"] for r in rows}) == len(rows) == 9  # 2 oblasts, 2 raions, 5 hromadas
    assert pages == 3


def test_a_forged_cursor_is_a_400_problem(client: Client, dataset: Dataset) -> None:
    document = assert_problem(client.get("/api/v1/observations?cursor=bm9wZQ"), 400)
    assert document["errors"][0]["field"] == "cursor"


def test_a_page_costs_the_same_queries_whatever_its_size(
    client: Client, dataset: Dataset, django_assert_num_queries: object
) -> None:
    client.get("/api/v1/observations?limit=1")  # the process keeps the codes from then on
    # The content stamp and the page: the codes of its territories and of its indicators are
    # those the process keeps (hromada.api.catalogue_memo).
    with django_assert_num_queries(2):  # type: ignore[operator]
        small = data(client.get("/api/v1/observations?limit=2"))
    with django_assert_num_queries(2):  # type: ignore[operator]
        large = data(client.get("/api/v1/observations?limit=40"))
    assert (len(small["items"]), len(large["items"])) == (2, 40)
