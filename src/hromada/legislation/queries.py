"""Reading legislative work: bill lists with search, positions the public may see, alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hromada.accounts import permissions
from hromada.legislation.models import Alert, Bill, BillStage, Position, Watch, search_text


@dataclass(frozen=True)
class BillFilters:
    text: str = ""
    subject: str = ""  # Subject.code
    section: str = ""  # Section.code
    stage: str = ""


def bills(filters: BillFilters) -> QuerySet[Bill]:
    rows = Bill.objects.all()
    for word in search_text(filters.text).split():
        rows = rows.filter(search_text__contains=word)
    if filters.subject:
        rows = rows.filter(subjects__code=filters.subject)
    if filters.section:
        rows = rows.filter(
            Q(sections__code=filters.section) | Q(subjects__sections__code=filters.section)
        )
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    return rows.distinct().order_by("-stage_on", "-registered_on", "-pk")


def bill_by_number(number: str) -> Bill | None:
    return Bill.objects.prefetch_related("subjects", "sections").filter(number=number).first()


def stages_of(bill: Bill) -> QuerySet[BillStage]:
    return bill.stages.order_by("happened_on", "pk")


def positions_visible_to(user: Any) -> QuerySet[Position]:
    rows = Position.objects.select_related("bill").prefetch_related("subjects")
    if permissions.is_analyst(user):
        return rows
    return rows.filter(published_on__isnull=False)


@dataclass(frozen=True)
class PositionFilters:
    subject: str = ""
    stance: str = ""
    stage: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def published_positions(filters: PositionFilters) -> QuerySet[Position]:
    rows = positions_visible_to(None)
    if filters.subject:
        rows = rows.filter(subjects__code=filters.subject)
    if filters.stance:
        rows = rows.filter(stance=filters.stance)
    if filters.stage:
        rows = rows.filter(bill__stage=filters.stage)
    if filters.since:
        rows = rows.filter(published_on__gte=filters.since)
    if filters.until:
        rows = rows.filter(published_on__lte=filters.until)
    return rows.distinct().order_by("-published_on", "-pk")


def alerts_of(user: Any) -> QuerySet[Alert]:
    return Alert.objects.filter(user=user).select_related("bill", "event")


def unread_alerts(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Alert.objects.filter(user=user, read_at__isnull=True).count()


def watches_of(user: Any) -> QuerySet[Watch]:
    return Watch.objects.filter(user=user).select_related("bill", "subject", "section")


def watch_of(user: Any, bill: Bill) -> Watch | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Watch.objects.filter(user=user, kind=Watch.Kind.BILL, bill=bill).first()


def recent_stage_changes(*, subject: str = "", section: str = "") -> QuerySet[BillStage]:
    rows = BillStage.objects.select_related("bill")
    if subject:
        rows = rows.filter(bill__subjects__code=subject)
    if section:
        rows = rows.filter(
            Q(bill__sections__code=section) | Q(bill__subjects__sections__code=section)
        )
    return rows.distinct().order_by("-happened_on", "-pk")
