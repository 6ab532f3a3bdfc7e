"""What a position's page shows of its impact model: the summary, the distribution and the map."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.analytics import charts
from hromada.analytics.formatting import number
from hromada.analytics.geo import has_boundaries
from hromada.legislation import impact
from hromada.legislation.models import ImpactModel, Position


def impact_of(position: Position) -> ImpactModel | None:
    return ImpactModel.objects.filter(position=position).first()


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
        "impact_charts": impact_charts(summary),
        "impact_total": number(summary.total, model.decimals) if model.additive else "",
        "impact_median": number(summary.median, model.decimals),
        "has_boundaries": has_boundaries(),
    }
