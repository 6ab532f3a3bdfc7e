"""Legislative work in the open API: bills with their stages, the association's positions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.legislation import queries
from hromada.legislation.models import Bill, Position

router = Router(tags=["legislation"])

StageCode = Literal[
    "registered",
    "committee",
    "first_reading",
    "second_reading",
    "adopted",
    "signed",
    "vetoed",
    "rejected",
    "withdrawn",
    "other",
]
StanceCode = Literal["support", "amend", "oppose"]


class StageOut(Schema):
    stage: StageCode
    title: str
    date: dt.date


class BillOut(Schema):
    number: str
    title: str
    kind: str
    registered_on: dt.date | None
    stage: StageCode
    stage_title: str
    stage_on: dt.date | None
    main_committee: str
    initiators: list[str]
    subjects: list[str]
    source: Literal["rada", "manual"]
    url: str


class BillDetailOut(BillOut):
    stages: list[StageOut]
    positions: list[int]


class BillPage(Schema):
    items: list[BillOut]
    next: str | None


class LetterOut(Schema):
    addressee: str
    sent_on: dt.date
    outgoing_number: str


class PositionOut(Schema):
    id: int
    title: str
    stance: StanceCode
    bill: str | None
    summary: str
    proposals: str
    evidence: str
    version: int
    published_on: dt.date
    subjects: list[str]
    letters: list[LetterOut]


class PositionPage(Schema):
    items: list[PositionOut]
    next: str | None


def bill_out(bill: Bill) -> dict[str, Any]:
    return {
        "number": bill.number,
        "title": bill.title,
        "kind": bill.kind,
        "registered_on": bill.registered_on,
        "stage": bill.stage,
        "stage_title": bill.stage_title,
        "stage_on": bill.stage_on,
        "main_committee": bill.main_committee,
        "initiators": list(bill.initiators),
        "subjects": [subject.code for subject in bill.subjects.all()],
        "source": bill.source,
        "url": bill.url,
    }


def position_out(position: Position) -> dict[str, Any]:
    return {
        "id": position.pk,
        "title": position.title,
        "stance": position.stance,
        "bill": position.bill.number if position.bill else None,
        "summary": position.summary,
        "proposals": position.proposals,
        "evidence": position.evidence,
        "version": position.version,
        "published_on": position.published_on,
        "subjects": [subject.code for subject in position.subjects.all()],
        "letters": [
            {
                "addressee": letter.addressee,
                "sent_on": letter.sent_on,
                "outgoing_number": letter.outgoing_number,
            }
            for letter in position.letters.all()
        ],
    }


@router.get("/bills", response=BillPage, summary="Bills the association tracks")
def list_bills(
    request: HttpRequest,
    q: str = "",
    subject: str = "",
    stage: StageCode | None = None,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    rows = queries.bills(queries.BillFilters(text=q, subject=subject, stage=stage or ""))
    return page(request, rows.prefetch_related("subjects"), cursor, limit, bill_out)


@router.get("/bills/{number}", response=BillDetailOut, summary="One bill with its stages")
def get_bill(request: HttpRequest, number: str) -> dict[str, Any]:
    bill = queries.bill_by_number(number)
    if bill is None:
        raise ApiError(404, f"No bill numbered {number} is tracked.")
    return {
        **bill_out(bill),
        "stages": [
            {"stage": e.stage, "title": e.title, "date": e.happened_on}
            for e in queries.stages_of(bill)
        ],
        "positions": list(
            queries.positions_visible_to(None).filter(bill=bill).values_list("pk", flat=True)
        ),
    }


@router.get("/positions", response=PositionPage, summary="Published positions")
def list_positions(
    request: HttpRequest,
    subject: str = "",
    stance: StanceCode | None = None,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    rows = queries.published_positions(
        queries.PositionFilters(subject=subject, stance=stance or "")
    ).prefetch_related("letters")
    return page(request, rows, cursor, limit, position_out)


@router.get("/positions/{position_id}", response=PositionOut, summary="One published position")
def get_position(request: HttpRequest, position_id: int) -> dict[str, Any]:
    position = queries.positions_visible_to(None).filter(pk=position_id).first()
    if position is None:
        raise ApiError(404, f"No published position has the id {position_id}.")
    return position_out(position)
