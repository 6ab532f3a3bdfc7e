"""`hromada import_boundaries`: simplified polygons stored per territory."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from hromada.territories.models import Territory, TerritoryBoundary
from tests.territories import factories as f

pytestmark = pytest.mark.django_db

SQUARE = [[[28.1, 49.1], [28.2, 49.1], [28.2, 49.2], [28.1, 49.1]]]


def feature(code: str, *, key: str = "katottg", geometry: Any = None) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {key: code, "name_uk": "x"},
        "geometry": geometry
        if geometry is not None
        else {"type": "Polygon", "coordinates": SQUARE},
    }


def write(path: Path, features: list[Any]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_boundaries", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path: Path, *args: str) -> str:
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_boundaries", str(path), *args, stdout=StringIO(), stderr=err)
    assert not TerritoryBoundary.objects.exists()
    return f"{err.getvalue()}\n{raised.value}"


def test_polygons_are_stored_as_given_and_replaced_on_reimport(tmp_path: Path) -> None:
    f.make_tree()
    path = write(tmp_path / "h.geojson", [feature(f.HROMADA), feature(f.RAION)])
    out, _ = run(path)
    assert "2 new, 0 replaced, 0 skipped" in out
    boundary = TerritoryBoundary.objects.get(territory__code=f.HROMADA)
    assert boundary.geometry == {"type": "Polygon", "coordinates": SQUARE}
    assert boundary.source == "h.geojson"
    out, _ = run(path)
    assert "0 new, 2 replaced" in out
    assert TerritoryBoundary.objects.count() == 2


def test_coordinates_can_be_rounded(tmp_path: Path) -> None:
    f.make_tree()
    precise = [[[28.123456789, 49.1], [28.2, 49.1], [28.2, 49.2], [28.123456789, 49.1]]]
    path = write(
        tmp_path / "h.geojson",
        [feature(f.HROMADA, geometry={"type": "Polygon", "coordinates": precise})],
    )
    run(path, "--round", "5")
    ring = TerritoryBoundary.objects.get().geometry["coordinates"][0]
    assert ring[0] == [28.12346, 49.1]


def test_another_code_property_can_be_named(tmp_path: Path) -> None:
    f.make_tree()
    run(write(tmp_path / "h.geojson", [feature(f.HROMADA, key="code")]), "--code-property", "code")
    assert TerritoryBoundary.objects.get().territory.code == f.HROMADA


def test_unknown_codes_fail_the_import_naming_code_and_feature(tmp_path: Path) -> None:
    f.make_tree()
    path = write(tmp_path / "h.geojson", [feature(f.HROMADA), feature("UA99999999999999999")])
    message = refused(path)
    assert "Feature 1: no territory has the code UA99999999999999999." in message


def test_unknown_codes_are_reported_and_skipped_when_asked(tmp_path: Path) -> None:
    f.make_tree()
    path = write(tmp_path / "h.geojson", [feature(f.HROMADA), feature("UA99999999999999999")])
    out, err = run(path, "--skip-unknown")
    assert "1 new, 0 replaced, 1 skipped" in out
    assert "Skipped feature 1: no territory has the code UA99999999999999999." in err


def test_broken_features_are_all_listed(tmp_path: Path) -> None:
    f.make_tree()
    features = [
        feature(f.HROMADA, geometry={"type": "Point", "coordinates": [28.1, 49.1]}),
        feature("not a code"),
        feature(f.RAION),
        feature(f.RAION),
    ]
    message = refused(write(tmp_path / "h.geojson", features))
    assert "Feature 0: the geometry must be a Polygon or MultiPolygon." in message
    assert "Feature 1: property “katottg” holds no KATOTTG code (found “not a code”)." in message
    assert f"Feature 3: code {f.RAION} already came with feature 2." in message


def test_a_file_that_is_not_a_feature_collection_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.geojson"
    path.write_text('{"type": "Feature"}')
    assert "not a GeoJSON FeatureCollection" in refused(path)
    path.write_text("{broken")
    assert "Not a JSON file" in refused(path)


def test_the_shared_hromada_polygons_import(shared_data: Path) -> None:
    source = shared_data / "hromadas.geojson"
    codes = [feat["properties"]["katottg"] for feat in json.loads(source.read_text())["features"]]
    Territory.objects.bulk_create(
        f.TerritoryFactory.build(code=code, level="hromada", category="H") for code in codes
    )
    out, _ = run(source)
    assert f"{len(codes)} new, 0 replaced, 0 skipped" in out
    assert len(codes) == 1466
    geometry = TerritoryBoundary.objects.first().geometry  # type: ignore[union-attr]
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
