"""Public reads to a PostgreSQL read replica, everything else to the primary.

A request is a public read when it only reads (GET, HEAD) and carries neither a session
cookie nor an Authorization header: an anonymous visitor of the pages or the public API.
Its queries may see the primary's state a moment late (replication lag), which public
pages can afford. Signed-in people, every write, the worker and commands use the primary,
so nobody misses their own change. Without a `replica` database (HROMADA_READ_REPLICA_URL
unset) the router sends everything to the primary.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

REPLICA = "replica"
PRIMARY = "default"
_public_read: ContextVar[bool] = ContextVar("hromada_public_read", default=False)


def is_public_read(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _public_read.set(is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


class PublicReadsToReplica:
    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if _public_read.get() and REPLICA in connections.settings:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True  # one database, two doors

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == PRIMARY
