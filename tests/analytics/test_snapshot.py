"""The snapshot of the published statistics: built by a task when published values change,
the previous one serving until the new one is complete, and every number in it equal to
computing it directly from the published values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hromada.analytics import peers
from hromada.analytics.aggregates import aggregate
from hromada.analytics.data import catalogue, published_panel
from hromada.analytics.frame import load_frame
from hromada.analytics.models import Snapshot, SnapshotAggregate, SnapshotValue
from hromada.analytics.snapshot import STALE_AFTER, current_snapshot, newest_ready
from hromada.analytics.snapshot_build import (
    build_snapshot,
    compute_snapshot,
    drop_older_snapshots,
    fail_snapshot,
)
from hromada.analytics.stats import rank
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.jobs.models import Job
from hromada.members.models import Membership
from tests.analytics.factories import Dataset, make_dataset
from tests.factories import make_analyst

QUEUE_THAT_HAS_NOT_RUN = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _values(snapshot: Snapshot, dataset: Dataset, year: int) -> dict[int, float | None]:
    rows = SnapshotValue.objects.filter(
        snapshot=snapshot, indicator_id=dataset.population.pk, year=year
    ).values_list("territory_id", "value")
    return dict(rows)


@pytest.mark.django_db
def test_a_release_builds_the_snapshot_once_its_transaction_commits(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dataset = make_dataset()
    snapshot = Snapshot.objects.get()
    assert snapshot.state == Snapshot.State.READY
    assert snapshot.years == (2022, 2023, 2024)
    assert _values(snapshot, dataset, 2024)[dataset.hromadas[0].pk] == 50_000
    # It ran through the one task queue, so the jobs page shows it.
    assert Job.objects.filter(task_path__endswith="build_snapshot_task").exists()


@pytest.mark.django_db
def test_the_previous_snapshot_serves_until_the_new_one_is_complete(
    client: Client, settings: Any
) -> None:
    dataset = make_dataset()
    first = current_snapshot()
    assert first is not None
    alpha = dataset.hromadas[0]
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2024, "", 61_000.0, "")],
        by=None,
        reason="correction",
        status=Status.PUBLISHED,
    )
    url = f"/api/v1/rankings?indicator=demography.population&year=2024&hromada={alpha.code}"
    shown = {item["territory"]: item["value"] for item in client.get(url).json()["items"]}
    assert shown[alpha.code] == 50_000  # the old figures, not a half-built table
    waiting = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    assert current_snapshot() == first  # asked once; nobody builds it inside a request
    assert Snapshot.objects.filter(state=Snapshot.State.BUILDING).count() == 1
    build_snapshot(waiting.pk)  # what the worker does
    shown = {item["territory"]: item["value"] for item in client.get(url).json()["items"]}
    assert shown[alpha.code] == 61_000
    # The old snapshot is dropped with its rows.
    assert list(Snapshot.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not SnapshotValue.objects.filter(snapshot_id=first.pk).exists()


@pytest.mark.django_db
def test_the_new_snapshot_serves_before_the_previous_one_is_dropped(settings: Any) -> None:
    """build_snapshot is two steps: the new snapshot serves once computed; the rows of the
    previous one are deleted after that, not before."""
    dataset = make_dataset()
    first = current_snapshot()
    assert first is not None
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    alpha = dataset.hromadas[0]
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2024, "", 61_000.0, "")],
        by=None,
        reason="correction",
        status=Status.PUBLISHED,
    )
    assert current_snapshot() == first  # a page asks for the new one; the queue waits
    waiting = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    checkpoints = _pragma("wal_autocheckpoint")
    second = compute_snapshot(waiting.pk)
    assert _pragma("wal_autocheckpoint") == checkpoints  # rare during the build only
    assert newest_ready() == second
    assert _values(second, dataset, 2024)[alpha.pk] == 61_000
    assert _values(first, dataset, 2024)[alpha.pk] == 50_000  # still there meanwhile
    before = _pragma("secure_delete")
    drop_older_snapshots(second)
    assert _pragma("secure_delete") == before  # off for the drop only (SQLite)
    assert list(Snapshot.objects.values_list("pk", flat=True)) == [second.pk]
    assert not SnapshotValue.objects.filter(snapshot_id=first.pk).exists()


def _pragma(name: str) -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_without_any_snapshot_the_api_says_the_statistics_are_being_computed(
    client: Client, settings: Any
) -> None:
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    make_dataset()
    response = client.get("/api/v1/rankings?indicator=demography.population")
    assert response.status_code == 503
    assert "being computed" in response.json()["detail"]
    assert response["Retry-After"]


@pytest.mark.django_db
def test_a_change_of_membership_asks_for_a_new_snapshot(settings: Any) -> None:
    dataset = make_dataset()
    first = current_snapshot()
    from hromada.members.models import Membership

    Membership.objects.create(
        territory=dataset.hromadas[1], status="active", joined_on=dt.date(2020, 1, 1)
    )
    newer = current_snapshot()
    assert newer is not None and first is not None and newer.pk > first.pk
    ranked = SnapshotValue.objects.filter(
        snapshot=newer, indicator_id=dataset.population.pk, year=2024, rank_members__isnull=False
    ).values_list("territory_id", flat=True)
    assert list(ranked) == [dataset.hromadas[1].pk]


@pytest.mark.django_db
def test_a_failed_build_is_asked_for_again_only_after_the_stale_time(settings: Any) -> None:
    dataset = make_dataset()
    first = current_snapshot()
    assert first is not None
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    Membership.objects.create(
        territory=dataset.hromadas[1], status="active", joined_on=dt.date(2020, 1, 1)
    )
    assert current_snapshot() == first  # asked for the new data; nothing built it yet
    asked = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    fail_snapshot(asked.pk)
    for _ in range(3):  # page views right after the failure queue nothing
        assert current_snapshot() == first
    assert list(Snapshot.objects.order_by("pk").values_list("pk", "state")) == [
        (first.pk, Snapshot.State.READY),
        (asked.pk, Snapshot.State.FAILED),
    ]
    queued = Job.objects.filter(task_path__endswith="build_snapshot_task").count()
    just_stale = timezone.now() - STALE_AFTER + dt.timedelta(seconds=30)
    Snapshot.objects.filter(pk=asked.pk).update(finished_at=just_stale)
    assert current_snapshot() == first
    assert Snapshot.objects.get(pk=asked.pk).state == Snapshot.State.FAILED  # not yet
    stale = timezone.now() - STALE_AFTER - dt.timedelta(seconds=1)
    Snapshot.objects.filter(pk=asked.pk).update(finished_at=stale)
    assert current_snapshot() == first  # asked again, still serving the old one
    retried = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    assert retried.pk > asked.pk
    assert Job.objects.filter(task_path__endswith="build_snapshot_task").count() == queued + 1


def test_every_stored_rank_and_aggregate_equals_computing_it_directly(dataset: Dataset) -> None:
    analyst = make_analyst()
    assert analyst  # an unrelated write must not disturb the snapshot
    snapshot = current_snapshot()
    assert snapshot is not None
    frame = load_frame()
    indicators = catalogue()
    data = published_panel(frame, indicators, 0)
    bands = peers.population_bands(data)
    checked = 0
    for code, indicator in indicators.items():
        values = data.series[code].values
        for column, year in enumerate(data.years):
            stored = {
                row[0]: row[1:]
                for row in SnapshotValue.objects.filter(
                    snapshot=snapshot, indicator_id=indicator.pk, year=year
                ).values_list("territory_id", "value", "rank_all", "n_all", "rank_type_band")
            }
            everyone = rank(values[:, column], ~frame.occupied, indicator.polarity)
            for row, territory in enumerate(frame.ids.tolist()):
                if np.isnan(values[row, column]):
                    assert stored.get(territory, (None,))[0] is None
                    continue
                value, rank_all, n_all, rank_type_band = stored[territory]
                assert value == pytest.approx(values[row, column])
                assert (rank_all, n_all) == (int(everyone.rank[row]), everyone.count)
                peer = peers.peer_mask("type_band", data, row, [], bands)
                assert peer is not None
                within = rank(values[:, column], peer & ~frame.occupied, indicator.polarity)
                assert rank_type_band == int(within.rank[row])
                checked += 1
        expected = aggregate(data, code, frame.oblast_ids, [dataset.oblast.pk])
        stored_aggregates = dict(
            SnapshotAggregate.objects.filter(
                snapshot=snapshot, indicator_id=indicator.pk, grouping="oblast",
                group=dataset.oblast.pk,
            ).values_list("year", "value")
        )  # fmt: skip
        for column, year in enumerate(data.years):
            direct = expected.values[0, column]
            if np.isnan(direct):
                assert stored_aggregates[year] is None
            else:
                assert stored_aggregates[year] == pytest.approx(direct)
    assert checked > 40


@pytest.mark.django_db
def test_before_the_first_snapshot_the_pages_say_the_figures_are_coming(
    client: Client, settings: Any
) -> None:
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    dataset = make_dataset()
    for url in (
        reverse("analytics:profile", kwargs={"code": dataset.hromadas[0].code}),
        reverse("analytics:indicator", kwargs={"code": "demography.population"}),
        reverse("analytics:aggregates") + "?indicator=demography.population&by=oblast",
    ):
        body = client.get("/en" + url).content.decode()
        assert "The statistics are being computed" in body, url
        assert "52,000" not in body and "7,900" not in body, url


@pytest.mark.django_db
def test_a_follow_up_that_cannot_start_leaves_the_ready_snapshot_serving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hromada.analytics import snapshot_ready
    from hromada.analytics.tasks import build_snapshot_task

    def broken() -> bool:
        raise RuntimeError("queue unavailable")

    follow_ups = [snapshot_ready.FollowUp("hromada.nowhere.task", "x", broken)]
    monkeypatch.setattr(snapshot_ready, "_follow_ups", follow_ups)
    make_dataset()
    waiting = Snapshot.objects.create(key="k")
    with pytest.raises(RuntimeError):
        build_snapshot_task.call(waiting.pk)
    waiting.refresh_from_db()
    assert waiting.state == Snapshot.State.READY and SnapshotValue.objects.exists()
