"""A ranking as numbers and codes, read from the current snapshot: what the API serves.

The ranks among all hromadas and within every built-in peer set are stored in the snapshot
(hromada.analytics.snapshot_build), so a ranking reads one indicator's values (to choose the
default year by coverage, as the pages do) and the stored ranks of one year: a few thousand
rows at most, whatever the size of the data. Only an analyst's saved group is ranked here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from hromada.analytics import peers
from hromada.analytics.coverage import default_column
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import load_frame
from hromada.analytics.models import SnapshotValue
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.stats import rank
from hromada.indicators.models import Indicator, Missing, Polarity
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.ukrainian_order import sort_key


@dataclass(frozen=True)
class RankItem:
    code: str
    name: str
    value: float | None
    missing: str  # why there is no rank: the recorded reason, "occupied", or ""
    rank: int | None  # within the peer set
    rank_all: int | None  # among every unoccupied hromada
    percentile: int | None
    quartile: int | None  # 1..4, 4 best; None for neutral indicators or too few ranked


@dataclass(frozen=True)
class RankTable:
    year: int | None
    reported: int
    data_version: int
    items: list[RankItem]
    ready: bool = True  # False: no snapshot has been computed yet, so nothing is ranked


def _labels() -> dict[int, str]:
    return {n: str(Missing(code).label) for n, code in enumerate(MISSING_CODES) if code}


def rank_table(
    indicator: Indicator, *, year: int | None, peers_key: str, hromada: str
) -> RankTable:
    """Every hromada of the peer set (all hromadas when `peers_key` is empty), ranked ones
    first by rank, then the others by name, with the ranks of `year` (default: the latest
    year covering the minimum share of the set)."""
    frame = load_frame()
    indicators = catalogue()
    indicators.setdefault(indicator.code, indicator)
    relative = peers_key in peers.RELATIVE or peers_key.startswith("g")
    codes = [indicator.code, POPULATION_CODE] if relative else [indicator.code]
    data = load_data(codes, frame, indicators)
    row = frame.row_of(hromada) if hromada else None
    key = peers_key or "all"
    groups = peers.saved_groups() if key.startswith("g") else []
    selection = peers.peer_mask(key, data, row, groups, peers.population_bands(data))
    if selection is None:  # an unknown (or deleted) group: every hromada, as the pages do
        key, selection = "all", np.ones(len(frame), dtype=bool)
    comparable = selection & ~frame.occupied
    values = data.series[indicator.code].values
    column = default_column(values, comparable) if data.years else -1
    if year is not None:
        column = data.year_index(year) if year in data.years else -1
    chosen = data.years[column] if column >= 0 else None
    stored = key if key in peers.BUILT_IN else "all"
    rows = (
        SnapshotValue.objects.filter(
            snapshot_id=data.snapshot_id, indicator_id=indicator.pk, year=chosen
        ).values_list(
            "territory_id",
            "value",
            "reason",
            "rank_all",
            f"rank_{stored}",
            f"percentile_{stored}",
            f"quartile_{stored}",
        )
        if chosen is not None and data.snapshot_id is not None
        else []
    )
    found = {int(r[0]): r[1:] for r in rows}
    here: dict[int, tuple[int | None, float | None, int]] = {}
    if key.startswith("g") and chosen is not None:
        # An analyst's group: ranked here, over at most the hromadas of the group.
        ranked = rank(values[:, column], comparable, indicator.polarity)
        for i in np.flatnonzero(comparable & ~np.isnan(ranked.rank)).tolist():
            here[int(frame.ids[i])] = (
                int(ranked.rank[i]),
                float(ranked.percentile[i]),
                int(ranked.quartile[i]),
            )
    labels = _labels()
    coloured = indicator.polarity != Polarity.NEUTRAL
    items: list[RankItem] = []
    for i in np.flatnonzero(selection).tolist():
        territory = int(frame.ids[i])
        value, reason, rank_all, own_rank, percentile, quartile = found.get(
            territory, (None, 0, None, None, None, 0)
        )
        if key.startswith("g"):
            own_rank, percentile, quartile = here.get(territory, (None, None, 0))
        occupied = bool(frame.occupied[i])
        items.append(
            RankItem(
                code=frame.codes[i],
                name=frame.name(i),
                value=value,
                missing=labels.get(reason, "") or (_("occupied") if occupied else ""),
                rank=None if occupied else own_rank,
                rank_all=None if occupied else rank_all,
                percentile=None if occupied or percentile is None else round(percentile),
                quartile=(quartile or None) if coloured and not occupied else None,
            )
        )
    last = float("inf")
    items.sort(key=lambda r: (r.rank if r.rank is not None else last, sort_key(r.name)))
    return RankTable(
        year=chosen,
        reported=sum(1 for item in items if item.rank is not None),
        data_version=data.version,
        items=items,
        ready=data.snapshot_id is not None,
    )
