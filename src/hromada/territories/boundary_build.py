"""Build the boundaries shipped with Hromada from the OpenStreetMap-based files.

    python -m hromada.territories.boundary_build [DATA_DIR] [--out FILE]

reads `hromadas.geojson` and `raions.geojson` from DATA_DIR (default `../shared/data`),
both derived from OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors), and writes one
TopoJSON file (default `src/hromada/territories/seed/boundaries.topojson`) with three layers:
`hromadas`, `raions`, and `oblasts` (the outline of each oblast's raions). Shared borders are
stored once, quantized and simplified together, so neighbours never drift apart. The same
inputs always give the same file.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from hromada.territories import shipped, topology

SEED_FILE = shipped.FILE
DEFAULT_DATA = Path("../shared/data")
ATTRIBUTION = "© OpenStreetMap contributors"
LICENSE = "ODbL-1.0"
# A grid of 20,000 steps across Ukraine (about 70 m) and a tolerance of 4 steps (about
# 300 m): invisible on a national map, and the file stays well under 2 MB.
GRID = 20_000
TOLERANCE = 4.0


def _layer(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """{code: geometry} and {code: oblast code} of a GeoJSON file keyed by `katottg`."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    geometries = {f["properties"]["katottg"]: f["geometry"] for f in features}
    oblasts = {f["properties"]["katottg"]: f["properties"]["oblast_code"] for f in features}
    return geometries, oblasts


def build(data: Path) -> dict[str, Any]:
    hromadas, _ = _layer(data / "hromadas.geojson")
    raions, raion_oblasts = _layer(data / "raions.geojson")
    result = topology.encode(
        {"hromadas": dict(sorted(hromadas.items())), "raions": dict(sorted(raions.items()))},
        size=GRID,
        tolerance=TOLERANCE,
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for raion, oblast in sorted(raion_oblasts.items()):
        groups[oblast].append(raion)
    topology.merge(result, "raions", dict(sorted(groups.items())), name="oblasts")
    return {"attribution": ATTRIBUTION, "license": LICENSE, **result}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=SEED_FILE)
    options = parser.parse_args(argv)
    document = build(options.data)
    options.out.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    layers = {name: len(o["geometries"]) for name, o in document["objects"].items()}
    size = options.out.stat().st_size
    print(f"{options.out}: {size:,} bytes, {len(document['arcs']):,} arcs, {layers}")


if __name__ == "__main__":
    main()
