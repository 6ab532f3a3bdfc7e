"""API tests get a small data set (the root conftest empties every cache before each test:
rate-limit counters and kept answers live there)."""

from __future__ import annotations

import pytest

from hromada.analytics.snapshot import current_snapshot
from tests.analytics.factories import Dataset, make_dataset


@pytest.fixture
def dataset(db: None) -> Dataset:
    """Published, with the snapshot its publication asks for built (as the worker does)."""
    made = make_dataset()
    current_snapshot()
    return made
