"""Training and the practice library in the open API: published events with their sessions,
the public check of a certificate, published practices with their outcome figures."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Count, Min, Q
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.learning import outcomes, queries
from hromada.learning.models import (
    Certificate,
    Event,
    Practice,
    PracticeState,
    RegistrationState,
)

router = Router(tags=["learning"])

KindCode = Literal["course", "practicum", "webinar", "exchange"]
EvidenceCode = Literal["described", "measured", "transferred", ""]


class SessionOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    topic: str
    hours: Decimal


class EventOut(Schema):
    id: int
    title: str
    kind: KindCode
    section: str | None
    audience: str
    credits: Decimal
    hours: Decimal
    completion_share: int
    capacity: int
    seats_left: int
    registration_open: bool
    starts_at: dt.datetime | None


class EventDetailOut(EventOut):
    programme: str
    sessions: list[SessionOut]


class EventPage(Schema):
    items: list[EventOut]
    next: str | None


class CertificateCheckOut(Schema):
    number: str
    full_name: str
    programme: str
    hours: Decimal
    credits: Decimal
    first_day: dt.date
    last_day: dt.date
    issued_on: dt.date
    valid: bool
    revoked_on: dt.date | None


class AdoptionOut(Schema):
    hromada: str
    year: int


class PracticeOut(Schema):
    id: int
    title: str
    title_en: str
    hromada: str
    section: str | None
    start_year: int | None
    evidence: EvidenceCode
    target_indicators: list[str]
    adoptions: list[AdoptionOut]
    published_on: dt.date | None


class OutcomeOut(Schema):
    indicator: str
    hromada: str
    start_year: int
    years: list[int]
    values: list[float | None]
    peers_mean: list[float | None]
    peers: int
    population_band: str
    own_before: float | None
    own_after: float | None
    peers_before: float | None
    peers_after: float | None
    estimate: float | None
    peer_spread: float | None
    caveats: list[str]


class PracticeDetailOut(PracticeOut):
    problem: str
    solution: str
    results: str
    cost: str
    duration: str
    problem_en: str
    solution_en: str
    results_en: str
    cost_en: str
    duration_en: str
    outcomes: list[OutcomeOut]


class PracticePage(Schema):
    items: list[PracticeOut]
    next: str | None


def _events() -> Any:
    return (
        queries.events_for(None)
        .select_related("section")
        .prefetch_related("sessions")
        .annotate(
            first_start=Min("sessions__starts_at"),
            confirmed=Count(
                "registrations",
                filter=Q(registrations__state=RegistrationState.CONFIRMED),
                distinct=True,
            ),
        )
    )


def event_out(event: Event) -> dict[str, Any]:
    sessions = list(event.sessions.all())
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "section": event.section.code if event.section else None,
        "audience": event.audience,
        "credits": event.credits,
        "hours": sum((s.hours for s in sessions), Decimal(0)),
        "completion_share": event.completion_share,
        "capacity": event.capacity,
        "seats_left": max(0, event.capacity - getattr(event, "confirmed", 0)),
        "registration_open": event.registration_open,
        "starts_at": getattr(event, "first_start", None),
    }


@router.get("/learning/events", response=EventPage, summary="Published training events")
def list_events(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    return page(request, _events(), cursor, limit, event_out)


@router.get("/learning/events/{event_id}", response=EventDetailOut, summary="One event")
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = _events().filter(pk=event_id).first()
    if event is None:
        raise ApiError(404, f"No published event has the id {event_id}.")
    return {
        **event_out(event),
        "programme": event.programme,
        "sessions": [
            {
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "place": s.place,
                "topic": s.topic,
                "hours": s.hours,
            }
            for s in event.sessions.all()
        ],
    }


@router.get(
    "/learning/certificates/{code}",
    response=CertificateCheckOut,
    summary="Check a certificate by the code of its QR link",
)
def check_certificate(request: HttpRequest, code: str) -> dict[str, Any]:
    try:
        key = uuid.UUID(code)
    except ValueError:
        key = None
    certificate = Certificate.objects.filter(check_code=key).first() if key else None
    if certificate is None:
        raise ApiError(404, "No certificate has this check code.")
    return {
        "number": certificate.number,
        "full_name": certificate.full_name,
        "programme": certificate.event_title,
        "hours": certificate.hours,
        "credits": certificate.credits,
        "first_day": certificate.first_day,
        "last_day": certificate.last_day,
        "issued_on": certificate.issued_on,
        "valid": certificate.revoked_on is None,
        "revoked_on": certificate.revoked_on,
    }


def practice_out(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.pk,
        "title": practice.title,
        "title_en": practice.title_en,
        "hromada": practice.hromada.code,
        "section": practice.section.code if practice.section else None,
        "start_year": practice.start_year,
        "evidence": practice.evidence,
        "target_indicators": [i.code for i in practice.target_indicators.all()],
        "adoptions": [
            {"hromada": a.hromada.code, "year": a.year} for a in practice.adoptions.all()
        ],
        "published_on": practice.published_on,
    }


def _practices(filters: queries.PracticeFilters) -> Any:
    return queries.practices(filters).prefetch_related("target_indicators", "adoptions__hromada")


@router.get("/learning/practices", response=PracticePage, summary="Published best practices")
def list_practices(
    request: HttpRequest,
    q: str = "",
    section: str = "",
    subject: str = "",
    oblast: str = "",
    hromada_type: Literal["city", "settlement", "village", ""] = "",
    evidence: EvidenceCode = "",
    size: Literal[
        "lt5k", "5k-10k", "10k-20k", "20k-50k", "50k-100k", "100k-250k", "250k+", ""
    ] = "",
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    filters = queries.PracticeFilters(
        text=q[:200],
        section=section,
        subject=subject,
        oblast=oblast,
        hromada_type=hromada_type,
        evidence=evidence,
        size=size,
    )
    return page(request, _practices(filters), cursor, limit, practice_out)


@router.get(
    "/learning/practices/{practice_id}",
    response=PracticeDetailOut,
    summary="One practice with its outcome figures",
)
def get_practice(request: HttpRequest, practice_id: int) -> dict[str, Any]:
    practice = _practices(queries.PracticeFilters()).filter(pk=practice_id).first()
    if practice is None or practice.state != PracticeState.PUBLISHED:
        raise ApiError(404, f"No published practice has the id {practice_id}.")
    return {
        **practice_out(practice),
        "problem": practice.problem,
        "solution": practice.solution,
        "results": practice.results,
        "cost": practice.cost,
        "duration": practice.duration,
        "problem_en": practice.problem_en,
        "solution_en": practice.solution_en,
        "results_en": practice.results_en,
        "cost_en": practice.cost_en,
        "duration_en": practice.duration_en,
        "outcomes": [
            {
                "indicator": r.indicator.code,
                "hromada": r.hromada.code,
                "start_year": r.start_year,
                "years": r.years,
                "values": r.own,
                "peers_mean": r.peers_mean,
                "peers": r.peers,
                "population_band": r.band,
                "own_before": r.own_before,
                "own_after": r.own_after,
                "peers_before": r.peers_before,
                "peers_after": r.peers_after,
                "estimate": r.estimate,
                "peer_spread": r.peer_spread,
                "caveats": r.caveats,
            }
            for r in outcomes.practice_outcomes(practice)
        ],
    }
