"""The OpenAPI description lists every error an operation can answer with, and every list of
accepted values, so a client generated from it knows them without reading the code."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.indicators.models import Missing, Sex, Status
from hromada.territories.models import HromadaType, Level, WarStatus
from tests.api.helpers import data

pytestmark = pytest.mark.django_db

SUBMIT = "/api/v1/campaigns/{campaign_id}/submissions/{hromada_code}/values"


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    described: dict[str, Any] = data(client.get("/api/v1/openapi.json"))
    return described


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def _problem_statuses(operation: dict[str, Any]) -> set[int]:
    return {
        int(status)
        for status, response in operation["responses"].items()
        if "application/problem+json" in response.get("content", {})
    }


def test_every_operation_lists_the_rate_limit_and_the_errors_of_its_kind(
    schema: dict[str, Any],
) -> None:
    for path, _method, operation in _operations(schema):
        statuses = _problem_statuses(operation)
        assert 429 in statuses, path
        if "{" in path:
            assert 404 in statuses, path
        if operation.get("security"):
            assert {401, 403} <= statuses, path
    submit = schema["paths"][SUBMIT]["post"]
    assert {400, 401, 403, 404, 409, 422, 429} <= _problem_statuses(submit)
    assert schema["components"]["schemas"]["Problem"]["required"] == [
        "type",
        "title",
        "status",
        "detail",
    ]


def _parameter(schema: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    operation = schema["paths"][path]["get"]
    found: dict[str, Any] = next(p for p in operation["parameters"] if p["name"] == name)
    return found


def _enum(parameter: dict[str, Any]) -> list[str]:
    inner = parameter["schema"]
    if inner.get("type") == "array":
        inner = inner["items"]
    for option in inner.get("anyOf", [inner]):
        if "enum" in option:
            return list(option["enum"])
    return []


def test_every_list_of_accepted_values_is_in_the_description(schema: dict[str, Any]) -> None:
    territories = "/api/v1/territories"
    assert _enum(_parameter(schema, territories, "level")) == Level.values
    assert _enum(_parameter(schema, territories, "type")) == HromadaType.values
    assert _enum(_parameter(schema, territories, "war_status")) == WarStatus.values
    assert _enum(_parameter(schema, "/api/v1/observations", "sex")) == Sex.values
    assert _enum(_parameter(schema, "/api/v1/observations", "format")) == [
        "json",
        "csv",
        "jsonstat",
    ]
    assert _enum(_parameter(schema, "/api/v1/drafts/observations", "status")) == Status.values
    assert "oblast" in _enum(_parameter(schema, "/api/v1/aggregates", "by"))
    value_in = schema["components"]["schemas"]["ValueIn"]["properties"]["missing"]
    assert value_in["enum"] == ["", *Missing.values]


def test_a_response_with_alternatives_is_any_of_them_not_all(schema: dict[str, Any]) -> None:
    """`/observations` answers a page or a JSON-stat dataset, both as application/json; a
    `$ref` beside the `anyOf` would make every answer satisfy both (OpenAPI 3.1)."""
    answer = schema["paths"]["/api/v1/observations"]["get"]["responses"]["200"]
    described = answer["content"]["application/json"]["schema"]
    assert "$ref" not in described
    assert {"$ref": "#/components/schemas/ObservationPage"} in described["anyOf"]
    for _path, _method, operation in _operations(schema):
        for response in operation["responses"].values():
            for content in response.get("content", {}).values():
                assert not {"$ref", "anyOf"} <= set(content.get("schema", {}))
