"""Observations as CSV and JSON-stat: the whole filtered set, by format= or the Accept header."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from tests.analytics.factories import Dataset
from tests.api.helpers import assert_problem, body

pytestmark = pytest.mark.django_db


def test_csv_holds_every_filtered_value_without_pagination(
    client: Client, dataset: Dataset
) -> None:
    response = client.get("/api/v1/observations?format=csv&limit=1&indicator=budget.debt_share")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(rows) == 15
    assert {row["indicator_code"] for row in rows} == {"budget.debt_share"}


def test_an_accept_header_of_text_csv_chooses_csv(client: Client, dataset: Dataset) -> None:
    response = client.get("/api/v1/observations?year_from=2024", headers={"Accept": "text/csv"})
    lines = body(response).decode().splitlines()
    assert lines[0].startswith("territory_code,")
    assert len(lines) == 1 + 15
    assert "Accept" in response["Vary"]


def test_json_stat_is_a_dataset_with_one_value_per_cell(client: Client, dataset: Dataset) -> None:
    url = "/api/v1/observations?format=jsonstat&indicator=demography.population"
    document = json.loads(body(client.get(url)))
    assert document["version"] == "2.0"
    assert document["class"] == "dataset"
    assert document["size"] == [5, 1, 3, 1]
    assert 52000 in document["value"]


def test_json_stat_can_be_asked_for_with_its_media_type(client: Client, dataset: Dataset) -> None:
    accept = {"Accept": "application/vnd.json-stat+json"}
    response = client.get("/api/v1/observations?indicator=budget.debt_share", headers=accept)
    assert json.loads(body(response))["class"] == "dataset"


def test_an_unknown_format_is_a_400_problem(client: Client) -> None:
    document = assert_problem(client.get("/api/v1/observations?format=xml"), 400)
    assert document["errors"][0]["field"] == "format"
