"""Which observations an export holds: the filters, applied to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from hromada.indicators.models import ImportBatch, Observation, ObservationQuerySet

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


def export_observations(user: Any, chosen: ExportFilter) -> ObservationQuerySet:
    """The observations the user may see that match the filter, in a stable order.

    The status filter narrows what is visible; it never widens it, so the public gets
    published values whatever status they ask for.
    """
    return filtered(Observation.all_objects.visible_to(user), chosen)


def filtered(rows: ObservationQuerySet, chosen: ExportFilter) -> ObservationQuerySet:
    if chosen.indicators:
        rows = rows.filter(indicator__code__in=chosen.indicators)
    if chosen.area:
        rows = rows.filter(indicator__area__code=chosen.area)
    if chosen.territories:
        rows = rows.filter(territory__code__in=chosen.territories)
    if chosen.parent:
        rows = rows.under(chosen.parent)
    rows = rows.years(chosen.year_from, chosen.year_to)
    if chosen.status:
        rows = rows.filter(status=chosen.status)
    return rows.order_by(*ORDER)


def import_batches() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("created_by", "rolled_back_by").order_by(
        "-created_at", "-pk"
    )
