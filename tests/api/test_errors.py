"""Every error of the API is one shape: application/problem+json (RFC 9457)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import assert_problem

pytestmark = pytest.mark.django_db


def test_an_unknown_endpoint_is_a_404_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/no-such-thing"), 404)
    assert document["instance"] == "/api/v1/no-such-thing"


def test_an_unknown_territory_is_a_404_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/territories/UA00000000000000000"), 404)
    assert "UA00000000000000000" in document["detail"]


def test_a_parameter_out_of_range_is_a_400_problem_naming_the_field(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/observations?limit=5000"), 400)
    assert [error["field"] for error in document["errors"]] == ["limit"]


def test_a_parameter_of_the_wrong_type_is_a_400_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/observations?year_from=soon"), 400)
    assert document["errors"][0]["field"] == "year_from"


def test_an_unknown_choice_is_a_400_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/territories?level=galaxy"), 400)
    assert document["errors"][0]["field"] == "level"
    assert "hromada" in document["errors"][0]["message"]


def test_a_missing_required_parameter_is_a_400_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/rankings"), 400)
    assert document["errors"][0]["field"] == "indicator"


def test_a_write_method_on_a_read_endpoint_is_a_405_problem(client: Client) -> None:
    document = assert_problem(client.delete("/api/v1/territories"), 405)
    assert "GET" in document["detail"]


def test_an_unreadable_since_is_a_400_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/changes?since=yesterday"), 400)
    assert document["errors"][0]["field"] == "since"


def test_the_bare_api_root_is_a_404_problem(client: Client) -> None:
    assert_problem(client.get("/api/v1/"), 404)
