"""Hromada boundaries as one GeoJSON FeatureCollection, cached until the next import."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.db.models import Count, Max

from hromada.territories.models import Level, TerritoryBoundary

CACHE_SECONDS = 24 * 3600


def boundaries_stamp() -> str:
    """Changes with every boundary import (count and latest import time)."""
    stats = TerritoryBoundary.objects.filter(territory__level=Level.HROMADA).aggregate(
        count=Count("pk"), latest=Max("imported_at")
    )
    latest = stats["latest"].isoformat() if stats["latest"] else "none"
    return f"{stats['count']}-{latest}"


def hromada_geojson(stamp: str) -> bytes:
    """The FeatureCollection; each feature's `name` property is the KATOTTG code."""
    key = f"analytics:geo:{stamp}"
    body: bytes | None = cache.get(key)
    if body is None:
        rows = TerritoryBoundary.objects.filter(
            territory__level=Level.HROMADA, territory__valid_to__isnull=True
        ).values_list("territory__code", "geometry")
        features = [
            {"type": "Feature", "properties": {"name": code}, "geometry": geometry}
            for code, geometry in rows
        ]
        body = json.dumps(
            {"type": "FeatureCollection", "features": features}, separators=(",", ":")
        ).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body


def has_boundaries() -> bool:
    return TerritoryBoundary.objects.filter(territory__level=Level.HROMADA).exists()
