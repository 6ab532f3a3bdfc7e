"""What a position's page shows of its impact model: the summary, the distribution and the map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.analytics import charts
from hromada.analytics.formatting import number
from hromada.analytics.geo import has_boundaries
from hromada.analytics.snapshot import newest_ready
from hromada.indicators.models import Publication
from hromada.indicators.queries import published_version
from hromada.legislation import impact
from hromada.legislation.models import ImpactModel, Position


def impact_of(position: Position) -> ImpactModel | None:
    return ImpactModel.objects.filter(position=position).first()


@dataclass(frozen=True)
class ImpactSource:
    """Which statistics the figures come from, and whether newer ones are on their way."""

    published_at: dt.datetime | None  # the publication computed from (None: none yet)
    behind: bool  # newer statistics exist: a recomputation is queued (or its snapshot is)
    error: str  # why the last automatic recomputation was refused (the figures are older)


def impact_source(model: ImpactModel) -> ImpactSource:
    published_at = (
        Publication.objects.filter(pk=model.data_version)
        .values_list("published_at", flat=True)
        .first()
    )
    newest = newest_ready()
    # A newer publication waits for its snapshot; a newer snapshot for the task it queued.
    behind = published_version() != model.data_version or (
        newest is not None and newest.pk != model.computed_snapshot
    )
    return ImpactSource(published_at, behind, model.refresh_error)


def impact_charts(summary: impact.ImpactSummary) -> dict[str, object]:
    model = summary.model
    return {
        "distribution": charts.histogram(
            "impact-distribution",
            _("Distribution over hromadas"),
            _("How many hromadas fall in each range of the figure."),
            summary.histogram,
            model.decimals,
            _("hromadas"),
        ),
        "map": charts.choropleth(
            "impact-map",
            _("Map"),
            _("Hromadas coloured by their figure; grey where an input has no released value."),
            reverse("analytics:boundaries"),
            [
                {"name": f.territory.code, "value": f.value, "label": f.territory.name}
                for f in summary.figures
            ],
            "neutral",  # a gain is not "better" on a map of effects
            model.decimals,
            model.unit,
        ),
    }


def impact_context(position: Position) -> dict[str, object]:
    """What the position page shows of its impact model (empty when there is none)."""
    model = impact_of(position)
    if model is None:
        return {}
    summary = impact.summary(model)
    return {
        "impact": summary,
        "impact_source": impact_source(model),
        "impact_charts": impact_charts(summary),
        "impact_total": number(summary.total, model.decimals) if model.additive else "",
        "impact_median": number(summary.median, model.decimals),
        "has_boundaries": has_boundaries(),
    }
