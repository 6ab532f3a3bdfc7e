"""Members' problems in the open API: the published problems, the bodies, the answer board."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.appeals import queries
from hromada.appeals.models import Body, Problem

router = Router(tags=["appeals"])

StateCode = Literal["new", "in_work", "sent", "answered", "solved", "unsolved", "merged"]


class PublicProblemOut(Schema):
    id: int
    title: str
    summary: str
    state: StateCode
    hromadas: int
    raised_on: dt.date


class ProblemPage(Schema):
    items: list[PublicProblemOut]
    next: str | None


class BodyOut(Schema):
    code: str
    name_uk: str
    name_en: str
    kind: str
    deadline_days: int


class BoardRowOut(Schema):
    body: str
    sent: int
    answered: int
    on_time: int
    overdue: int
    outcomes: dict[str, int]


def problem_out(problem: Problem) -> dict[str, Any]:
    return {
        "id": problem.pk,
        "title": problem.title,
        "summary": problem.public_summary,
        "state": problem.state,
        "hromadas": problem.participations.count(),
        "raised_on": problem.raised_at.date(),
    }


@router.get("/appeals/problems", response=ProblemPage, summary="Published problems of members")
def list_problems(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    return page(request, queries.public_problems(), cursor, limit, problem_out)


@router.get("/appeals/bodies", response=list[BodyOut], summary="Government bodies")
def list_bodies(request: HttpRequest) -> list[Body]:
    return list(Body.objects.all())


@router.get("/appeals/board", response=list[BoardRowOut], summary="How bodies answer")
def answer_board(
    request: HttpRequest, year: int | None = Query(None, ge=2000, le=2100)
) -> list[dict[str, Any]]:
    return [
        {
            "body": row.body.code,
            "sent": row.sent,
            "answered": row.answered,
            "on_time": row.on_time,
            "overdue": row.overdue,
            "outcomes": dict(row.outcomes),
        }
        for row in queries.board(year)
    ]
