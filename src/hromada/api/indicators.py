"""Areas and indicators: metadata, formulas and the versions of each definition."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.api.schemas import AreaOut, IndicatorOut, IndicatorPage, IndicatorVersionOut
from hromada.indicators.models import Area, Indicator, IndicatorVersion

router = Router(tags=["indicators"])


def indicator_out(item: Indicator) -> dict[str, Any]:
    fields = IndicatorOut.model_fields.keys() - {"area"}
    return {"area": item.area.code, **{name: getattr(item, name) for name in fields}}


def version_out(item: IndicatorVersion) -> dict[str, Any]:
    return {
        "indicator": item.indicator.code,
        "version": item.version,
        "origin": item.origin,
        "changed_at": item.changed_at,
        "reason": item.reason,
        "definition": item.definition,
    }


@router.get("/areas", response=list[AreaOut], summary="Areas of indicators")
def list_areas(request: HttpRequest) -> list[Area]:
    return list(Area.objects.all())


@router.get("/indicators", response=IndicatorPage, summary="List indicators")
def list_indicators(
    request: HttpRequest,
    area: str | None = None,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    rows = Indicator.objects.select_related("area")
    if area:
        rows = rows.filter(area__code=area)
    if active is not None:
        rows = rows.filter(is_active=active)
    return page(request, rows, cursor, limit, indicator_out)


def _indicator(code: str) -> Indicator:
    item = Indicator.objects.select_related("area").filter(code=code).first()
    if item is None:
        raise ApiError(404, f"No indicator has the code {code}.")
    return item


@router.get("/indicators/{code}", response=IndicatorOut, summary="One indicator")
def get_indicator(request: HttpRequest, code: str) -> dict[str, Any]:
    return indicator_out(_indicator(code))


@router.get(
    "/indicators/{code}/versions",
    response=list[IndicatorVersionOut],
    summary="Versions of an indicator's definition",
)
def indicator_versions(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    indicator = _indicator(code)
    rows = IndicatorVersion.objects.filter(indicator=indicator).select_related("indicator")
    return [version_out(item) for item in rows.order_by("-version")]
