"""Published values: paginated JSON, or the whole filtered set streamed as CSV or JSON-stat.

With `release=<id>` the answer is the vintage of that release: the values as the public saw
them when it was published, read from the history of values, so later revisions do not
change it.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, cast

from django.db import connections
from django.db import router as databases
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Field, QuerySet, Value
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Router
from ninja.params.functions import Query

from hromada.api.catalogue_memo import indicator_codes, indicators_by_code, territory_codes
from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, decode, keyset, next_link, page
from hromada.api.problems import ApiError
from hromada.api.releases import published_release
from hromada.api.rendering import json_answer
from hromada.api.schemas import ObservationPage
from hromada.dataio.exporting import csv_chunks
from hromada.dataio.jsonstat import jsonstat_chunks
from hromada.indicators.models import (
    Indicator,
    Observation,
    ObservationHistory,
    Sex,
    Status,
    below,
)
from hromada.releases.queries import vintage

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
        rows = rows.filter(sex=checked_sex(sex))
    return rows


def checked_sex(sex: str) -> str:
    if sex not in Sex.values:
        message = "must be empty (total), f or m"
        raise ApiError(400, "Unknown sex.", errors=[{"field": "sex", "message": message}])
    return sex


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
    elif kind == "json" and not (area or territory or parent):
        # The common question (an indicator's values from a year on): one precomposed query.
        return plain_page(request, indicator, year_from, year_to, sex, cursor, limit)
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


def observation_page(
    request: HttpRequest, rows: QuerySet[Observation], cursor: str | None, limit: int
) -> HttpResponse:
    """A page of published values written straight to JSON (hromada.api.rendering).

    The rows are read as plain tuples, and the codes of their territories and indicators
    from what the process keeps (hromada.api.catalogue_memo): joining both tables in the
    page's query led SQLite to walk every territory instead of the indicator's index
    (EXPLAIN on the benchmark's data), and making model instances of three tables was most
    of the rest of the request."""
    columns = ["pk", *(column for _name, column in OBSERVATION_FIELDS)]
    found, last = keyset(rows, cursor, limit, columns)
    return _answer(request, found, last)


def plain_page(
    request: HttpRequest,
    indicator: list[str],
    year_from: int | None,
    year_to: int | None,
    sex: str | None,
    cursor: str | None,
    limit: int,
) -> HttpResponse:
    """observation_page of `filtered(Observation.objects.all(), indicator, None, [], None,
    year_from, year_to, sex)`, read with SQL composed here: building and compiling that
    queryset was a third of the request (py-spy on the benchmark's data), the query itself
    a tenth. tests/api/test_rendering.py checks both give the same pages."""
    connection = connections[databases.db_for_read(Observation)]
    column = _quoted_columns(connection.vendor)
    where: list[str] = [f"{column['status']} = %s"]
    params: list[int | str] = [str(Status.PUBLISHED)]
    if indicator:
        known = indicators_by_code()
        ids = sorted({known[code].pk for code in indicator if code in known})
        if not ids:
            return _answer(request, [], None)
        where.append(f"{column['indicator_id']} IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    for condition, value in (
        (f"{column['year']} >= %s", year_from),
        (f"{column['year']} <= %s", year_to),
        (f"{column['sex']} = %s", None if sex is None else checked_sex(sex)),
        (f"{column['pk']} > %s", decode(cursor) if cursor else None),
    ):
        if value is not None:
            where.append(condition)
            params.append(value)
    sql = (
        f"SELECT {column['*']} FROM {column['table']} "  # noqa: S608 - names of our model
        f"WHERE {' AND '.join(where)} ORDER BY {column['pk']} LIMIT %s"
    )
    with connection.cursor() as reading:
        reading.execute(sql, [*params, limit + 1])
        found = [_converted(row, connection) for row in reading.fetchall()]
    if len(found) <= limit:
        return _answer(request, found, None)
    return _answer(request, found[:limit], int(found[limit - 1][0]))


@functools.cache  # per database vendor: the same names every time
def _quoted_columns(vendor: str) -> dict[str, str]:
    """The quoted table and columns plain_page names; `*` is a page's columns: the key,
    then each of OBSERVATION_FIELDS' columns."""
    quote = next(c for c in connections.all() if c.vendor == vendor).ops.quote_name
    meta = Observation._meta
    table = quote(meta.db_table)
    names = ["status", "indicator_id", "year", "sex", *(c for _n, c in OBSERVATION_FIELDS)]
    quoted = {name: f"{table}.{quote(_column(name))}" for name in names}
    quoted["pk"] = f"{table}.{quote(meta.pk.column)}"
    quoted["*"] = ", ".join([quoted["pk"], *(quoted[c] for _n, c in OBSERVATION_FIELDS)])
    return quoted | {"table": table}


def _column(name: str) -> str:
    field = Observation._meta.get_field(name)
    if not isinstance(field, Field) or not field.column:
        raise TypeError(f"Observation.{name} is not a column")
    return field.column


def _converted(row: tuple[Any, ...], connection: BaseDatabaseWrapper) -> tuple[Any, ...]:
    """SQLite gives `updated_at` naive (or as text): the aware datetime Django makes of it
    (PostgreSQL gives it aware)."""
    moment = row[-1]
    if isinstance(moment, str) or (isinstance(moment, dt.datetime) and moment.tzinfo is None):
        convert = connection.ops.convert_datetimefield_value  # type: ignore[attr-defined]
        moment = convert(moment, None, connection)
        return (*row[:-1], moment)
    return row


def _answer(request: HttpRequest, found: list[tuple[Any, ...]], last: int | None) -> HttpResponse:
    """The page of `found` (rows of the key and OBSERVATION_FIELDS' columns) as JSON."""
    territories = territory_codes(row[1] for row in found)
    indicators = indicator_codes()
    if any(row[2] not in indicators for row in found):  # added since without an audit
        indicators = dict(Indicator.objects.values_list("pk", "code"))
    names = [name for name, _column in OBSERVATION_FIELDS]
    items = [
        dict(zip(names, (territories[row[1]], indicators[row[2]], *row[3:]), strict=True))
        for row in found
    ]
    return json_answer({"items": items, "next": next_link(request, last) if last else None})
