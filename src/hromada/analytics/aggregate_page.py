"""The aggregates page: one indicator by oblast, raion, type or peer group, with coverage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.analytics import peers
from hromada.analytics.aggregates import Aggregate, aggregate
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number
from hromada.analytics.frame import load_frame
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType, Level, Territory

GROUPINGS: dict[str, Promise] = {
    "nation": _("Ukraine"),
    "oblast": _("Oblast"),
    "raion": _("Raion"),
    "type": _("Type of hromada"),
    "peers": _("Peer group"),
}


@dataclass
class AggregateRow:
    name: str
    value: str
    raw: float | None
    reported: int
    members: int
    population_share: str


@dataclass
class AggregatePage:
    indicator: Indicator
    by: str
    year: int | None
    years: tuple[int, ...]
    rows: list[AggregateRow]
    aggregable: bool
    data_version: int


def _row(name: str, result: Aggregate, index: int, column: int, decimals: int) -> AggregateRow:
    value = float(result.values[index, column]) if column >= 0 else float("nan")
    share = float(result.population_share[index, column]) if column >= 0 else float("nan")
    return AggregateRow(
        name=name,
        value=number(value, decimals),
        raw=None if np.isnan(value) else value,
        reported=int(result.reported[index, column]) if column >= 0 else 0,
        members=int(result.members[index]),
        population_share="" if np.isnan(share) else number(share * 100, 1),
    )


def aggregate_page(indicator: Indicator, by: str, year: int | None) -> AggregatePage:
    frame = load_frame()
    indicators = catalogue()
    data = load_data([indicator.code, POPULATION_CODE], frame, indicators)
    column = len(data.years) - 1
    if year is not None and year in data.years:
        column = data.year_index(year)
    decimals = indicator.decimals
    rows: list[AggregateRow] = []
    aggregable = True
    code = indicator.code
    if by == "oblast":
        ids = sorted(
            {int(i) for i in frame.oblast_ids if i >= 0},
            key=lambda i: sort_key(frame.oblast_name(i)),
        )
        result = aggregate(data, code, frame.oblast_ids, ids)
        rows = [_row(frame.oblast_name(g), result, n, column, decimals) for n, g in enumerate(ids)]
        aggregable = result.aggregable
    elif by == "raion":
        raions = Territory.objects.filter(level=Level.RAION).values_list("pk", "name_uk", "name_en")
        names = {pk: (uk, en) for pk, uk, en in raions}
        ids = sorted(
            {int(i) for i in frame.raion_ids if i >= 0},
            key=lambda i: sort_key(names.get(i, ("", ""))[0]),
        )
        result = aggregate(data, code, frame.raion_ids, ids)
        english = get_language() == "en"
        rows = [
            _row(
                names[g][1] if english and names[g][1] else names[g][0], result, n, column, decimals
            )
            for n, g in enumerate(ids)
        ]
        aggregable = result.aggregable
    elif by == "type":
        kinds = list(HromadaType.choices)
        index = np.array(
            [next((n for n, (v, _) in enumerate(kinds) if v == t), -1) for t in frame.types]
        )
        result = aggregate(data, code, index, list(range(len(kinds))))
        rows = [_row(str(label), result, n, column, decimals) for n, (_, label) in enumerate(kinds)]
        aggregable = result.aggregable
    elif by == "peers":
        bands = peers.population_bands(data)
        for group in peers.saved_groups():
            mask = peers.group_mask(group, data, bands)
            result = aggregate(data, code, np.where(mask, 0, -1), [0])
            rows.append(_row(group.name, result, 0, column, decimals))
            aggregable = result.aggregable
    else:
        by = "nation"
        result = aggregate(data, code, np.zeros(len(frame), dtype=np.int64), [0])
        rows = [_row(str(GROUPINGS["nation"]), result, 0, column, decimals)]
        aggregable = result.aggregable
    return AggregatePage(
        indicator,
        by,
        data.years[column] if column >= 0 else None,
        data.years,
        rows,
        aggregable,
        data.version,
    )
