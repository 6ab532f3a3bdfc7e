"""Cursor pagination: keyset on the primary key, an opaque base64 cursor, a full `next` link.

A client follows `next` until it is null and so sees every row exactly once; nothing is
silently capped.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from hromada.api.problems import ApiError
from hromada.lib.query import known_query

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
M = TypeVar("M", bound=Model)


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"pk:{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        if kind != "pk":
            raise ValueError(kind)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error) as error:
        raise ApiError(
            400,
            "The cursor is not valid; use the `next` link of a previous page.",
            errors=[{"field": "cursor", "message": "not a cursor issued by this API"}],
        ) from error


def next_link(request: HttpRequest, pk: int) -> str:
    """The next page's address; it carries the declared parameters only, since the answer
    holding it may be kept and given to everyone asking the same question."""
    from hromada.api.web import api_parameters

    query = known_query(request.GET, api_parameters())
    query["cursor"] = encode(pk)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def keyset(
    rows: QuerySet[M], cursor: str | None, limit: int, columns: Sequence[str]
) -> tuple[list[tuple[Any, ...]], int | None]:
    """One page of `columns` (the first is the primary key) in primary-key order, as plain
    tuples (no model instances), and the key the next page starts after (None: the last)."""
    ordered = rows.order_by("pk")
    if cursor:
        ordered = ordered.filter(pk__gt=decode(cursor))
    found = list(ordered.values_list(*columns)[: limit + 1])
    if len(found) <= limit:
        return found, None
    return found[:limit], int(found[limit - 1][0])


def page(
    request: HttpRequest,
    queryset: QuerySet[M],
    cursor: str | None,
    limit: int,
    serialise: Callable[[M], Any],
) -> dict[str, Any]:
    """One page of the queryset in primary-key order, with the link to the next one."""
    rows = queryset.order_by("pk")
    if cursor:
        rows = rows.filter(pk__gt=decode(cursor))
    items = list(rows[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {
        "items": [serialise(item) for item in items],
        "next": next_link(request, int(items[-1].pk)) if more else None,
    }
