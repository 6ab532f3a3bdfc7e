"""A throwaway query parameter neither bypasses the kept ranking nor ends up in its links;
expensive pages are limited per client, counted in the shared cache."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.analytics.factories import Dataset


def ranking(client: Client, **query: str) -> Any:
    url = reverse("analytics:indicator", kwargs={"code": "budget.revenue.own"})
    return client.get(url, query)


def test_a_throwaway_parameter_is_answered_from_the_kept_page(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    first = ranking(client, year="2023").context["body"]
    with django_assert_num_queries(3):  # the indicator, the content stamp, the demo flag
        again = ranking(client, year="2023", nocache="81723").context["body"]
    assert again == first


def test_a_throwaway_parameter_does_not_reach_the_kept_pages_links(
    client: Client, dataset: Dataset
) -> None:
    ranking(client, year="2023", utm="evil")
    kept = ranking(client, year="2023").context["body"]  # the page as the next visitor gets it
    assert "utm=evil" not in kept
    assert "year=2023" in kept


def test_an_expensive_page_past_the_limit_answers_429_with_retry_after(
    client: Client, dataset: Dataset, settings: Any
) -> None:
    settings.HROMADA_PAGE_RATE_LIMIT = 2
    assert [ranking(client, year="2023").status_code for _ in range(2)] == [200, 200]
    refused = ranking(client, year="2023")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Спробуйте ще раз" in refused.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert ranking(other, year="2023").status_code == 200


def test_a_signed_in_person_is_counted_by_account_not_by_address(
    dataset: Dataset, settings: Any, personas: Any
) -> None:
    settings.HROMADA_PAGE_RATE_LIMIT = 1
    office = [Client(REMOTE_ADDR="10.0.0.9") for _ in range(2)]
    office[0].force_login(personas.analyst)
    office[1].force_login(personas.coordinator)
    assert [ranking(c, year="2023").status_code for c in office] == [200, 200]
    assert ranking(office[0], year="2023").status_code == 429


@pytest.fixture
def redis_cache(settings: Any) -> Any:
    """Django's cache in the local Redis (skipped without one), as with HROMADA_CACHE_URL."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-throttle-{alias}",
        }
        for alias in ("default", "pages")
    }
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield redis.Redis.from_url(url)
    for alias in ("default", "pages"):
        caches[alias].clear()


def test_requests_counted_by_another_process_count_here_too(
    client: Client, dataset: Dataset, settings: Any, redis_cache: Any
) -> None:
    settings.HROMADA_PAGE_RATE_LIMIT = 3
    assert ranking(client, year="2023").status_code == 200
    # Another app process (its own connection to the same Redis) served two more.
    keys = redis_cache.keys("test-throttle-default:*hromada-rate:page:*")
    assert len(keys) == 1
    redis_cache.incrby(keys[0], 2)
    assert ranking(client, year="2023").status_code == 429
