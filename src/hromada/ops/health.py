"""Liveness and readiness, for systemd, the reverse proxy and load balancers.

`/healthz` answers as long as the process can answer at all: it touches nothing else, so a
database outage does not get every app server restarted. `/readyz` says whether this server
can do its work: the database answers, every migration is applied, the cache answers and a
task worker reported recently. Each check gives a typed result; the view only translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hromada.ops.models import WorkerBeat

PROBE_KEY = "hromada-readiness-probe"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Readiness:
    checks: list[Check]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks)


def check_database() -> Check:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # whatever it is, the answer is "not ready"
        return Check("database", False, f"unreachable: {type(exc).__name__}: {exc}")
    return Check("database", True, "reachable")


def check_migrations() -> Check:
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return Check("migrations", False, f"cannot be read: {type(exc).__name__}: {exc}")
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        return Check("migrations", False, f"{len(plan)} not applied: {names}")
    return Check("migrations", True, "all applied")


def check_cache() -> Check:
    for alias in settings.CACHES:
        try:
            cache = caches[alias]
            cache.set(PROBE_KEY, "ok", 10)
            seen = cache.get(PROBE_KEY)
        except Exception as exc:
            return Check("cache", False, f"{alias} unreachable: {type(exc).__name__}: {exc}")
        if seen != "ok":
            return Check("cache", False, f"{alias} does not keep what it is given")
    return Check("cache", True, "reachable")


def check_worker() -> Check:
    stale = int(settings.WORKER_STALE_SECONDS)
    try:
        last = WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    except Exception as exc:
        return Check("worker", False, f"cannot be read: {type(exc).__name__}: {exc}")
    if last is None:
        return Check("worker", False, "never seen: is `hromada worker` running?")
    age = timezone.now() - last
    if age > timedelta(seconds=stale):
        return Check("worker", False, f"last seen {int(age.total_seconds())} s ago")
    return Check("worker", True, f"seen {int(age.total_seconds())} s ago")


def readiness() -> Readiness:
    database = check_database()
    if not database.ok:  # the rest reads the database too; say the one thing that matters
        return Readiness([database, check_cache()])
    return Readiness([database, check_migrations(), check_cache(), check_worker()])
