"""Published values: paginated JSON, or the whole filtered set streamed as CSV or JSON-stat.

With `release=<id>` the answer is the vintage of that release: the values as the public saw
them when it was published, read from the history of values, so later revisions do not
change it.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import F, QuerySet, Value
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Router
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset, next_link, page
from hromada.api.problems import ApiError
from hromada.api.releases import published_release
from hromada.api.rendering import json_answer
from hromada.api.schemas import ObservationPage
from hromada.dataio.exporting import csv_chunks
from hromada.dataio.jsonstat import jsonstat_chunks
from hromada.indicators.models import Indicator, Observation, ObservationHistory, Sex, below
from hromada.releases.queries import vintage
from hromada.territories.models import Territory

router = Router(tags=["observations"])
FORMATS = ("json", "csv", "jsonstat")
JSONSTAT_TYPE = "application/vnd.json-stat+json"
STREAM_TYPES = {"csv": "text/csv; charset=utf-8", "jsonstat": "application/json"}


def observation_out(item: Observation) -> dict[str, Any]:
    return {
        "territory": item.territory.code,
        "indicator": item.indicator.code,
        "year": item.year,
        "sex": item.sex,
        "value": item.value,
        "missing": item.missing,
        "status": item.status,
        "source": item.source,
        "note": item.note,
        "updated_at": item.updated_at,
    }


def vintage_out(item: ObservationHistory) -> dict[str, Any]:
    return {
        "territory": item.territory.code,
        "indicator": item.indicator.code,
        "year": item.year,
        "sex": item.sex,
        "value": item.new_value,
        "missing": item.new_missing,
        "status": item.new_status,
        "source": "",
        "note": "",
        "updated_at": item.changed_at,
    }


def as_observations(rows: QuerySet[ObservationHistory]) -> QuerySet[Observation]:
    """History rows under the column names the exports read (value, missing, status)."""
    named = rows.annotate(
        value=F("new_value"), missing=F("new_missing"), status=F("new_status"), note=Value("")
    )
    return cast("QuerySet[Observation]", named)


def chosen_format(request: HttpRequest, format_param: str | None) -> str:
    if format_param:
        if format_param not in FORMATS:
            message = f"must be one of: {', '.join(FORMATS)}"
            raise ApiError(400, "Unknown format.", errors=[{"field": "format", "message": message}])
        return format_param
    accept = request.headers.get("Accept", "")
    if "text/csv" in accept:
        return "csv"
    if JSONSTAT_TYPE in accept:
        return "jsonstat"
    return "json"


def filtered(
    rows: QuerySet[Any],
    indicator: list[str],
    area: str | None,
    territory: list[str],
    parent: str | None,
    year_from: int | None,
    year_to: int | None,
    sex: str | None,
) -> QuerySet[Any]:
    if indicator:
        # By id, not by a join on the code: the planners then know the indicator and read it
        # through its index (observation_indicator_page) instead of walking the primary key.
        ids = Indicator.objects.filter(code__in=indicator).values_list("pk", flat=True)
        rows = rows.filter(indicator_id__in=list(ids))
    if area:
        rows = rows.filter(indicator__area__code=area)
    if territory:
        rows = rows.filter(territory__code__in=territory)
    if parent:
        rows = rows.filter(below(parent))  # everything below it, as in exports
    if year_from is not None:
        rows = rows.filter(year__gte=year_from)
    if year_to is not None:
        rows = rows.filter(year__lte=year_to)
    if sex is not None:
        if sex not in Sex.values:
            message = "must be empty (total), f or m"
            raise ApiError(400, "Unknown sex.", errors=[{"field": "sex", "message": message}])
        rows = rows.filter(sex=sex)
    return rows


@router.get(
    "/observations",
    response=ObservationPage,
    summary="Published values",
    openapi_extra={
        "responses": {
            200: {
                "description": "A page of values (JSON), or every value (CSV, JSON-stat)",
                "content": {
                    # `format=jsonstat` streams a JSON-stat 2.0 dataset, also as JSON.
                    "application/json": {
                        "schema": {
                            "anyOf": [
                                {"$ref": "#/components/schemas/ObservationPage"},
                                {"type": "object", "required": ["version", "class"]},
                            ]
                        }
                    },
                    "text/csv": {"schema": {"type": "string"}},
                    JSONSTAT_TYPE: {"schema": {"type": "object"}},
                },
            }
        }
    },
)
def list_observations(
    request: HttpRequest,
    indicator: list[str] = Query([]),  # noqa: B008 - ninja declares parameters so
    area: str | None = None,
    territory: list[str] = Query([]),  # noqa: B008
    parent: str | None = None,
    year_from: int | None = Query(None, ge=1900, le=2200),
    year_to: int | None = Query(None, ge=1900, le=2200),
    sex: str | None = None,
    release: int | None = None,
    format: str | None = None,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> Any:
    kind = chosen_format(request, format)
    narrow = (indicator, area, territory, parent, year_from, year_to, sex)
    if release is not None:
        of_release = published_release(release)
        keys = filtered(ObservationHistory.objects.all(), *narrow)
        history = vintage(of_release, keys)
        if kind == "json":
            history = history.select_related("territory", "indicator")
            return page(request, history, cursor, limit, vintage_out)
        rows = as_observations(history)
    else:
        rows = filtered(Observation.objects.all(), *narrow)
    if kind == "csv":
        ordered = rows.order_by("indicator__code", "territory__code", "year", "sex")
        response = StreamingHttpResponse(csv_chunks(ordered), content_type=STREAM_TYPES["csv"])
        response["Content-Disposition"] = 'attachment; filename="observations.csv"'
        return response
    if kind == "jsonstat":
        chunks = jsonstat_chunks(rows)
        return StreamingHttpResponse(chunks, content_type=STREAM_TYPES["jsonstat"])
    return observation_page(request, rows, cursor, limit)


# An observation's fields in the answer (ObservationOut, in its order), each with the column
# it is read from; the first two are ids, answered as the codes they stand for.
OBSERVATION_FIELDS = (
    ("territory", "territory_id"),
    ("indicator", "indicator_id"),
    ("year", "year"),
    ("sex", "sex"),
    ("value", "value"),
    ("missing", "missing"),
    ("status", "status"),
    ("source", "source"),
    ("note", "note"),
    ("updated_at", "updated_at"),
)


def _codes(model: type[Territory | Indicator], ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "code"))


def observation_page(
    request: HttpRequest, rows: QuerySet[Observation], cursor: str | None, limit: int
) -> HttpResponse:
    """A page of published values written straight to JSON (hromada.api.rendering).

    The rows are read as plain tuples, and the codes of their territories and indicators
    with one small query each: joining both tables in the page's query led SQLite to walk
    every territory instead of the indicator's index (EXPLAIN on the benchmark's data), and
    making model instances of three tables was most of the rest of the request."""
    columns = ["pk", *(column for _name, column in OBSERVATION_FIELDS)]
    found, last = keyset(rows, cursor, limit, columns)
    territories = _codes(Territory, {row[1] for row in found})
    indicators = _codes(Indicator, {row[2] for row in found})
    names = [name for name, _column in OBSERVATION_FIELDS]
    items = [
        dict(zip(names, (territories[row[1]], indicators[row[2]], *row[3:]), strict=True))
        for row in found
    ]
    return json_answer({"items": items, "next": next_link(request, last) if last else None})
