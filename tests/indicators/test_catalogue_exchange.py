"""Sharing catalogues between associations: JSON and XLSX export and all-or-nothing import."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hromada.indicators.catalogue_exchange import (
    from_json,
    from_xlsx,
    read_catalogue_file,
    to_json,
    to_xlsx,
)
from hromada.indicators.catalogue_queries import current_catalogue
from hromada.indicators.catalogue_spec import CatalogueError
from hromada.indicators.models import Area, Indicator, IndicatorVersion
from tests.conftest import Personas
from tests.indicators.factories import activate_english, make_derived, make_indicator

pytestmark = pytest.mark.django_db
english = pytest.fixture(autouse=True)(activate_english)


@pytest.fixture
def small_catalogue() -> None:
    make_indicator("demography.population", by_sex=True, max_value=3_500_000.0, order=10)
    make_indicator("demography.births", polarity="higher", order=20)
    make_derived(
        "demography.birth_rate", "demography.births / demography.population * 1000", order=30
    )


def _wipe() -> None:
    IndicatorVersion.objects.all().delete()
    Indicator.objects.all().delete()
    Area.objects.all().delete()


@pytest.mark.parametrize("writer", [to_json, to_xlsx])
def test_an_exported_catalogue_imports_into_an_empty_installation_unchanged(
    small_catalogue: None, writer: Any, tmp_path: Path
) -> None:
    before = current_catalogue()
    path = tmp_path / ("catalogue.xlsx" if writer is to_xlsx else "catalogue.json")
    path.write_bytes(writer(before))
    _wipe()
    call_command("import_catalogue", str(path), verbosity=0)
    after = current_catalogue()
    assert [s.as_row() for s in after.indicators] == [s.as_row() for s in before.indicators]
    assert [a.code for a in after.areas] == [a.code for a in before.areas]
    assert set(IndicatorVersion.objects.values_list("origin", flat=True)) == {"import"}


def test_the_export_command_writes_both_formats(small_catalogue: None, tmp_path: Path) -> None:
    call_command("export_catalogue", format="json", output=tmp_path / "c.json", verbosity=0)
    call_command("export_catalogue", format="xlsx", output=tmp_path / "c.xlsx", verbosity=0)
    document = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert document["format"] == "hromada-catalogue"
    assert document["indicators"][0]["code"] == "demography.population"
    sheet = load_workbook(tmp_path / "c.xlsx")["indicators"]
    assert sheet["A1"].value == "code" and sheet.max_row == 4


def test_importing_changes_adds_versions_only_where_definitions_differ(
    small_catalogue: None,
) -> None:
    document = json.loads(to_json(current_catalogue()))
    document["indicators"][1]["name_en"] = "Live births"
    catalogue = from_json("shared.json", json.dumps(document).encode())
    from hromada.indicators.catalogue_actions import apply_catalogue

    summary = apply_catalogue(catalogue, by=None, reason="shared", origin="import")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    births = Indicator.objects.get(code="demography.births")
    assert (births.version, births.name_en) == (2, "Live births")


def test_a_bad_row_is_reported_by_row_and_field_and_nothing_is_written(
    small_catalogue: None,
) -> None:
    workbook_bytes = to_xlsx(current_catalogue())
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    sheet = workbook["indicators"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("polarity") + 1, value="sideways")
    sheet.cell(row=4, column=header.index("name_en") + 1, value="Rate renamed")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(CatalogueError) as error:
        from_xlsx("shared.xlsx", buffer.getvalue())
    (problem,) = error.value.problems
    assert problem.field == "polarity" and problem.code == "demography.births"
    assert "row 3" in str(problem) and "shared.xlsx" in str(problem)
    assert Indicator.objects.get(code="demography.birth_rate").version == 1


def test_formulas_are_checked_across_the_whole_imported_set(
    small_catalogue: None, tmp_path: Path
) -> None:
    document = json.loads(to_json(current_catalogue()))
    document["indicators"].append(
        {
            **document["indicators"][2],
            "code": "demography.deaths_rate",
            "formula": "demography.deaths * 2",
        }
    )
    document["indicators"].append({**document["indicators"][1], "code": "demography.deaths"})
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    call_command("import_catalogue", str(path), verbosity=0)
    assert (
        Indicator.objects.filter(code__in=["demography.deaths", "demography.deaths_rate"]).count()
        == 2
    )

    document["indicators"][1]["formula"] = "demography.deaths_rate / 2"
    document["indicators"][1]["aggregation"] = "none"
    document["indicators"][4]["formula"] = "demography.births + 1"
    document["indicators"][4]["aggregation"] = "none"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="cycle"):
        call_command("import_catalogue", str(path), verbosity=0)
    assert Indicator.objects.get(code="demography.births").formula == ""


def test_a_file_that_is_not_a_catalogue_is_refused() -> None:
    with pytest.raises(CatalogueError, match="not a Hromada catalogue"):
        from_json("x.json", b'{"format": "something-else"}')
    with pytest.raises(CatalogueError, match="not an XLSX"):
        from_xlsx("x.xlsx", b"plain text")


def test_the_catalogue_page_offers_both_downloads(small_catalogue: None) -> None:
    client = Client()
    page = client.get(reverse("indicators:catalogue")).content.decode()
    for file_format in ("json", "xlsx"):
        url = reverse("indicators:export", args=[file_format])
        assert url in page
        response = client.get(url)
        assert response.status_code == 200
        assert f".{file_format}" in response["Content-Disposition"]
    assert json.loads(client.get(reverse("indicators:export", args=["json"])).content)["indicators"]


def test_an_analyst_imports_a_catalogue_on_the_import_page(
    small_catalogue: None, personas: Personas
) -> None:
    document = json.loads(to_json(current_catalogue()))
    document["indicators"][0]["name_en"] = "Residents"
    client = Client()
    client.force_login(personas.analyst)
    upload = SimpleUploadedFile("shared.json", json.dumps(document).encode())
    response = client.post(reverse("indicators:import"), {"file": upload, "reason": "AUC 2025"})
    assert response.status_code == 302
    version = Indicator.objects.get(code="demography.population").versions.get(version=2)
    assert (version.changed_by, version.reason, version.origin) == (
        personas.analyst,
        "AUC 2025",
        "import",
    )


def test_the_import_page_lists_every_problem_and_imports_nothing(
    small_catalogue: None, personas: Personas
) -> None:
    document = json.loads(to_json(current_catalogue()))
    document["indicators"][0]["name_en"] = "Residents"
    document["indicators"][1]["code"] = "Bad Code"
    document["indicators"][2]["decimals"] = "many"
    client = Client()
    client.force_login(personas.analyst)
    upload = SimpleUploadedFile("shared.json", json.dumps(document).encode())
    response = client.post(reverse("indicators:import"), {"file": upload, "reason": "x"})
    problems = response.context["problems"]
    assert len(problems) == 2
    assert any("indicators item 2" in p and "code" in p for p in problems)
    assert any("indicators item 3" in p and "decimals" in p for p in problems)
    assert Indicator.objects.get(code="demography.population").name_en != "Residents"


def test_a_definition_that_looks_like_a_formula_is_text_in_the_workbook_and_comes_back(
    small_catalogue: None,
) -> None:
    Indicator.objects.filter(code="demography.births").update(definition_en="=HYPERLINK(1)")
    before = current_catalogue()
    content = to_xlsx(before)
    sheet = load_workbook(io.BytesIO(content))["indicators"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    after = from_xlsx("catalogue.xlsx", content)
    assert [s.as_row() for s in after.indicators] == [s.as_row() for s in before.indicators]


def test_a_zip_bomb_catalogue_is_refused_before_it_is_unpacked(
    small_catalogue: None, settings: Any
) -> None:
    settings.HROMADA_UPLOAD_MAX_UNZIPPED_MB = 1
    buffer = io.BytesIO(to_xlsx(current_catalogue()))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    with pytest.raises(CatalogueError, match=r"unpacks to 2\.0 MB"):
        read_catalogue_file("catalogue.xlsx", buffer.getvalue())
