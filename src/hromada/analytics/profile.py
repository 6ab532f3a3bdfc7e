"""The community profile: every indicator of one hromada against all hromadas and its peers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from hromada.analytics import peers
from hromada.analytics.coverage import default_column
from hromada.analytics.data import Data, catalogue, load_data
from hromada.analytics.formatting import number, plain, sparkline_points
from hromada.analytics.frame import load_frame
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.stats import rank
from hromada.indicators.models import Indicator, Missing, Polarity
from hromada.indicators.population_bands import BANDS, POPULATION_CODE
from hromada.indicators.units import unit_label
from hromada.territories.models import Territory

HEADLINE = (
    "demography.population",
    "budget.revenue.own_per_capita",
    "budget.expenditure.per_capita",
    "demography.urban_share",
)
HEADLINE_COUNT = 4
BEST_WORST = 5


@dataclass
class ProfileRow:
    indicator: Indicator
    year: int | None
    value: str
    unit: str
    change: str
    change_sense: str  # "better", "worse", "same" or "" (neutral or unknown)
    rank_all: str
    count_all: int
    percentile_all: float | None
    rank_peer: str
    count_peer: int
    percentile_peer: float | None
    quartile: int  # 1..4 coloured by polarity; 0 uncoloured
    sparkline: str
    years: list[int] = field(default_factory=list)
    series: list[float | None] = field(default_factory=list)
    missing_note: str = ""
    expected_all: int = 0  # unoccupied hromadas that could have a value that year


@dataclass
class AreaRows:
    name: str
    rows: list[ProfileRow]


@dataclass
class Profile:
    territory: Territory
    data_version: int
    peers_key: str
    peers_label: str
    peer_choices: list[peers.PeerChoice]
    band_label: str
    is_member: bool
    is_occupied: bool
    areas: list[AreaRows]
    headline: list[ProfileRow]
    best: list[ProfileRow]
    worst: list[ProfileRow]
    gaps: list[ProfileRow]
    years: tuple[int, ...]


def _missing_note(data: Data, code: str, row: int, occupied: bool) -> str:
    reasons = data.series[code].missing[row]
    given = [MISSING_CODES[r] for r in reasons[::-1] if r]
    if given:
        return str(Missing(given[0]).label)
    if data.indicators[code].formula:
        return _("an input of the formula is missing")
    if occupied:
        return _("not collected: temporarily occupied territory")
    return _("no value recorded")


def _change(values: np.ndarray, column: int, indicator: Indicator) -> tuple[str, str]:
    if column < 1 or np.isnan(values[column - 1]):
        return "", ""
    delta = float(values[column] - values[column - 1])
    # A change that rounds to zero at the indicator's decimals reads "no change", never
    # "+0,0" or "-0,0".
    delta = round(delta, indicator.decimals)
    if delta == 0:
        return _("no change"), "same"
    text = number(delta, indicator.decimals)
    text = f"+{text}" if delta > 0 else text
    if indicator.polarity == Polarity.NEUTRAL:
        return text, ""
    improved = (delta > 0) == (indicator.polarity == Polarity.HIGHER_IS_BETTER)
    return text, "better" if improved else "worse"


def _row(data: Data, code: str, row: int, peer: np.ndarray, occupied: bool) -> ProfileRow:
    indicator = data.indicators[code]
    values = data.series[code].values
    own = values[row]
    # Occupied hromadas are not ranked; the year is the latest one complete enough to
    # compare (hromada.analytics.coverage), or this hromada's latest value before it.
    everyone = ~data.frame.occupied
    covered = default_column(values, everyone)
    present = np.flatnonzero(~np.isnan(own))
    if len(present) and covered >= 0 and (present <= covered).any():
        present = present[present <= covered]
    result = ProfileRow(
        indicator,
        None,
        "",
        unit_label(indicator.unit),
        "",
        "",
        "",
        0,
        None,
        "",
        0,
        None,
        0,
        sparkline_points(own),
        list(data.years),
        [plain(v) for v in own],
    )
    if len(present) == 0:
        result.missing_note = _missing_note(data, code, row, occupied)
        return result
    column = int(present[-1])
    result.year = data.years[column]
    result.value = number(own[column], indicator.decimals)
    result.change, result.change_sense = _change(own, column, indicator)
    overall = rank(values[:, column], everyone, indicator.polarity)
    among = rank(values[:, column], peer, indicator.polarity)
    if not np.isnan(overall.rank[row]):
        result.rank_all, result.count_all = f"{overall.rank[row]:.0f}", overall.count
    result.expected_all = int(everyone.sum())
    result.percentile_all = float(overall.percentile[row])
    if peer[row]:
        result.rank_peer, result.count_peer = f"{among.rank[row]:.0f}", among.count
        result.percentile_peer = float(among.percentile[row])
        if indicator.polarity != Polarity.NEUTRAL:
            result.quartile = int(among.quartile[row])
    return result


def build_profile(territory: Territory, peers_key: str) -> Profile | None:
    frame = load_frame()
    row = frame.row_of(territory.code)
    if row is None:
        return None
    indicators = catalogue()
    data = load_data(list(indicators), frame, indicators)
    groups = peers.saved_groups()
    bands = peers.population_bands(data)
    peer = peers.peer_mask(peers_key, data, row, groups, bands)
    if peer is None:
        peers_key = "all"
        peer = np.ones(len(frame), dtype=bool)
    occupied = bool(frame.occupied[row])
    rows = [_row(data, code, row, peer, occupied) for code in indicators]
    areas: dict[str, AreaRows] = {}
    for item in rows:
        areas.setdefault(
            item.indicator.area.code, AreaRows(item.indicator.area.name, [])
        ).rows.append(item)
    ranked = [r for r in rows if r.quartile and r.percentile_peer is not None]
    ranked.sort(key=lambda r: r.percentile_peer or 0.0)
    headline = [r for r in rows if r.indicator.code in HEADLINE and r.year is not None]
    if not headline:
        headline = [r for r in rows if r.year is not None][:HEADLINE_COUNT]
    band = int(bands[row])
    return Profile(
        territory=territory,
        data_version=data.version,
        peers_key=peers_key,
        peers_label=peers.peer_label(peers_key, groups),
        peer_choices=peers.choices(groups, relative=True),
        band_label=str(BANDS[band].label) if band >= 0 else "",
        is_member=bool(frame.members[row]),
        is_occupied=occupied,
        areas=list(areas.values()),
        headline=headline,
        best=ranked[::-1][:BEST_WORST],
        worst=ranked[:BEST_WORST],
        gaps=[r for r in rows if r.year is None],
        years=data.years,
    )


__all__ = ["POPULATION_CODE", "Profile", "ProfileRow", "build_profile"]
