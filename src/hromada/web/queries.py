"""Read logic for the site-wide pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from hromada.territories.models import Category, Level, Territory


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
        # The national figure (1,469) counts the hromadas of the codifier outside Crimea;
        # Kyiv and Sevastopol are cities with special status, not category H.
        hromadas=Count("pk", filter=Q(category=Category.HROMADA, is_crimea=False)),
        settlements=Count("pk", filter=Q(level=Level.SETTLEMENT)),
    )
    return Overview(**counts)
