"""The task worker reports to the database, so readiness sees it from any app server."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.test import Client
from django_tasks import task_backends

from hromada.ops.models import WorkerBeat


@pytest.fixture
def database_queue(settings: Any) -> Any:
    """The real queue of production instead of the tests' immediate one."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    _forget_backends()
    yield
    _forget_backends()


def _forget_backends() -> None:
    """The backend handler keeps what it built; build again from the current TASKS."""
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_makes_the_site_ready(client: Client, database_queue: None) -> None:
    assert client.get("/readyz").status_code == 503
    call_command("worker", "--batch", verbosity=0)
    assert WorkerBeat.objects.count() == 1
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["ok"] is True
