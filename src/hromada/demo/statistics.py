"""`hromada demo` statistics: ten years of plausible values for every member hromada."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from hromada.demo.gaps import add_gaps, frontline_fallback
from hromada.demo.generate import YEARS, Hromadas
from hromada.demo.models import PlantedError
from hromada.demo.panel import build_panel
from hromada.demo.planted import plant_errors
from hromada.demo.profiles import read_profiles
from hromada.demo.writer import NOT_STARTED, clear_demo_values, write_panel, year_statuses
from hromada.indicators.models import Indicator
from hromada.lib.progress import ProgressCallback, silent
from hromada.members.queries import member_hromadas
from hromada.territories.models import (
    Category,
    HromadaType,
    Level,
    Territory,
    TerritoryStatus,
    WarStatus,
)


@dataclass(frozen=True)
class StatisticsSummary:
    hromadas: int
    indicators: int
    values: int
    missing: int
    planted: int


def member_panel_hromadas() -> Hromadas:
    members = list(member_hromadas().select_related("oblast").order_by("code"))
    ids = [h.pk for h in members]
    settlements = dict(
        Territory.objects.filter(level=Level.SETTLEMENT, parent_id__in=ids, valid_to__isnull=True)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
    )
    # Big cities are divided into city districts (whose parent is the city or its hromada).
    rows = Territory.objects.filter(level=Level.DISTRICT).values_list(
        "parent__level", "parent_id", "parent__parent_id"
    )
    districts = {parent if level == Level.HROMADA else grand for level, parent, grand in rows}
    city = {HromadaType.CITY.value}
    types = [
        HromadaType.CITY.value if h.category == Category.SPECIAL_CITY else h.hromada_type
        for h in members
    ]
    return Hromadas(
        ids=np.array(ids, dtype=np.int64),
        codes=tuple(h.code for h in members),
        types=np.array([t or HromadaType.VILLAGE.value for t in types]),
        settlements=np.array([settlements.get(pk, 0) for pk in ids], dtype=np.int64),
        big=np.array(
            [h.pk in districts and t in city for h, t in zip(members, types, strict=True)]
        ),
        oblasts=tuple(h.oblast.name_uk if h.oblast else "" for h in members),
    )


def occupied_positions(hromadas: Hromadas, rng: np.random.Generator) -> dict[int, int]:
    """Position of the hromada -> first year it is under occupation."""
    if not TerritoryStatus.objects.exists():
        return frontline_fallback(hromadas, rng)
    where = {pk: i for i, pk in enumerate(hromadas.ids.tolist())}
    rows = TerritoryStatus.objects.filter(
        status=WarStatus.OCCUPIED, territory_id__in=list(where)
    ).values_list("territory_id", "start_date", "end_date")
    first: dict[int, int] = {}
    for territory_id, start, end in rows:
        if end is None or end.year > YEARS[0]:
            first[where[territory_id]] = min(start.year, first.get(where[territory_id], 9999))
    return first


@transaction.atomic
def build_demo_statistics(
    seed: int, progress: ProgressCallback = silent, drafting: Collection[int] = ()
) -> StatisticsSummary:
    """Replace the demo values: clean panel, typed gaps, planted errors, then one write.

    The hromadas in `drafting` have their open year's values as drafts (the demo official's
    hromada is still at work on its questionnaire)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    clear_demo_values()
    PlantedError.objects.all().delete()
    hromadas = member_panel_hromadas()
    profiles = read_profiles()
    # Indicators added on the site have no demo profile: they get no demo values.
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(formula="", is_active=True, code__in=list(profiles))
    }
    panel = build_panel(hromadas, indicators, profiles, rng)
    add_gaps(panel, profiles, hromadas, occupied_positions(hromadas, rng), rng)
    planted = plant_errors(panel, rng)
    states = year_statuses(hromadas, rng, drafting)
    # A hromada that has not started has no value of the open year, so no error in it.
    planted = [p for p in planted if states[p.position, YEARS.index(p.year)] != NOT_STARTED]
    values = write_panel(panel, hromadas, states, progress, _("writing values"))
    PlantedError.objects.bulk_create(
        PlantedError(
            territory_id=int(hromadas.ids[p.position]),
            indicator=indicators[p.code],
            year=p.year,
            kind=p.kind,
            description=p.description,
            original_value=p.original,
            planted_value=p.planted,
        )
        for p in planted
    )
    missing = sum(int(np.count_nonzero(s.missing)) for s in panel.values())
    return StatisticsSummary(len(hromadas), len(indicators), values, missing, len(planted))
