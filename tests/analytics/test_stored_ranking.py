"""The ranking stored as one row per indicator-year (hromada.analytics.rank_blob) holds the
same numbers as the snapshot's per-value rows it is written beside."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.test import Client

from hromada.analytics import rank_blob
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import load_frame
from hromada.analytics.models import RANKED_SETS, Snapshot, SnapshotRanking, SnapshotValue
from hromada.analytics.snapshot import current_snapshot
from tests.analytics.factories import make_dataset
from tests.api.helpers import assert_problem

pytestmark = pytest.mark.django_db
QUEUE_THAT_HAS_NOT_RUN = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_every_stored_ranking_equals_the_value_rows() -> None:
    make_dataset()
    snapshot = current_snapshot()
    assert snapshot is not None
    stored = SnapshotRanking.objects.filter(snapshot=snapshot)
    assert stored.count() > 1
    names = tuple(name for name, _kind in rank_blob.LAYOUT)
    for ranking in stored:
        columns = rank_blob.unpack(bytes(ranking.data), names)
        rows = SnapshotValue.objects.filter(
            snapshot=snapshot, indicator_id=ranking.indicator_id, year=ranking.year
        ).order_by("territory_id")
        assert columns["territory"].tolist() == [row.territory_id for row in rows]
        for n, row in enumerate(rows):
            assert _number(columns["value"][n]) == row.value
            assert _number(columns["comparable"][n]) == row.comparable
            assert int(columns["reason"][n]) == row.reason
            assert (int(columns["per_year"][n]) or None) == row.per_year
            for name in RANKED_SETS:
                assert (int(columns[f"rank_{name}"][n]) or None) == getattr(row, f"rank_{name}")
                percentile = getattr(row, f"percentile_{name}")
                whole = int(columns[f"percentile_{name}"][n])
                assert whole == (
                    rank_blob.NO_PERCENTILE if percentile is None else round(percentile)
                )
                assert int(columns[f"quartile_{name}"][n]) == getattr(row, f"quartile_{name}")


def _number(value: Any) -> float | None:
    return None if np.isnan(value) else float(value)


def test_a_snapshot_built_before_the_stored_rankings_answers_not_ready(
    client: Client, settings: Any
) -> None:
    dataset = make_dataset()
    assert current_snapshot() is not None
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN  # its successor is queued, not built yet
    Snapshot.objects.update(key="p1-c1-0.000000-3-00000000")  # the key of an older build
    SnapshotRanking.objects.all().delete()
    url = f"/api/v1/rankings?indicator={dataset.revenue.code}&year=2023"
    problem = client.get(url)
    assert_problem(problem, 503)
    assert problem["Retry-After"]


def test_a_page_reads_a_snapshot_built_before_the_stored_rankings(settings: Any) -> None:
    dataset = make_dataset()
    before = load_data([dataset.revenue.code], load_frame(), catalogue())
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    Snapshot.objects.update(key="p1-c1-0.000000-3-00000000")
    SnapshotRanking.objects.all().delete()
    after = load_data([dataset.revenue.code], load_frame(), catalogue())
    values = after.series[dataset.revenue.code].values
    assert (~np.isnan(values)).sum() > 0
    assert np.array_equal(values, before.series[dataset.revenue.code].values, equal_nan=True)
