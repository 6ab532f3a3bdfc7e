"""API tests get a small data set (the root conftest empties every cache before each test:
rate-limit counters and kept answers live there)."""

from __future__ import annotations

import pytest

from tests.analytics.factories import Dataset, make_dataset


@pytest.fixture
def dataset(db: None) -> Dataset:
    return make_dataset()
