"""Read logic for the site-wide pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from hromada.territories.models import Level, Territory


@dataclass(frozen=True)
class Overview:
    oblasts: int
    raions: int
    hromadas: int
    settlements: int


def overview() -> Overview:
    counts = Territory.objects.valid().aggregate(
        oblasts=Count("pk", filter=Q(level=Level.OBLAST)),
        raions=Count("pk", filter=Q(level=Level.RAION)),
        hromadas=Count("pk", filter=Q(level=Level.HROMADA)),
        settlements=Count("pk", filter=Q(level=Level.SETTLEMENT)),
    )
    return Overview(**counts)
