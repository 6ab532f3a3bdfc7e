"""Legislative work in the open API: bills with their stages, the association's positions,
consultations open now and the per-hromada figures of published impact models."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.legislation import queries
from hromada.legislation.consultations import open_consultations
from hromada.legislation.models import Bill, Consultation, ImpactModel, ImpactResult, Position

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


class ArticleOut(Schema):
    label: str
    text: str


class ConsultationOut(Schema):
    id: int
    title: str
    question: str
    bill: str
    opens_on: dt.date
    closes_on: dt.date
    audience: Literal["all", "section", "oblast"]
    section: str | None
    oblast: str | None
    articles: list[ArticleOut]


class ConsultationPage(Schema):
    items: list[ConsultationOut]
    next: str | None


def consultation_out(consultation: Consultation) -> dict[str, Any]:
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "question": consultation.question,
        "bill": consultation.bill.number,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "audience": consultation.audience,
        "section": consultation.section.code if consultation.section else None,
        "oblast": consultation.oblast.code if consultation.oblast else None,
        "articles": [{"label": a.label, "text": a.text} for a in consultation.articles.all()],
    }


@router.get("/consultations", response=ConsultationPage, summary="Consultations open now")
def list_consultations(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    rows = open_consultations().prefetch_related("articles")
    return page(request, rows, cursor, limit, consultation_out)


class ImpactFigureOut(Schema):
    territory: str
    name: str
    value: float


class ImpactPage(Schema):
    position: int
    label: str
    formula: str
    year: int
    unit: str
    assumptions: str
    items: list[ImpactFigureOut]
    next: str | None


def _figure_out(result: ImpactResult) -> dict[str, Any]:
    return {
        "territory": result.territory.code,
        "name": result.territory.name,
        "value": result.value,
    }


@router.get(
    "/positions/{position_id}/impact",
    response=ImpactPage,
    summary="Each hromada's figure under a published position's impact model",
)
def get_impact(
    request: HttpRequest,
    position_id: int,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    # A foreign key's lookup is not range-checked as a primary key's is: an id beyond 64 bits
    # would reach SQLite and fail there (schemathesis found it), so it is no position at all.
    in_range = 0 < position_id < 2**63
    published = ImpactModel.objects.filter(position__published_on__isnull=False)
    model = (
        published.filter(position_id=position_id).select_related("position").first()
        if in_range
        else None
    )
    if model is None:
        raise ApiError(404, f"No published position {position_id} with an impact model.")
    rows = model.results.select_related("territory")
    return {
        "position": position_id,
        "label": model.label,
        "formula": model.formula,
        "year": model.year,
        "unit": model.unit,
        "assumptions": model.assumptions,
        **page(request, rows, cursor, limit, _figure_out),
    }
