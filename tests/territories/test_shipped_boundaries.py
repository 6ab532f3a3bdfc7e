"""Boundaries shipped with Hromada: a small TopoJSON built from the OpenStreetMap files."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from hromada.audit.models import AuditEntry
from hromada.territories import boundary_build, shipped, topology
from hromada.territories.actions import load_shipped_boundaries
from hromada.territories.models import Category, TerritoryBoundary
from tests.factories import TerritoryFactory

# Two unit squares side by side: the border x = 1 is shared.
LEFT = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
RIGHT = {"type": "Polygon", "coordinates": [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]}


def wiggly(x: float, steps: int = 50) -> list[list[float]]:
    """A border along x with small bumps, from y = 0 to y = 1."""
    return [[x + (0.001 if n % 2 else 0.0), n / steps] for n in range(steps + 1)]


def test_a_shared_border_is_stored_once() -> None:
    result = topology.encode({"h": {"A": LEFT, "B": RIGHT}}, size=2001)
    assert len(result["arcs"]) == 3  # the shared border, and the rest of each square
    back = topology.decode(result, "h")
    ring = back["A"]["coordinates"][0]
    assert ring[0] == ring[-1]
    assert {tuple(p) for p in ring} == {(0, 0), (1, 0), (1, 1), (0, 1)}


def test_simplifying_moves_both_sides_of_a_border_together() -> None:
    border = wiggly(1.0)
    left = {"type": "Polygon", "coordinates": [[[0, 0], *border, [0, 1], [0, 0]]]}
    right = {"type": "Polygon", "coordinates": [[[2, 0], [2, 1], *border[::-1], [2, 0]]]}
    result = topology.encode({"h": {"A": left, "B": right}}, size=2000, tolerance=5)
    back = topology.decode(result, "h")
    a = {tuple(p) for p in back["A"]["coordinates"][0] if 0.99 < p[0] < 1.01}
    b = {tuple(p) for p in back["B"]["coordinates"][0] if 0.99 < p[0] < 1.01}
    assert a == b
    assert len(a) < len(border)  # the bumps (2 grid steps) are gone


def test_merging_drops_inner_borders() -> None:
    result = topology.encode({"h": {"A": LEFT, "B": RIGHT}}, size=2001)
    topology.merge(result, "h", {"AB": ["A", "B"]}, name="both")
    outline = topology.decode(result, "both")["AB"]["coordinates"][0]
    assert {tuple(p) for p in outline} == {(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)}


def test_the_shipped_file_is_small_and_credits_openstreetmap() -> None:
    assert shipped.FILE.stat().st_size < 2_000_000
    document = json.loads(shipped.FILE.read_text(encoding="utf-8"))
    assert document["attribution"] == "© OpenStreetMap contributors"
    assert document["license"] == "ODbL-1.0"
    layers = {name: len(layer["geometries"]) for name, layer in document["objects"].items()}
    assert layers == {"hromadas": 1466, "raions": 136, "oblasts": 25}


def test_the_shipped_file_is_what_the_build_makes_from_the_shared_data(
    shared_data: Path,
) -> None:
    built = json.dumps(boundary_build.build(shared_data), separators=(",", ":"))
    assert built == shipped.FILE.read_text(encoding="utf-8")


def test_shipped_hromadas_stay_within_a_few_percent_of_the_source_area(
    shared_data: Path,
) -> None:
    source = json.loads((shared_data / "hromadas.geojson").read_text(encoding="utf-8"))
    original = {f["properties"]["katottg"]: f["geometry"] for f in source["features"]}
    ours = topology.decode(json.loads(shipped.FILE.read_text(encoding="utf-8")), "hromadas")
    ratios = sorted(_area(ours[code]) / _area(original[code]) for code in original)
    assert ratios[len(ratios) // 2] == pytest.approx(1.0, abs=0.001)
    assert ratios[0] > 0.9
    assert ratios[-1] < 1.1


def _area(geometry: dict[str, object]) -> float:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    total = 0.0
    for polygon in polygons:  # type: ignore[union-attr]
        for n, ring in enumerate(polygon):
            pairs = itertools.pairwise(ring)
            area = abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2
            total += area if n == 0 else -area
    return total


@pytest.mark.django_db
def test_loading_gives_known_territories_a_boundary_and_keeps_imported_ones() -> None:
    oblast = TerritoryFactory(code="UA53000000000028050", category=Category.OBLAST)
    hromada = TerritoryFactory(code="UA53080010000088479", parent=oblast)
    imported = TerritoryFactory(code="UA71080010000073303")
    TerritoryBoundary.objects.create(territory=imported, geometry=LEFT, source="own file")
    TerritoryFactory(code="UA99999999999999999")  # not in the file

    assert load_shipped_boundaries() == 2
    assert TerritoryBoundary.objects.get(territory=hromada).geometry["type"] in {
        "Polygon",
        "MultiPolygon",
    }
    assert TerritoryBoundary.objects.get(territory=oblast).source == shipped.SOURCE
    assert TerritoryBoundary.objects.get(territory=imported).geometry == LEFT
    assert AuditEntry.objects.filter(action="territories.boundary.load_shipped").count() == 1
    assert load_shipped_boundaries() == 0
