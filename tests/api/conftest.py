"""API tests start with an empty cache (rate-limit counters live there) and a small data set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from tests.analytics.factories import Dataset, make_dataset


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dataset(db: None) -> Dataset:
    return make_dataset()
