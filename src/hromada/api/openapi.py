"""The OpenAPI description completed with what ninja cannot see from the signatures.

Every operation lists the errors it can answer with (as application/problem+json), and every
parameter or body field that accepts a fixed list of values names that list (`enum`). The
lists come from the same constants the handlers check, so the description cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ninja import NinjaAPI

from hromada.analytics.aggregate_page import GROUPINGS
from hromada.api.observations import FORMATS
from hromada.api.problems import CONTENT_TYPE, TITLES
from hromada.api.schemas import ValueIn
from hromada.indicators.models import Missing, Sex, Status
from hromada.territories.models import HromadaType, Level, WarStatus

# Query parameters that accept one of a fixed list of values, by name.
ACCEPTED: dict[str, Sequence[str]] = {
    "level": Level.values,
    "type": HromadaType.values,
    "war_status": WarStatus.values,
    "sex": Sex.values,
    "format": FORMATS,
    "by": list(GROUPINGS),
    "status": Status.values,
}
# Fields of request bodies that accept one of a fixed list of values: (schema, field) -> values.
ACCEPTED_IN_BODY: dict[tuple[str, str], Sequence[str]] = {
    (ValueIn.__name__, "missing"): ["", *Missing.values],
}
# Operations that look a code up in a query parameter, not in the path, and answer 404.
LOOKS_UP = {"/api/v1/rankings", "/api/v1/aggregates", "/api/v1/changes"}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; `errors` names each bad field or row.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}
WHEN = {
    400: "A parameter is not valid (the problem's `errors` name each one).",
    401: "No valid API token was given (`Authorization: Bearer ...`).",
    403: "The token may not do this (its scope or its hromada).",
    404: "Nothing has this code or id.",
    409: "The questionnaire is closed for changes.",
    422: "The body is not valid; `errors` names each row and indicator.",
    429: "Too many requests from this address; wait `Retry-After` seconds.",
}


def statuses_of(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses one operation can answer with."""
    statuses = [429]
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.append(400)
    if operation.get("security"):
        statuses += [401, 403]
    if "{" in path or path in LOOKS_UP:
        statuses.append(404)
    if method == "post":
        statuses += [409, 422]
    return sorted(statuses)


def _with_enum(schema: dict[str, Any], values: Sequence[str]) -> None:
    """Put the accepted values on a parameter's schema (inside arrays and `anyOf` too)."""
    if schema.get("type") == "array":
        _with_enum(schema.setdefault("items", {}), values)
    elif "anyOf" in schema:
        for option in schema["anyOf"]:
            if option.get("type") == "string":
                option["enum"] = list(values)
    else:
        schema["enum"] = list(values)


def _alternatives_only(operation: dict[str, Any]) -> None:
    """A response whose route lists alternatives (`anyOf`, with its schema among them) keeps
    only those: ninja also sets `$ref` beside them, and in OpenAPI 3.1 both then apply, so
    `/observations?format=jsonstat` answered with a JSON-stat dataset broke its own schema."""
    for response in operation.get("responses", {}).values():
        for content in response.get("content", {}).values():
            given = content.get("schema", {})
            if "anyOf" in given and "$ref" in given:
                del given["$ref"]


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            _alternatives_only(operation)
            for status in statuses_of(path, method, operation):
                operation["responses"].setdefault(
                    str(status),
                    {"description": f"{TITLES[status]}. {WHEN[status]}", "content": problem},
                )
            for parameter in operation.get("parameters", []):
                if parameter["name"] in ACCEPTED:
                    _with_enum(parameter["schema"], ACCEPTED[parameter["name"]])
    for (name, field), values in ACCEPTED_IN_BODY.items():
        properties = schema["components"]["schemas"].get(name, {}).get("properties", {})
        if field in properties:
            _with_enum(properties[field], values)
    return schema


class HromadaApi(NinjaAPI):
    """NinjaAPI whose description lists every error response and accepted value."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return complete(super().get_openapi_schema(**kwargs))
