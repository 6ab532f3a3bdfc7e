"""One cheap fingerprint of everything a public page or API answer is made of.

Rendered pages and API answers are cached under this stamp, so a cache entry is reused
only while nothing it shows has changed. It is read with ONE query of five scalar subqueries,
each answered from the end of a primary key index:

- the newest Publication (its id and time): every change of published values adds one;
- the newest entry of the one audit log (hromada.audit), which every action of every app
  writes: registry, territories, catalogue, peer groups, campaigns, the admin. Value writes
  (`indicators.observation.*`) are left out: drafts are not public, and a write that touches
  published values adds a Publication as well, so entry during a campaign does not empty the
  page cache at every autosave;
- today's date, because memberships and statuses start and end on dates;
- the newest ready snapshot of the statistics (hromada.analytics.snapshot): it completes
  after the publication that asked for it, and pages and answers must then show it.

Anything written around the actions (raw SQL, a shell) is still picked up when the cache
entry expires (`PAGE_SECONDS`).

The same row also gives `registry`: the audit log's part and the date only, for what depends
on territories, memberships and statuses but not on published values (the hromada frame,
hromada.analytics.frame), so a publication does not make every process rebuild it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.db import connections, router
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hromada.analytics.models import Snapshot
from hromada.audit import queries as audit_queries
from hromada.indicators.actions import VALUES_AUDIT_PREFIX
from hromada.indicators.models import Publication

PAGE_SECONDS = 3600
PAGES_CACHE = "pages"  # the CACHES alias of rendered bodies and API answers

# Value writes reach the public only through a Publication, which the stamp reads anyway.
IGNORED_ACTIONS = (VALUES_AUDIT_PREFIX,)


def _scalar(rows: QuerySet[Any], column: str) -> tuple[str, tuple[Any, ...]]:
    """`(SELECT column ... LIMIT 1)` of a queryset, as SQL and parameters to embed."""
    sql, params = rows.values_list(column)[:1].query.sql_with_params()
    return f"({sql})", tuple(params)


@functools.cache  # the same SQL every time: compiled once per process, not per request
def _stamp_query() -> tuple[str, tuple[Any, ...]]:
    publications = Publication.objects.order_by("-pk")
    audited = audit_queries.newest(IGNORED_ACTIONS)
    parts = [
        _scalar(publications, "pk"),
        _scalar(publications, "published_at"),
        _scalar(audited, "pk"),
        _scalar(audited, "acted_at"),
        _scalar(Snapshot.objects.filter(state=Snapshot.State.READY).order_by("-pk"), "pk"),
    ]
    sql = "SELECT " + ", ".join(part for part, _params in parts)
    return sql, tuple(param for _sql, params in parts for param in params)


class ContentStamp(NamedTuple):
    key: str  # short text for cache keys and ETags
    version: int  # the published version (0 before the first publication)
    published_at: dt.datetime | None
    registry: str = ""  # the audit log's newest entry and the date: no publication, no snapshot


def _moment(value: object) -> dt.datetime | None:
    """A timestamp from a raw query: SQLite gives text, PostgreSQL a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    moment = parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


_held: ContextVar[ContentStamp | None] = ContextVar("hromada_held_stamp", default=None)


@contextmanager
def stamp_held(stamp: ContentStamp) -> Iterator[None]:
    """Within the block, content_stamp() answers `stamp` without asking again: an API answer
    reads the stamp for its ETag, then its view would read it once more (a query), and the
    answer is kept under the first one anyway."""
    token = _held.set(stamp)
    try:
        yield
    finally:
        _held.reset(token)


def content_stamp() -> ContentStamp:
    """The stamp of what public pages and the API show right now (one query; none within
    stamp_held).

    Read where the page's own data is read (the replica for public reads), so a page kept
    under a stamp never holds data older than the stamp says.
    """
    held = _held.get()
    if held is not None:
        return held
    sql, params = _stamp_query()
    with connections[router.db_for_read(Publication)].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    today = timezone.localdate()
    text = "|".join(str(part) for part in (*row, today))
    key = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    audited = f"{row[2]}|{row[3]}|{today}"
    registry = hashlib.blake2b(audited.encode(), digest_size=8).hexdigest()
    return ContentStamp(key, int(row[0] or 0), _moment(row[1]), registry)
