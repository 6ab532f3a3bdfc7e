"""A throwaway query parameter shares the public API's kept answer and ETag, and stays out
of the `next` link kept inside it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.analytics.factories import Dataset

pytestmark = pytest.mark.django_db
RANKING = "/api/v1/rankings?indicator=budget.revenue.own&year=2023"


def test_a_throwaway_parameter_is_answered_from_the_kept_answer(
    client: Client, dataset: Dataset, django_assert_max_num_queries: Any
) -> None:
    first = client.get(RANKING)
    with django_assert_max_num_queries(1):  # the content stamp, nothing else
        again = client.get(RANKING + "&_=1733580000")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_the_next_link_carries_only_the_declared_parameters(
    client: Client, dataset: Dataset
) -> None:
    response = client.get("/api/v1/observations?limit=1&utm=evil&indicator=demography.population")
    link = response.json()["next"]
    assert "utm" not in link
    assert "indicator=demography.population" in link and "limit=1" in link
