"""Analytics tests read English pages and start with an empty cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from hromada.analytics.snapshot import current_snapshot
from tests.analytics.factories import Dataset, make_dataset


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dataset(db: None) -> Dataset:
    """The data set, published, with the snapshot its publication asks for already built
    (as the worker does once the publication commits)."""
    made = make_dataset()
    current_snapshot()
    return made
