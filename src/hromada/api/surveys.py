"""Surveys in the open API: surveys and waves whose results are published, their response
rates and aggregated results; the answers row by row only to analysts' tokens.

An anonymous wave's answers are never given row by row, not even to an analyst: the API has
no path from an anonymous answer to anything but its wave (and, if kept, type and oblast).
Cross-tab groups of fewer than `MIN_GROUP` answers are left out of public results, and so are
the shares and summary of a question answered fewer than `MIN_GROUP` times, so that no group
of one or two hromadas shows its own answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from hromada.accounts.permissions import is_analyst
from hromada.api.models import ApiToken, Scope
from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.api.tokens import BearerToken
from hromada.surveys import queries, results
from hromada.surveys.models import Invitation, Response, Survey, Wave
from hromada.surveys.questions import questions_of

router = Router(tags=["surveys"])

MIN_GROUP = results.MIN_GROUP  # the small-group rule lives with the results
ModeCode = Literal["closed", "anonymous"]
ReviewCode = Literal["received", "issues", "approved", "rejected"]


class WaveOut(Schema):
    year: int
    mode: ModeCode
    closes_on: dt.date
    results_published_on: dt.date
    questions: int


class SurveyOut(Schema):
    code: str
    title_uk: str
    title_en: str
    description_uk: str
    description_en: str
    waves: list[WaveOut]


class SurveyPage(Schema):
    items: list[SurveyOut]
    next: str | None


class RateOut(Schema):
    group: str
    invited: int
    started: int
    submitted: int
    reviewed: int
    response_rate: float


class WaveDetailOut(WaveOut):
    survey: str
    rates: list[RateOut]
    by_type: list[RateOut]
    total: RateOut


class ShareOut(Schema):
    choice: str
    label: str
    count: int
    percent: float
    margin_of_error: float


class GroupOut(Schema):
    group: str
    answered: int
    percents: list[float]


class CrossTabsOut(Schema):
    oblast: list[GroupOut]
    hromada_type: list[GroupOut]
    population_band: list[GroupOut]
    left_out: int


class SummaryOut(Schema):
    mean: float
    median: float
    smallest: float
    largest: float


class QuestionResultOut(Schema):
    name: str
    kind: str
    text: str
    indicator: str
    answered: int
    shares: list[ShareOut]
    cross_tabs: CrossTabsOut | None
    summary: SummaryOut | None


class ResultsOut(Schema):
    survey: str
    year: int
    mode: ModeCode
    responses: int
    response_rate: float
    questions: list[QuestionResultOut]


class AnswerRowOut(Schema):
    id: str
    hromada: str
    submitted_on: dt.date
    review: ReviewCode
    answers: dict[str, Any]


class AnswerPage(Schema):
    items: list[AnswerRowOut]
    next: str | None


def wave_out(wave: Wave) -> dict[str, Any]:
    return {
        "year": wave.year,
        "mode": wave.mode,
        "closes_on": wave.closes_on,
        "results_published_on": wave.results_published_on,
        "questions": sum(1 for q in questions_of(wave.form.definition) if q.is_answered),
    }


def survey_out(survey: Survey) -> dict[str, Any]:
    return {
        "code": survey.code,
        "title_uk": survey.title_uk,
        "title_en": survey.title_en,
        "description_uk": survey.description_uk,
        "description_en": survey.description_en,
        "waves": [wave_out(wave) for wave in survey.public_waves],  # type: ignore[attr-defined]
    }


def _surveys() -> QuerySet[Survey]:
    waves = queries.public_waves().select_related("form").order_by("-year")
    return queries.public_surveys().prefetch_related(
        Prefetch("waves", queryset=waves, to_attr="public_waves")
    )


def _wave(code: str, year: int) -> Wave:
    wave = queries.public_wave(code, year)
    if wave is None:
        raise ApiError(404, f"The survey {code} has no wave in {year} with published results.")
    return wave


def rate_out(row: results.RateRow) -> dict[str, Any]:
    return {
        "group": row.group,
        "invited": row.invited,
        "started": row.started,
        "submitted": row.submitted,
        "reviewed": row.reviewed,
        "response_rate": round(row.percent, 1),
    }


def _groups(rows: list[results.CrossRow]) -> tuple[list[dict[str, Any]], int]:
    """Groups of at least MIN_GROUP answers, and how many answers were left out."""
    shown = [row for row in rows if row.answered >= MIN_GROUP]
    out = [
        {
            "group": row.group,
            "answered": row.answered,
            "percents": [round(p, 1) for p in row.percents],
        }
        for row in shown
    ]
    return out, sum(row.answered for row in rows) - sum(row.answered for row in shown)


def question_out(result: results.QuestionResult) -> dict[str, Any]:
    """A question's public aggregate; fewer than MIN_GROUP answers give the count alone."""
    question = result.question
    if result.answered < MIN_GROUP:
        result = results.QuestionResult(question, answered=result.answered)
    cross_tabs = None
    if question.is_select and result.frequencies:
        oblast, left_oblast = _groups(result.by_oblast)
        kind, left_type = _groups(result.by_type)
        band, left_band = _groups(result.by_band)
        cross_tabs = {
            "oblast": oblast,
            "hromada_type": kind,
            "population_band": band,
            "left_out": max(left_oblast, left_type, left_band),
        }
    summary = None
    if result.mean is not None and result.median is not None:
        summary = {
            "mean": result.mean,
            "median": result.median,
            "smallest": result.smallest,
            "largest": result.largest,
        }
    return {
        "name": question.name,
        "kind": question.kind,
        "text": question.text,
        "indicator": question.indicator,
        "answered": result.answered,
        "shares": [
            {
                "choice": choice.name,
                "label": row.label,
                "count": row.count,
                "percent": round(row.percent, 1),
                "margin_of_error": round(row.margin_percent, 1),
            }
            for choice, row in zip(
                question.choices if result.frequencies else [], result.frequencies, strict=True
            )
        ],
        "cross_tabs": cross_tabs,
        "summary": summary,
    }


@router.get("/surveys", response=SurveyPage, summary="Surveys with published results")
def list_surveys(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    return page(request, _surveys(), cursor, limit, survey_out)


@router.get("/surveys/{code}", response=SurveyOut, summary="One survey and its published waves")
def get_survey(request: HttpRequest, code: str) -> dict[str, Any]:
    survey = _surveys().filter(code=code).first()
    if survey is None:
        raise ApiError(404, f"No survey with published results has the code {code}.")
    return survey_out(survey)


@router.get(
    "/surveys/{code}/waves/{year}", response=WaveDetailOut, summary="A wave's response rates"
)
def get_wave(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
    wave = _wave(code, year)
    rates = results.rates(wave)
    return {
        **wave_out(wave),
        "survey": wave.survey.code,
        "rates": [rate_out(row) for row in rates.rows],
        "by_type": [rate_out(row) for row in results.rates(wave, by="type").rows],
        "total": rate_out(rates.total),
    }


@router.get(
    "/surveys/{code}/waves/{year}/results",
    response=ResultsOut,
    summary="A wave's aggregated results",
)
def get_results(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
    wave = _wave(code, year)
    rates = results.rates(wave)
    return {
        "survey": wave.survey.code,
        "year": wave.year,
        "mode": wave.mode,
        "responses": wave.responses.count(),
        "response_rate": round(rates.total.percent, 1),
        "questions": [question_out(result) for result in results.question_results(wave)],
    }


def answer_out(invitation: Invitation) -> dict[str, Any]:
    response: Response = invitation.response
    return {
        "id": str(response.pk),
        "hromada": invitation.hromada.code,
        "submitted_on": response.submitted_on,
        "review": response.review,
        "answers": dict(response.answers),
    }


def _analyst_token(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if not token.allows(Scope.READ_SURVEY_ANSWERS):
        raise PermissionDenied(f"This token lacks the {Scope.READ_SURVEY_ANSWERS} scope.")
    if token.hromada_id is not None or not is_analyst(token.user):
        raise PermissionDenied("Only an analyst's country-wide token reads survey answers.")
    return token


@router.get(
    "/surveys/{code}/waves/{year}/answers",
    response=AnswerPage,
    summary="A closed wave's answers, row by row (analysts' tokens)",
    auth=BearerToken(),
)
def list_answers(
    request: HttpRequest,
    code: str,
    year: int,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    _analyst_token(request)
    wave = Wave.objects.filter(survey__code=code, year=year).first()
    if wave is None:
        raise ApiError(404, f"The survey {code} has no wave in {year}.")
    if wave.is_anonymous:
        raise PermissionDenied("Answers of an anonymous wave are never given row by row.")
    # A closed wave's response keeps its invitation, whose integer key orders the pages.
    rows = Invitation.objects.filter(wave=wave, response__isnull=False).select_related(
        "response", "hromada"
    )
    return page(request, rows, cursor, limit, answer_out)
