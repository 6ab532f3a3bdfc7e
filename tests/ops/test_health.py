"""Liveness (/healthz) and readiness (/readyz) for systemd, the proxy and load balancers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hromada.ops.heartbeat import beat

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_touching_the_database(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_database_migrations_cache_and_a_recent_worker_all_answer(
    client: Client,
) -> None:
    beat("host-1")
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "migrations", "cache", "worker"}
    assert all(check["ok"] for check in body["checks"].values())


def test_not_ready_while_no_worker_was_ever_seen(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False
    assert "hromada worker" in worker["detail"]


def test_not_ready_when_the_worker_went_quiet(client: Client) -> None:
    beat("host-1", at=timezone.now() - timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["detail"].startswith("last seen 6")


def test_not_ready_when_the_cache_is_unreachable(client: Client, settings: Any) -> None:
    beat("host-1")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers there
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    cache = response.json()["checks"]["cache"]
    assert cache["ok"] is False
    assert "pages unreachable" in cache["detail"]


def test_not_ready_while_a_migration_is_not_applied(client: Client, monkeypatch: Any) -> None:
    beat("host-1")

    def one_left(self: Any, targets: Any) -> list[tuple[Any, bool]]:
        class Pending:
            app_label, name = "indicators", "0099_next"

        return [(Pending(), False)]

    monkeypatch.setattr("django.db.migrations.executor.MigrationExecutor.migration_plan", one_left)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert (
        response.json()["checks"]["migrations"]["detail"] == "1 not applied: indicators.0099_next"
    )


def test_health_probes_are_not_redirected_to_https(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/territories/").status_code == 301
