"""Endpoints that need a token: unpublished values and writing a hromada's answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from hromada.api.models import ApiToken, Scope
from hromada.api.observations import filtered, observation_out
from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.api.schemas import ObservationPage, SubmitOut, ValueIn
from hromada.api.submit import Row, submit_values
from hromada.api.tokens import BearerToken
from hromada.collection.models import Campaign
from hromada.collection.permissions import can_enter
from hromada.collection.queries import submission_of
from hromada.indicators.models import Status
from hromada.indicators.queries import visible_observations
from hromada.territories.models import Territory

router = Router(tags=["with a token"], auth=BearerToken())


def _token(request: HttpRequest, scope: str) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if not token.allows(scope):
        raise PermissionDenied(f"This token lacks the {scope} scope.")
    return token


@router.get("/drafts/observations", response=ObservationPage, summary="Values of any status")
def draft_observations(
    request: HttpRequest,
    status: list[str] = Query([]),  # noqa: B008 - ninja declares parameters so
    indicator: list[str] = Query([]),  # noqa: B008
    territory: list[str] = Query([]),  # noqa: B008
    year_from: int | None = Query(None, ge=1900, le=2200),
    year_to: int | None = Query(None, ge=1900, le=2200),
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    token = _token(request, Scope.READ_DRAFTS)
    unknown = set(status) - set(Status.values)
    if unknown:
        message = f"must be one of: {', '.join(Status.values)}"
        raise ApiError(400, "Unknown status.", errors=[{"field": "status", "message": message}])
    rows = visible_observations(token.user)
    if token.hromada_id is not None:
        rows = rows.filter(territory_id=token.hromada_id)
    if status:
        rows = rows.filter(status__in=status)
    rows = filtered(rows, indicator, None, territory, None, year_from, year_to, None)
    rows = rows.select_related("territory", "indicator")
    return page(request, rows, cursor, limit, observation_out)


@router.post(
    "/campaigns/{campaign_id}/submissions/{hromada_code}/values",
    response=SubmitOut,
    summary="Write a hromada's answers",
)
def submit(
    request: HttpRequest, campaign_id: int, hromada_code: str, values: list[ValueIn]
) -> dict[str, Any]:
    token = _token(request, Scope.WRITE_DRAFTS)
    if token.hromada is not None and token.hromada.code != hromada_code:
        raise PermissionDenied("This token belongs to another hromada.")
    hromada = Territory.objects.filter(code=hromada_code).first()
    if hromada is not None and not can_enter(token.user, hromada):
        raise PermissionDenied("This token may not write this hromada's answers.")
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise ApiError(404, f"No campaign has the id {campaign_id}.")
    submission = submission_of(campaign, hromada_code)
    if submission is None:
        raise ApiError(404, f"{hromada_code} does not report in this campaign.")
    rows = [Row(v.indicator, v.value, v.missing, v.comment) for v in values]
    result = submit_values(submission, rows, by=token.user)
    return {"saved": result.saved, "warnings": result.warnings}
