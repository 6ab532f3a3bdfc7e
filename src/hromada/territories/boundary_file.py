"""Read a GeoJSON FeatureCollection of (already simplified) territory polygons.

Each feature names its territory by KATOTTG code in a property (`katottg` unless told
otherwise) and has a Polygon or MultiPolygon geometry. Features are numbered from 0, as
in `.features[0]`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from hromada.territories.problems import ImportRejected, Problem, at_feature, in_file
from hromada.territories.search import as_code

GEOMETRY_TYPES = {"Polygon", "MultiPolygon"}


@dataclass(frozen=True)
class Feature:
    index: int
    code: str
    geometry: dict[str, Any]


def read(path: Path, *, code_property: str, decimals: int | None) -> list[Feature]:
    try:
        document = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRejected(
            [in_file(_("Not a JSON file: %(error)s") % {"error": error})]
        ) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportRejected([in_file(_("The file is not a GeoJSON FeatureCollection."))])
    problems: list[Problem] = []
    features: list[Feature] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(document.get("features") or []):
        feature = _feature(index, item, code_property, problems)
        if feature is None:
            continue
        if feature.code in first_index:
            message = _("code %(code)s already came with feature %(first)s.") % {
                "code": feature.code,
                "first": first_index[feature.code],
            }
            problems.append(at_feature(index, message))
            continue
        first_index[feature.code] = index
        geometry = feature.geometry
        if decimals is not None:
            geometry = {**geometry, "coordinates": _rounded(geometry["coordinates"], decimals)}
        features.append(Feature(index, feature.code, geometry))
    if not features and not problems:
        problems.append(in_file(_("The collection has no features.")))
    if problems:
        raise ImportRejected(problems)
    return features


def _feature(
    index: int, item: object, code_property: str, problems: list[Problem]
) -> Feature | None:
    if not isinstance(item, dict):
        problems.append(at_feature(index, _("not a GeoJSON feature.")))
        return None
    properties = item.get("properties") or {}
    value = str(properties.get(code_property) or "") if isinstance(properties, dict) else ""
    code = as_code(value)
    if code is None:
        message = _("property “%(name)s” holds no KATOTTG code (found “%(value)s”).") % {
            "name": code_property,
            "value": value,
        }
        problems.append(at_feature(index, message))
    geometry = item.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        problems.append(at_feature(index, _("the geometry must be a Polygon or MultiPolygon.")))
        return None
    if not isinstance(geometry.get("coordinates"), list) or not geometry["coordinates"]:
        problems.append(at_feature(index, _("the geometry has no coordinates.")))
        return None
    if code is None:
        return None
    return Feature(index, code, {"type": geometry["type"], "coordinates": geometry["coordinates"]})


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, list):
        return [_rounded(item, decimals) for item in value]
    if isinstance(value, float):
        return round(value, decimals)
    return value
