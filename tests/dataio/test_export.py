from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Missing, Status
from tests import factories
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue

Setting = tuple[Personas, Catalogue]
URL = "/data/export/"


@pytest.fixture
def values(setting: Setting) -> Setting:
    """Published values of two hromadas in two oblasts, and one draft value."""
    personas, catalogue = setting
    here, there = personas.hromada.pk, personas.other_hromada.pk
    published = [
        ValueInput(here, catalogue.revenue.pk, 2022, "", 1500.5, ""),
        ValueInput(here, catalogue.revenue.pk, 2023, "", None, Missing.CONFIDENTIAL),
        ValueInput(here, catalogue.population.pk, 2023, "f", 4512, ""),
        ValueInput(there, catalogue.revenue.pk, 2023, "", 99, ""),
    ]
    record_observations(published, by=None, reason="import", status=Status.PUBLISHED)
    draft = [ValueInput(there, catalogue.share.pk, 2023, "", 12.5, "")]
    record_observations(draft, by=None, reason="import")
    return setting


def rows_of(response: object) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(body)))


def test_the_public_csv_export_has_published_values_only(values: Setting, client: Client) -> None:
    rows = rows_of(client.get(URL, {"format": "csv"}))
    assert len(rows) == 4
    assert {r["status"] for r in rows} == {"published"}
    gap = next(r for r in rows if r["missing"])
    assert (gap["value"], gap["missing"], gap["year"]) == ("", "confidential", "2023")
    assert rows[0]["territory_name"] and rows[0]["indicator_name"] and rows[0]["unit"]


def test_staff_can_export_drafts_by_status(values: Setting, client: Client) -> None:
    personas, _ = values
    client.force_login(personas.analyst)
    rows = rows_of(client.get(URL, {"format": "csv", "status": "draft"}))
    assert [(r["indicator_code"], r["value"]) for r in rows] == [("budget.share", "12.5")]


def test_asking_for_drafts_gives_the_public_nothing_more(values: Setting, client: Client) -> None:
    assert rows_of(client.get(URL, {"format": "csv", "status": "draft"})) == []


def test_filters_by_indicator_parent_territory_and_years(values: Setting, client: Client) -> None:
    personas, _ = values
    by_parent = rows_of(client.get(URL, {"format": "csv", "parent": personas.oblast.code}))
    assert {r["territory_code"] for r in by_parent} == {personas.hromada.code}
    by_years = rows_of(
        client.get(
            URL,
            {
                "format": "csv",
                "indicator": "budget.revenue",
                "year_from": 2023,
                "territory": personas.other_hromada.code,
            },
        )
    )
    assert [(r["territory_code"], r["value"]) for r in by_years] == [
        (personas.other_hromada.code, "99")
    ]


def test_the_excel_csv_starts_with_a_bom(values: Setting, client: Client) -> None:
    body = b"".join(client.get(URL, {"format": "csv", "excel": "1"}).streaming_content)
    assert body.startswith("\ufeff".encode())


def test_json_export_lists_observations(values: Setting, client: Client) -> None:
    response = client.get(URL, {"format": "json", "indicator": "demography.population"})
    data = json.loads(b"".join(response.streaming_content))
    assert [(o["sex"], o["value"]) for o in data["observations"]] == [("f", 4512.0)]


def test_xlsx_export_is_a_workbook_with_a_header(
    values: Setting, client: Client, tmp_path: Path
) -> None:
    response = client.get(URL, {"format": "xlsx"})
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"".join(response.streaming_content))
    book = load_workbook(target, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[0][:3] == ("territory_code", "territory_name", "indicator_code")
    assert len(rows) == 5


def test_the_export_form_is_shown_without_a_format(values: Setting, client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="year_from"' in response.content


def test_a_long_csv_export_imports_back_unchanged(
    values: Setting, client: Client, tmp_path: Path
) -> None:
    personas, _ = values
    client.force_login(personas.analyst)
    body = b"".join(client.get(URL, {"format": "csv", "status": "published"}).streaming_content)
    path = tmp_path / "export.csv"
    path.write_bytes(body)
    report = import_file(
        path, by=personas.analyst, options=Options(), status=Status.PUBLISHED, dry_run=True
    )
    assert report.ok, report.problems
    assert (report.new, report.changed, report.unchanged) == (0, 0, 4)


def test_an_official_export_includes_their_own_drafts_only(values: Setting, client: Client) -> None:
    personas, _ = values
    official = factories.make_official(personas.other_hromada)
    client.force_login(official)
    rows = rows_of(client.get(URL, {"format": "csv", "status": "draft"}))
    assert [r["territory_code"] for r in rows] == [personas.other_hromada.code]


def test_a_parent_export_holds_the_territories_under_it_not_the_parent(
    values: Setting, client: Client
) -> None:
    personas, catalogue = values
    oblast_value = ValueInput(personas.oblast.pk, catalogue.revenue.pk, 2023, "", 7, "")
    record_observations([oblast_value], by=None, reason="import", status=Status.PUBLISHED)
    rows = rows_of(client.get(URL, {"format": "csv", "parent": personas.oblast.code}))
    assert personas.oblast.code not in {r["territory_code"] for r in rows}
    assert len(rows) == 3
