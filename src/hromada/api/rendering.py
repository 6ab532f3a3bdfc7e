"""Answers written straight to JSON bytes, for the endpoints whose answers hold many items.

django-ninja validates what a view returns against the route's response schema, item by
item (pydantic), and then writes it with the standard library: for a ranking of 1,469
hromadas that was most of the request (profiled on the benchmark's data: about 130 of
220 ms). The ranking and observation lists build plain dicts holding exactly their schema's
fields, from numbers the database gives, and write them here with orjson. Their routes keep
`response=<schema>`, so the OpenAPI description does not change; tests/api/test_rendering.py
checks their answers against the schema and against what ninja would have written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

# What ninja's JSON renderer answers with.
CONTENT_TYPE = "application/json; charset=utf-8"
_DJANGO_JSON = DjangoJSONEncoder()


def _other(value: object) -> Any:
    """Datetimes as Django's encoder writes them (milliseconds, `Z` for UTC), as ninja's
    answers always had them; anything else orjson cannot write is an error, as before."""
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return _DJANGO_JSON.default(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_bytes(payload: object) -> bytes:
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_SERIALIZE_NUMPY
    return orjson.dumps(payload, default=_other, option=options)


def json_answer(payload: object) -> HttpResponse:
    """A 200 answer of `payload` as JSON, the way ninja writes one (types, text, header)."""
    return HttpResponse(json_bytes(payload), content_type=CONTENT_TYPE)


def items_of(rows: Iterable[Any], fields: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each row as a dict of the schema's fields; `fields` pairs each field's name in the
    answer with the row's attribute it is read from, in the schema's order."""
    names = [name for name, _attribute in fields]
    read = attrgetter(*(attribute for _name, attribute in fields))
    if len(fields) == 1:
        return [{names[0]: read(row)} for row in rows]
    return [dict(zip(names, read(row), strict=True)) for row in rows]
