"""Impact figures follow the statistics: each new snapshot queues their recomputation, as a
system action audited once per model, from published values only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User
from hromada.analytics.models import Snapshot
from hromada.analytics.snapshot import current_snapshot
from hromada.analytics.tasks import build_snapshot_task
from hromada.audit.models import AuditEntry
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Status
from hromada.indicators.queries import published_version
from hromada.jobs.models import Job
from hromada.legislation import actions, impact
from hromada.legislation.models import ImpactModel, Position, Stance
from tests import factories
from tests.analytics.factories import Dataset, make_dataset
from tests.legislation.test_impact import _model

QUEUE_THAT_HAS_NOT_RUN = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dataset(db: None) -> Dataset:
    return make_dataset()


@pytest.fixture
def analyst(db: None) -> User:
    return factories.make_analyst(username="analyst")


@pytest.fixture
def position(analyst: User) -> Position:
    values = {"bill": None, "title": "ПДФО — громадам", "stance": Stance.AMEND}
    values |= {"summary": "Частка 64 %.", "proposals": "", "evidence": ""}
    return actions.save_position(None, by=analyst, values=values, subjects=[])


def _figures(model: ImpactModel) -> dict[str, float]:
    return {f.territory.name_uk: round(f.value, 1) for f in impact.figures(model)}


def _publish(dataset: Dataset, hromada: int, value: float, status: str = Status.PUBLISHED) -> None:
    territory = dataset.hromadas[hromada]
    record_observations(
        [ValueInput(territory.pk, dataset.revenue.pk, 2024, "", value, "")],
        by=None,
        reason="test",
        status=status,
    )


def test_a_model_saved_before_any_snapshot_gets_its_figures_once_the_snapshot_is_built(
    dataset: Dataset, analyst: User, position: Position, settings: Any, client: Client
) -> None:
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN  # a fresh `hromada demo`: no worker has run yet
    model = _model(position, analyst)
    actions.publish_position(position, by=analyst)
    assert model.results.count() == 0 and model.data_version == 0
    page = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "ще готується" in page and "не має всіх вхідних даних" not in page
    waiting = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    settings.TASKS = IMMEDIATE
    build_snapshot_task.call(waiting.pk)  # what the worker does
    model.refresh_from_db()
    assert _figures(model) == {"Альфа": 6666.7, "Бета": 520.0, "Дельта": 933.3, "Епсилон": 1466.7}
    assert model.computed_snapshot == waiting.pk and model.data_version == published_version()
    entry = AuditEntry.objects.get(action="legislation.impact.recompute")
    assert entry.actor is None and entry.changes["hromadas"] == [0, 4]
    assert Job.objects.filter(task_path__endswith="refresh_impact_models").exists()
    alpha = dataset.hromadas[0]
    assert "6\u00a0666,7 тис. грн" in client.get(f"/territories/{alpha.code}/").content.decode()
    page = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "оприлюдненою" in page and "перерахунок" not in page


def test_a_new_release_updates_the_figures_and_the_page_says_so_until_then(
    dataset: Dataset, analyst: User, position: Position, settings: Any, client: Client
) -> None:
    model = _model(position, analyst)
    actions.publish_position(position, by=analyst)
    assert model.computed_snapshot is not None and "Гамма" not in _figures(model)
    entries = AuditEntry.objects.filter(action="legislation.impact.recompute", actor=None)
    before = entries.count()
    settings.TASKS = QUEUE_THAT_HAS_NOT_RUN
    _publish(dataset, 2, 6000.0)  # Гамма's 2024 revenue is released
    current_snapshot()  # a page notices the new data and asks for a build; nobody runs it
    page = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "перерахунок" in page  # the figures shown are from the release before
    waiting = Snapshot.objects.get(state=Snapshot.State.BUILDING)
    settings.TASKS = IMMEDIATE
    build_snapshot_task.call(waiting.pk)
    model.refresh_from_db()
    assert _figures(model)["Гамма"] == 400.0 and model.computed_snapshot == waiting.pk
    assert (
        "перерахунок" not in client.get(f"/legislation/positions/{position.pk}/").content.decode()
    )
    # Once per model and new snapshot, with the counts; a rerun changes nothing.
    assert entries.count() == before + 1
    assert entries.order_by("-pk").first().changes["hromadas"] == [4, 5]  # type: ignore[union-attr]
    call_command("analytics_warm", stdout=io.StringIO())
    assert entries.count() == before + 1


def test_drafts_follow_too_and_an_unpublished_value_never_enters(
    dataset: Dataset, analyst: User, position: Position
) -> None:
    model = _model(position, analyst)  # the position stays a draft
    _publish(dataset, 2, 6000.0, status=Status.VERIFIED)  # checked, not yet released
    _publish(dataset, 0, 20_000.0)  # Альфа's correction, released
    current_snapshot()  # the build runs at once and queues the recomputation
    model.refresh_from_db()
    figures = _figures(model)
    assert "Гамма" not in figures and figures["Альфа"] == 1333.3


def test_a_refused_recomputation_keeps_the_figures_and_says_why(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    model = _model(position, analyst)
    before = _figures(model)
    # As the catalogue page does: the edit moves the catalogue's stamp, so a snapshot follows.
    Indicator.objects.filter(pk=dataset.revenue.pk).update(
        is_active=False, updated_at=timezone.now()
    )
    current_snapshot()  # the catalogue changed: a new snapshot, and the engine refuses
    model.refresh_from_db()
    assert _figures(model) == before and "budget.revenue.own" in model.refresh_error
    entry = AuditEntry.objects.filter(action="legislation.impact.recompute").order_by("-pk")[0]
    assert entry.actor is None and "budget.revenue.own" in entry.changes["refresh_error"][1]
    client.force_login(analyst)
    page = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "budget.revenue.own" in page


def test_no_job_is_queued_after_a_build_when_there_is_no_impact_model(dataset: Dataset) -> None:
    assert current_snapshot() is not None
    assert not Job.objects.filter(task_path__endswith="refresh_impact_models").exists()
