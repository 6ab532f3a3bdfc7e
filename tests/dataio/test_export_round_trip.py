"""Every export format imports back as all unchanged, and prints decimals as entered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Missing, Observation, ObservationHistory, Status
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue

Setting = tuple[Personas, Catalogue]
URL = "/data/export/"
SUFFIX = {"csv": "csv", "xlsx": "xlsx", "json": "json", "jsonstat": "json"}


@pytest.fixture
def published(setting: Setting) -> Setting:
    """Published values of both kinds of indicator, a gap, a value split by sex, and one
    value stored with float noise (as arithmetic on a scale factor made it before)."""
    personas, catalogue = setting
    here, there = personas.hromada.pk, personas.other_hromada.pk
    values = [
        ValueInput(here, catalogue.revenue.pk, 2022, "", 5765.9, ""),
        ValueInput(here, catalogue.revenue.pk, 2023, "", None, Missing.CONFIDENTIAL),
        ValueInput(here, catalogue.population.pk, 2023, "f", 4512, ""),
        ValueInput(here, catalogue.population.pk, 2023, "m", 4000, ""),
        ValueInput(there, catalogue.revenue.pk, 2023, "", 3968049.39, ""),
        ValueInput(there, catalogue.share.pk, 2023, "", 12.5, ""),
    ]
    record_observations(values, by=None, reason="import", status=Status.PUBLISHED)
    Observation.objects.filter(value=5765.9).update(value=5765900 * 0.001)
    return setting


def export(client: Client, file_format: str, folder: Path) -> Path:
    response = client.get(URL, {"format": file_format})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    path = folder / f"export-{file_format}.{SUFFIX[file_format]}"
    path.write_bytes(body)
    return path


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json", "jsonstat"])
def test_an_export_imports_back_as_all_unchanged(
    published: Setting, client: Client, tmp_path: Path, file_format: str
) -> None:
    personas, _ = published
    path = export(client, file_format, tmp_path)
    history = ObservationHistory.objects.count()
    preview = import_file(path, by=personas.analyst, options=Options(), dry_run=True)
    assert preview.problems == []
    assert (preview.new, preview.changed, preview.unchanged) == (0, 0, 6)
    assert (preview.public_changed, preview.public_withdrawn) == (0, 0)
    report = import_file(path, by=personas.analyst, options=Options())
    assert (report.new, report.changed, report.unchanged) == (0, 0, 6)
    assert ObservationHistory.objects.count() == history
    assert set(Observation.all_objects.values_list("status", flat=True)) == {Status.PUBLISHED}


@pytest.mark.parametrize("file_format", ["csv", "json", "jsonstat"])
def test_exports_print_the_decimal_as_entered(
    published: Setting, client: Client, tmp_path: Path, file_format: str
) -> None:
    text = export(client, file_format, tmp_path).read_text(encoding="utf-8-sig")
    assert "5765.900000000001" not in text
    assert "5765.9" in text
    assert "3968049.39" in text


def test_a_json_export_reads_back_its_gaps_and_sexes(
    published: Setting, client: Client, tmp_path: Path
) -> None:
    path = export(client, "jsonstat", tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["status"]  # the confidential gap travels in `status`
    personas, _ = published
    Observation.all_objects.filter(sex="f").delete()
    preview = import_file(path, by=personas.analyst, options=Options(), dry_run=True)
    assert (preview.new, preview.unchanged) == (1, 5)
