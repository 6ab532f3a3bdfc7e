"""One cheap fingerprint of everything a public page or API answer is made of.

Rendered pages and API answers are cached under this stamp, so a cache entry is reused
only while nothing it shows has changed. It is read with ONE query of scalar subqueries,
each answered from a primary key or a small table:

- the newest Publication (its id and time): every change of published values adds one;
- the audit trails the registry already keeps for each change: codifier imports, membership
  changes and registry audit entries, peer group changes, indicator versions, and the
  admin's own log of every change made there;
- wartime statuses and boundaries, which carry their own change times (count and newest
  time, so a deletion changes the stamp too);
- today's date, because memberships and statuses start and end on dates.

Anything written around these trails (raw SQL, a shell) is still picked up when the cache
entry expires (`PAGE_SECONDS`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import NamedTuple

from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hromada.indicators.models import Publication

PAGE_SECONDS = 3600
PAGES_CACHE = "pages"  # the CACHES alias of rendered bodies and API answers

_PARTS = (
    ("indicators_publication", "MAX(id)"),
    ("indicators_publication", "MAX(published_at)"),
    ("indicators_indicatorversion", "MAX(id)"),
    ("territories_codifierimport", "MAX(id)"),
    ("territories_territory", "MAX(id)"),
    ("territories_territorystatus", "COUNT(*)"),
    ("territories_territorystatus", "MAX(updated_at)"),
    ("territories_territoryboundary", "COUNT(*)"),
    ("territories_territoryboundary", "MAX(imported_at)"),
    ("members_membershipchange", "MAX(id)"),
    ("members_auditentry", "MAX(id)"),
    ("analytics_peergroupchange", "MAX(id)"),
    ("django_admin_log", "MAX(id)"),  # every change an administrator makes in the admin
    ("audit_auditentry", "MAX(id)"),  # the one audit log every new room writes
)
_SQL = "SELECT " + ", ".join(f"(SELECT {what} FROM {table})" for table, what in _PARTS)  # noqa: S608 - constant names


class ContentStamp(NamedTuple):
    key: str  # short text for cache keys and ETags
    version: int  # the published version (0 before the first publication)
    published_at: dt.datetime | None


def _moment(value: object) -> dt.datetime | None:
    """A timestamp from a raw query: SQLite gives text, PostgreSQL a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    moment = parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def content_stamp() -> ContentStamp:
    """The stamp of what public pages and the API show right now (one query).

    Read where the page's own data is read (the replica for public reads), so a page kept
    under a stamp never holds data older than the stamp says.
    """
    with connections[router.db_for_read(Publication)].cursor() as cursor:
        cursor.execute(_SQL)
        row = cursor.fetchone()
    text = "|".join(str(part) for part in (*row, timezone.localdate()))
    key = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return ContentStamp(key, int(row[0] or 0), _moment(row[1]))
