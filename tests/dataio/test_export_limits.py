"""Data exports hold under load and never carry a live formula: XLSX is bounded with a
clear message, CSV streams, and every text cell is neutralised while numbers stay numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from openpyxl import load_workbook

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue

Setting = tuple[Personas, Catalogue]
URL = "/data/export/"


@pytest.fixture
def values(setting: Setting) -> Setting:
    personas, catalogue = setting
    personas.hromada.name_uk = '=HYPERLINK("http://evil.example","Решетилівська")'
    personas.hromada.save()
    rows = [
        ValueInput(personas.hromada.pk, catalogue.revenue.pk, year, "", -1500.5, "")
        for year in (2021, 2022, 2023)
    ]
    record_observations(rows, by=None, reason="import", status=Status.PUBLISHED)
    return setting


def test_an_xlsx_export_past_the_limit_asks_to_narrow_the_filter(
    values: Setting, client: Client, settings: Any
) -> None:
    settings.HROMADA_EXPORT_XLSX_MAX_ROWS = 2
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 400
    assert "найбільше значень: 2" in response.content.decode()
    narrowed = client.get(URL, {"format": "xlsx", "year_from": "2023"})
    assert narrowed.status_code == 200
    assert b"".join(narrowed.streaming_content).startswith(b"PK")  # read whole: closes it


def test_a_csv_export_streams_past_the_xlsx_limit(
    values: Setting, client: Client, settings: Any
) -> None:
    settings.HROMADA_EXPORT_XLSX_MAX_ROWS = 2
    response = client.get(URL, {"format": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(body)))) == 3


def test_exported_names_are_text_and_negative_values_stay_numbers(
    values: Setting, client: Client
) -> None:
    body = b"".join(client.get(URL, {"format": "csv"}).streaming_content).decode()
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["territory_name"].startswith("'=HYPERLINK(")
    assert row["value"] == "-1500.5"
    response = client.get(URL, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    name, value = sheet.cell(2, 2), sheet.cell(2, 8)
    assert (name.data_type, name.value[:2]) == ("s", "'=")
    assert value.value == -1500.5
