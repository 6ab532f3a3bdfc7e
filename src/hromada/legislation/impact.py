"""Per-hromada impact of a position: a formula over the catalogue, evaluated for every hromada.

The formula engine of `indicators` parses and evaluates it (never `eval`); the released values
come from the analytics arrays (one query, cached by the published version). Each hromada with
every input gets its own figure, stored so the position page, its CSV and the hromada's
profile read a few rows instead of the panel.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import load_frame
from hromada.audit.actions import record_audit
from hromada.indicators.formula import FormulaError, check_formula, evaluate
from hromada.legislation.actions import require_analyst
from hromada.legislation.models import ImpactModel, ImpactResult, Position
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType, Territory

IMPACT_FIELDS = ("label", "formula", "year", "unit", "decimals", "assumptions", "additive")


def check_impact_formula(text: str) -> None:
    """Raises ValidationError with the engine's message when the formula cannot be used."""
    known = {code: item.formula or None for code, item in catalogue().items()}
    try:
        check_formula(text, known)
    except FormulaError as error:
        raise ValidationError(error.message) from error


def save_impact(
    position: Position, *, by: Any, values: dict[str, Any], reason: str = ""
) -> ImpactModel:
    """Create or change a position's impact model and compute every hromada's figure."""
    require_analyst(by)
    check_impact_formula(values["formula"])
    with transaction.atomic():
        model = ImpactModel.objects.filter(position=position).first()
        before = {k: getattr(model, k) for k in IMPACT_FIELDS} if model else {}
        if model is None:
            model = ImpactModel(position=position)
        for key in IMPACT_FIELDS:
            setattr(model, key, values[key])
        model.save()
        count = compute_figures(model)
        record_audit(
            action="legislation.impact.save",
            obj=model,
            by=by,
            changes={
                **{k: (before.get(k, ""), getattr(model, k)) for k in IMPACT_FIELDS},
                "hromadas": (0, count),
            },
            reason=reason,
        )
    return model


def recompute(model: ImpactModel, *, by: Any) -> int:
    """The figures again, from the values released since (e.g. after a new release)."""
    require_analyst(by)
    with transaction.atomic():
        before = (model.results.count(), model.data_version)
        count = compute_figures(model)
        record_audit(
            action="legislation.impact.recompute",
            obj=model,
            by=by,
            changes={
                "hromadas": (before[0], count),
                "data_version": (before[1], model.data_version),
            },
        )
    return count


def compute_figures(model: ImpactModel) -> int:
    """Replace the model's figures with ones from the current snapshot; returns how many.
    Writes no audit entry: each caller records its own (an analyst's save, a recomputation
    after new statistics). Raises ValidationError, keeping the figures, if the engine refuses."""
    indicators = catalogue()
    known = {code: item.formula or None for code, item in indicators.items()}
    frame = load_frame()
    # The catalogue may have changed since the model was saved (an input removed): the
    # engine's refusal becomes a message, and the old figures stay until a computation works.
    try:
        node = check_formula(model.formula, known)
        data = load_data(node.references(), frame, indicators)
        if model.year not in data.years:
            values = np.full(len(frame), np.nan)
        else:
            values = evaluate(node, data.panel()).values[:, data.year_index(model.year)]
    except FormulaError as error:
        raise ValidationError(error.message) from error
    model.results.all().delete()
    rows = [
        ImpactResult(model=model, territory_id=int(frame.ids[i]), value=round(float(values[i]), 6))
        for i in np.flatnonzero(~np.isnan(values))
    ]
    ImpactResult.objects.bulk_create(rows, batch_size=1000)
    model.computed_at = timezone.now()
    model.data_version = data.version
    model.computed_snapshot = data.snapshot_id
    model.refresh_error = ""
    model.save(update_fields=["computed_at", "data_version", "computed_snapshot", "refresh_error"])
    return len(rows)


@dataclass(frozen=True)
class Figure:
    territory: Territory
    value: float


@dataclass(frozen=True)
class GroupRow:
    name: str
    hromadas: int
    total: float
    mean: float
    gainers: int
    losers: int


@dataclass(frozen=True)
class ImpactSummary:
    model: ImpactModel
    figures: list[Figure]
    total: float
    median: float | None
    gainers: int
    losers: int
    by_type: list[GroupRow]
    by_oblast: list[GroupRow]
    histogram: dict[str, object]

    @property
    def top(self) -> list[Figure]:
        return sorted(self.figures, key=lambda f: -f.value)[:10]

    @property
    def bottom(self) -> list[Figure]:
        return sorted(self.figures, key=lambda f: f.value)[:10]


def figures(model: ImpactModel) -> list[Figure]:
    rows = model.results.select_related("territory", "territory__oblast").order_by("territory_id")
    return [Figure(row.territory, row.value) for row in rows]


def _group(name: str, items: list[Figure]) -> GroupRow:
    total = sum(f.value for f in items)
    return GroupRow(
        name,
        len(items),
        total,
        total / len(items),
        sum(1 for f in items if f.value > 0),
        sum(1 for f in items if f.value < 0),
    )


def _histogram(values: list[float], bins: int = 12) -> dict[str, object]:
    if not values:
        return {"edges": [], "counts": []}
    counts, edges = np.histogram(np.array(values), bins=bins)
    return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}


def summary(model: ImpactModel) -> ImpactSummary:
    items = figures(model)
    values = [f.value for f in items]
    types = dict(HromadaType.choices)
    by_type: dict[str, list[Figure]] = {}
    by_oblast: dict[str, list[Figure]] = {}
    for item in items:
        kind = str(types.get(item.territory.hromada_type, _("type not given")))
        by_type.setdefault(kind, []).append(item)
        oblast = item.territory.oblast.name if item.territory.oblast else _("no oblast")
        by_oblast.setdefault(oblast, []).append(item)
    return ImpactSummary(
        model=model,
        figures=items,
        total=sum(values),
        median=statistics.median(values) if values else None,
        gainers=sum(1 for v in values if v > 0),
        losers=sum(1 for v in values if v < 0),
        by_type=[_group(k, v) for k, v in sorted(by_type.items(), key=lambda kv: sort_key(kv[0]))],
        by_oblast=[
            _group(k, v) for k, v in sorted(by_oblast.items(), key=lambda kv: sort_key(kv[0]))
        ],
        histogram=_histogram(values),
    )


@dataclass(frozen=True)
class OwnFigure:
    position: Position
    model: ImpactModel
    value: float


def own_figures(territory: Territory) -> list[OwnFigure]:
    """The hromada's own figure under every published position's impact model (one query)."""
    rows = (
        ImpactResult.objects.filter(
            territory=territory, model__position__published_on__isnull=False
        )
        .select_related("model", "model__position", "model__position__bill")
        .order_by("-model__position__published_on", "-model__position_id")
    )
    return [OwnFigure(row.model.position, row.model, row.value) for row in rows]
