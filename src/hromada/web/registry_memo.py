"""What a process keeps in its own memory while the registry stays as it is.

The hromada frame, the active indicators by code and the codes of territories change only
through audited actions (or with the date), which the `registry` part of the content stamp
(hromada.web.stamps) follows. Each process keeps them as plain objects: read back from the
LocMem cache they were unpickled on every request (1.7 ms of an API ranking for the frame),
and asked of the database they were one compiled ORM query each (~1 ms).

A kept value is valid for the registry state AND a token kept in the cache under that state
for PAGE_SECONDS: so it is rebuilt when the registry changes, when the token expires (what
was written around the actions, in a shell, is picked up then, as for cached pages), and when
the cache is cleared, as the page cache's entries are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from hromada.web.stamps import PAGE_SECONDS, ContentStamp

T = TypeVar("T")
TOKEN_KEY = "hromada-registry-token:"  # noqa: S105 - a cache key, not a secret
_kept: dict[str, tuple[str, Any]] = {}


def _version(stamp: ContentStamp) -> str:
    key = TOKEN_KEY + stamp.registry
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, PAGE_SECONDS)  # the first process to ask sets it
        token = cache.get(key, "")
    return f"{stamp.registry}:{token}"


def per_registry(name: str, stamp: ContentStamp, build: Callable[[], T]) -> T:
    """The value kept under `name` for the registry of `stamp`, built anew when it changed.
    Callers share the object: they must not change it."""
    version = _version(stamp)
    kept = _kept.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]  # type: ignore[no-any-return]
    value = build()
    _kept[name] = (version, value)
    return value
