"""The JSON-stat export checked against the JSON-stat 2.0 dataset rules."""

from __future__ import annotations

import json
import math
from typing import Any

from django.test import Client

from tests.dataio.test_export import URL, Setting, values

__all__ = ["values"]


def dataset(client: Client, **query: str) -> dict[str, Any]:
    response = client.get(URL, {"format": "jsonstat", **query})
    assert response["Content-Type"] == "application/json"
    return json.loads(b"".join(response.streaming_content))


def assert_valid_dataset(data: dict[str, Any]) -> None:
    assert data["version"] == "2.0" and data["class"] == "dataset"
    assert len(data["id"]) == len(data["size"]) == len(set(data["id"]))
    for name, size in zip(data["id"], data["size"], strict=True):
        category = data["dimension"][name]["category"]
        index = category["index"]
        assert isinstance(index, list) and len(index) == size == len(set(index))
        assert set(category.get("label", {})) <= set(index)
    assert len(data["value"]) == math.prod(data["size"])
    assert all(v is None or isinstance(v, int | float) for v in data["value"])
    assert all(0 <= int(k) < len(data["value"]) for k in data["status"])


def cell(data: dict[str, Any], **coordinates: str) -> int:
    position = 0
    for name, size in zip(data["id"], data["size"], strict=True):
        index = data["dimension"][name]["category"]["index"]
        position = position * size + index.index(coordinates[name])
    return position


def test_the_jsonstat_export_is_a_valid_dataset_in_row_major_order(
    values: Setting, client: Client
) -> None:
    personas, _ = values
    data = dataset(client)
    assert_valid_dataset(data)
    assert data["id"] == ["territory", "indicator", "year", "sex"]
    assert data["size"] == [2, 2, 2, 2]
    here, there = personas.hromada.code, personas.other_hromada.code
    assert (
        data["value"][cell(data, territory=here, indicator="budget.revenue", year="2022", sex="T")]
        == 1500.5
    )
    assert (
        data["value"][cell(data, territory=there, indicator="budget.revenue", year="2023", sex="T")]
        == 99
    )
    assert (
        data["value"][
            cell(data, territory=here, indicator="demography.population", year="2023", sex="F")
        ]
        == 4512
    )
    assert data["value"].count(None) == 16 - 3


def test_a_gap_is_null_with_its_reason_in_status(values: Setting, client: Client) -> None:
    personas, _ = values
    data = dataset(client, indicator="budget.revenue")
    position = cell(
        data, territory=personas.hromada.code, indicator="budget.revenue", year="2023", sex="T"
    )
    assert data["value"][position] is None
    assert data["status"] == {str(position): "confidential"}
    assert data["dimension"]["indicator"]["category"]["unit"]["budget.revenue"]["label"] == "UAH"


def test_an_empty_selection_is_still_a_valid_dataset(values: Setting, client: Client) -> None:
    data = dataset(client, indicator="no.such")
    assert_valid_dataset(data)
    assert data["value"] == []
