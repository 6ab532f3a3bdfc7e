"""Reading legislative work: bill lists with search, positions the public may see, alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Q, QuerySet

from hromada.accounts import permissions
from hromada.legislation import search
from hromada.legislation.models import Alert, Bill, BillStage, Position, Watch


@dataclass(frozen=True)
class BillFilters:
    text: str = ""
    subject: str = ""  # Subject.code
    section: str = ""  # Section.code
    stage: str = ""


def bills(filters: BillFilters) -> QuerySet[Bill]:
    """The bills passing the filters, newest stage first; the words only narrow (the API pages
    them by id). Pages that show matches best first use `ranked_bills`."""
    rows = _filtered(filters)
    if filters.text.strip():
        rows = search.matching(filters.text, rows)
    return rows.order_by("-stage_on", "-registered_on", "-pk")


def ranked_bills(filters: BillFilters) -> Sequence[Bill] | QuerySet[Bill]:
    """The bills passing the filters: best matches first when there are words, else as `bills`."""
    if not filters.text.strip():
        return bills(filters).prefetch_related("subjects")
    narrowed = filters.subject or filters.section or filters.stage
    return RankedBills(search.search_bills(filters.text, _filtered(filters) if narrowed else None))


class RankedBills(Sequence[Bill]):
    """Ranked search hits for a paginator: every id is known, bills are read a page at a time."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Bill: ...
    @overload
    def __getitem__(self, index: slice) -> list[Bill]: ...
    def __getitem__(self, index: int | slice) -> Bill | list[Bill]:
        if isinstance(index, int):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        wanted = self.ids[index]
        found = Bill.objects.prefetch_related("subjects").in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]

    def __iter__(self) -> Iterator[Bill]:
        return iter(self[:])


def _filtered(filters: BillFilters) -> QuerySet[Bill]:
    rows = Bill.objects.all()
    if filters.subject:
        rows = rows.filter(subjects__code=filters.subject)
    if filters.section:
        rows = rows.filter(
            Q(sections__code=filters.section) | Q(subjects__sections__code=filters.section)
        )
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    return rows.distinct()


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
