"""The simplified boundaries shipped with Hromada (built by `territories.boundary_build`).

Derived from OpenStreetMap: ODbL 1.0, © OpenStreetMap contributors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hromada.territories import topology

FILE = Path(__file__).resolve().parent / "seed" / "boundaries.topojson"
SOURCE = "OpenStreetMap (ODbL 1.0), shipped with Hromada"
LAYERS = ("oblasts", "raions", "hromadas")


def shapes(path: Path = FILE) -> dict[str, dict[str, Any]]:
    """{KATOTTG code: GeoJSON geometry} of every oblast, raion and hromada in the file."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        code: geometry
        for layer in LAYERS
        for code, geometry in topology.decode(document, layer).items()
    }
