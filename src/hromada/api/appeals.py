"""Members' problems in the open API: the published problems, the bodies, the answer board."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.appeals import queries
from hromada.appeals.models import Answer, Body, Problem

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


class LetterOut(Schema):
    body: str
    sent_on: dt.date
    deadline: dt.date
    redirected_from: str | None
    received_on: dt.date | None
    outcome: Literal["solved", "partly", "refused", "redirected"] | None
    redirected_to: str | None
    on_time: bool | None


class PublicProblemDetailOut(PublicProblemOut):
    subjects: list[str]
    letters: list[LetterOut]


class BoardRowOut(Schema):
    code: str
    name: str
    body: str | None
    problems: int
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


@router.get(
    "/appeals/problems/{problem_id}",
    response=PublicProblemDetailOut,
    summary="One published problem with its letters and answers",
)
def get_problem(request: HttpRequest, problem_id: int) -> dict[str, Any]:
    problem = queries.public_problems().filter(pk=problem_id).first()
    if problem is None:
        raise ApiError(404, f"No published problem has the id {problem_id}.")
    letters = problem.dispatches.select_related(
        "body", "answer", "answer__redirected_to", "redirected_from__body"
    )
    return {
        **problem_out(problem),
        "subjects": queries.subjects_of(problem),
        "letters": [
            {
                "body": letter.body.code,
                "sent_on": letter.sent_on,
                "deadline": letter.deadline,
                "redirected_from": letter.redirected_from.body.code
                if letter.redirected_from
                else None,
                **_answer_out(getattr(letter, "answer", None)),
            }
            for letter in letters
        ],
    }


def _answer_out(answer: Answer | None) -> dict[str, Any]:
    if answer is None:
        return {"received_on": None, "outcome": None, "redirected_to": None, "on_time": None}
    return {
        "received_on": answer.received_on,
        "outcome": answer.outcome,
        "redirected_to": answer.redirected_to.code if answer.redirected_to else None,
        "on_time": answer.on_time,
    }


@router.get("/appeals/bodies", response=list[BodyOut], summary="Government bodies")
def list_bodies(request: HttpRequest) -> list[Body]:
    return list(Body.objects.all())


@router.get("/appeals/board", response=list[BoardRowOut], summary="How bodies answer")
def answer_board(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100),
    by: Literal["body", "subject", "section"] = "body",
) -> list[dict[str, Any]]:
    return [
        {
            "code": row.code,
            "name": row.label,
            "body": row.code if by == "body" else None,
            "problems": row.problems,
            "sent": row.sent,
            "answered": row.answered,
            "on_time": row.on_time,
            "overdue": row.overdue,
            "outcomes": dict(row.outcomes),
        }
        for row in queries.board(year, by=by)
    ]
