"""Reading the audit log: the filters of the browse page, one query for a page of entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from hromada.audit.models import AuditEntry


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""  # a dotted prefix: "members", "members.membership", or a whole code
    actor: str = ""  # part of the user name
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""  # part of the object's name or of the reason


def entries(filters: AuditFilters) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.select_related("actor")
    if filters.action:
        prefix = filters.action.rstrip(".")
        rows = rows.filter(action=prefix) | rows.filter(action__startswith=f"{prefix}.")
    if filters.actor:
        rows = rows.filter(actor_name__icontains=filters.actor) | rows.filter(
            actor__username__icontains=filters.actor
        )
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    if filters.since:
        rows = rows.filter(acted_at__date__gte=filters.since)
    if filters.until:
        rows = rows.filter(acted_at__date__lte=filters.until)
    if filters.text:
        rows = rows.filter(object_repr__icontains=filters.text) | rows.filter(
            reason__icontains=filters.text
        )
    return rows.order_by("-acted_at", "-pk")


def history_of(object_type: str, object_id: str) -> QuerySet[AuditEntry]:
    """Every entry about one object, newest first (for an object's own history panel)."""
    return entries(AuditFilters(object_type=object_type, object_id=object_id))


def done_by(user_id: int, prefixes: tuple[str, ...]) -> QuerySet[AuditEntry]:
    """What one user did under some action prefixes (`"collection."`), newest first."""
    wanted = Q()
    for prefix in prefixes:
        wanted |= Q(action__startswith=prefix)
    return AuditEntry.objects.filter(wanted, actor_id=user_id).order_by("-acted_at", "-pk")


def rooms() -> list[str]:
    """The first parts of the action codes written so far, for the filter's choices."""
    codes = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    return sorted({code.split(".", 1)[0] for code in codes})


def object_types() -> list[str]:
    return sorted(
        AuditEntry.objects.order_by()
        .exclude(object_type="")
        .values_list("object_type", flat=True)
        .distinct()
    )


def newest(ignore: tuple[str, ...] = ()) -> QuerySet[AuditEntry]:
    """Entries newest first, leaving out actions under the `ignore` prefixes (to slice [:1])."""
    rows = AuditEntry.objects.order_by("-pk")
    for prefix in ignore:
        rows = rows.exclude(action__startswith=prefix)
    return rows


def last_change(ignore: tuple[str, ...] = ()) -> tuple[int, dt.datetime | None]:
    """The newest entry's key and time, for caches keyed on content.

    Without `ignore` it is one index seek; with it, a backward walk of the primary key that
    stops at the first entry not ignored.
    """
    if not ignore:
        found = AuditEntry.objects.aggregate(pk=Max("pk"), at=Max("acted_at"))
        return int(found["pk"] or 0), found["at"]
    row = newest(ignore).values_list("pk", "acted_at").first()
    return (int(row[0]), row[1]) if row else (0, None)
