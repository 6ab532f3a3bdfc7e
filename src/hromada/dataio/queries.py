"""Which observations an export holds: the filters, applied to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from hromada.indicators.models import ImportBatch, Observation
from hromada.indicators.queries import visible_observations

ORDER = ("territory__code", "indicator__code", "year", "sex")


@dataclass(frozen=True)
class ExportFilter:
    indicators: list[str] = field(default_factory=list)
    area: str = ""
    territories: list[str] = field(default_factory=list)
    parent: str = ""
    year_from: int | None = None
    year_to: int | None = None
    status: str = ""


def export_observations(user: Any, chosen: ExportFilter) -> QuerySet[Observation]:
    """The observations the user may see that match the filter, in a stable order.

    The status filter narrows what is visible; it never widens it, so the public gets
    published values whatever status they ask for.
    """
    return filtered(visible_observations(user), chosen)


def filtered(rows: QuerySet[Observation], chosen: ExportFilter) -> QuerySet[Observation]:
    if chosen.indicators:
        rows = rows.filter(indicator__code__in=chosen.indicators)
    if chosen.area:
        rows = rows.filter(indicator__area__code=chosen.area)
    if chosen.territories:
        rows = rows.filter(territory__code__in=chosen.territories)
    if chosen.parent:
        rows = rows.filter(
            Q(territory__oblast__code=chosen.parent)
            | Q(territory__raion__code=chosen.parent)
            | Q(territory__parent__code=chosen.parent)
        ).exclude(territory__code=chosen.parent)
    if chosen.year_from is not None:
        rows = rows.filter(year__gte=chosen.year_from)
    if chosen.year_to is not None:
        rows = rows.filter(year__lte=chosen.year_to)
    if chosen.status:
        rows = rows.filter(status=chosen.status)
    return rows.order_by(*ORDER)


def import_batches() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("created_by", "rolled_back_by").order_by(
        "-created_at", "-pk"
    )
