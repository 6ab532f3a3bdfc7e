"""The community profile: every indicator of one hromada against all hromadas and its peers.

It reads this hromada's rows of the current snapshot (hromada.analytics.snapshot): its
values in every year with their ranks among all hromadas and in each built-in peer set, and
each indicator's default year; so a profile costs the same at any size of the data. Only an
analyst's saved group is ranked here, from the rows of that group's hromadas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from hromada.analytics import fair, peers
from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number, plain, sparkline_points
from hromada.analytics.frame import Frame, cached_frame
from hromada.analytics.models import PeerGroup, Snapshot, SnapshotIndicator, SnapshotValue
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.snapshot import current_snapshot
from hromada.analytics.stats import latest_values, rank
from hromada.indicators.models import Indicator, Missing, Polarity
from hromada.indicators.population_bands import BANDS, POPULATION_CODE, band_of
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
    # The measure ranked when it is not the value (per resident, per 1,000 residents, per
    # km²; hromada.analytics.fair), its unit, and the population's year if not the value's.
    compared: str = ""
    compared_unit: str = ""
    per_year: int | None = None


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
    ready: bool = True  # False: no snapshot of the statistics has been computed yet


@dataclass
class Own:
    """One indicator of this hromada over the snapshot's years, with its stored ranks."""

    values: np.ndarray
    reasons: np.ndarray
    measures: np.ndarray
    per_years: dict[int, int]
    ranks: dict[int, tuple[int | None, int, float | None, int, int | None, int, float | None, int]]


def _missing_note(indicator: Indicator, reasons: np.ndarray, occupied: bool) -> str:
    given = [MISSING_CODES[r] for r in reasons[::-1] if r]
    if given:
        return str(Missing(given[0]).label)
    if indicator.formula:
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


def _own_rows(snapshot: Snapshot, territory_id: int, peer_set: str) -> dict[int, Own]:
    """This hromada's rows: values, reasons and ranks (all hromadas and `peer_set`)."""
    years = snapshot.years
    columns = ["rank_all", "n_all", "percentile_all", "quartile_all"]
    columns += [f"{f}_{peer_set}" for f in ("rank", "n", "percentile", "quartile")]
    rows = SnapshotValue.objects.filter(snapshot=snapshot, territory_id=territory_id).values_list(
        "indicator_id", "year", "value", "reason", "comparable", "per_year", *columns
    )
    own: dict[int, Own] = {}
    for indicator_id, year, value, reason, measure, per_year, *ranks in rows:
        item = own.get(indicator_id)
        if item is None:
            shape = len(years)
            item = Own(
                np.full(shape, np.nan),
                np.zeros(shape, dtype=np.int8),
                np.full(shape, np.nan),
                {},
                {},
            )
            own[indicator_id] = item
        column = year - years[0]
        item.values[column] = np.nan if value is None else value
        item.measures[column] = np.nan if measure is None else measure
        if per_year is not None:
            item.per_years[year] = per_year
        item.reasons[column] = reason
        item.ranks[year] = tuple(ranks)
    return own


def _group_ranks(
    group: PeerGroup,
    frame: Frame,
    snapshot: Snapshot,
    territory_id: int,
    chosen: dict[int, tuple[int, str]],
) -> dict[int, tuple[int | None, int, float | None, int]]:
    """Ranks within an analyst's group of the indicator-years this profile shows (`chosen`:
    indicator id -> year, polarity), read from the rows of the group's hromadas only."""
    data = load_data([POPULATION_CODE], frame, catalogue())
    mask = peers.group_mask(group, data, peers.population_bands(data)) & ~frame.occupied
    members = frame.ids[mask].tolist()
    position = {int(t): n for n, t in enumerate(members)}
    # The measure the stored ranks compare (per resident where the indicator says so).
    rows = SnapshotValue.objects.filter(
        snapshot=snapshot, territory_id__in=members, comparable__isnull=False
    ).values_list("indicator_id", "year", "territory_id", "comparable")
    table: dict[int, np.ndarray] = {}
    for indicator_id, year, other, value in rows:
        if indicator_id in chosen and chosen[indicator_id][0] == year:
            values = table.setdefault(indicator_id, np.full(len(members), np.nan))
            values[position[other]] = value
    row = position.get(territory_id, -1)
    return {
        indicator_id: _one_rank(values, chosen[indicator_id][1], row)
        for indicator_id, values in table.items()
    }


def _one_rank(
    values: np.ndarray, polarity: str, row: int
) -> tuple[int | None, int, float | None, int]:
    if row < 0 or np.isnan(values[row]):
        return None, 0, None, 0
    result = rank(values, np.ones(len(values), dtype=bool), polarity)
    return (
        int(result.rank[row]),
        result.count,
        float(result.percentile[row]),
        int(result.quartile[row]),
    )


def _row(
    indicator: Indicator,
    own: Own | None,
    years: tuple[int, ...],
    covered_year: int | None,
    occupied: bool,
    expected: int,
) -> tuple[ProfileRow, int | None]:
    values = own.values if own is not None else np.full(len(years), np.nan)
    reasons = own.reasons if own is not None else np.zeros(len(years), dtype=np.int8)
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
        sparkline_points(values),
        list(years),
        [plain(v) for v in values],
    )
    # The year is the latest one complete enough to compare (hromada.analytics.coverage),
    # or this hromada's latest value before it; or its latest value at all.
    present = np.flatnonzero(~np.isnan(values))
    covered = years.index(covered_year) if covered_year in years else -1
    if len(present) and covered >= 0 and (present <= covered).any():
        present = present[present <= covered]
    if len(present) == 0:
        result.missing_note = _missing_note(indicator, reasons, occupied)
        return result, None
    column = int(present[-1])
    result.year = years[column]
    result.value = number(values[column], indicator.decimals)
    result.change, result.change_sense = _change(values, column, indicator)
    result.expected_all = expected
    if own is not None and indicator.compare_per:
        result.compared = number(own.measures[column], fair.decimals(indicator))
        result.compared_unit = fair.measure_unit(indicator) if result.compared else ""
        result.per_year = own.per_years.get(result.year)
        if not result.compared:
            result.missing_note = fair.missing_denominator(indicator)
    if own is not None:
        rank_all, n_all, percentile_all, _quartile, *_peer = own.ranks[result.year]
        if rank_all is not None:
            result.rank_all, result.count_all = str(rank_all), n_all
            result.percentile_all = percentile_all
    return result, result.year


def _peer(result: ProfileRow, ranks: tuple[int | None, int, float | None, int]) -> None:
    rank_peer, count_peer, percentile_peer, quartile = ranks
    if rank_peer is None:
        return
    result.rank_peer, result.count_peer = str(rank_peer), count_peer
    result.percentile_peer = percentile_peer
    # Coloured, and so among the best and weakest, only with a direction and a measure that
    # compares hromadas of different sizes (never a raw count).
    if fair.coloured(result.indicator):
        result.quartile = quartile


def build_profile(territory: Territory, peers_key: str) -> Profile | None:
    frame = cached_frame()
    row = frame.row_of(territory.code)
    if row is None:
        return None
    indicators = catalogue()
    snapshot = current_snapshot(frame)
    groups = peers.saved_groups()
    group = next((g for g in groups if g.key == peers_key), None)
    if peers_key not in peers.BUILT_IN and group is None:
        peers_key = "all"
    peer_set = peers_key if peers_key in peers.BUILT_IN else "all"
    occupied = bool(frame.occupied[row])
    years = snapshot.years if snapshot is not None else ()
    own = _own_rows(snapshot, territory.pk, peer_set) if snapshot is not None else {}
    covered = (
        dict(
            SnapshotIndicator.objects.filter(snapshot=snapshot).values_list(
                "indicator_id", "covered_year"
            )
        )
        if snapshot is not None
        else {}
    )
    expected = int((~frame.occupied).sum())
    built = [
        _row(item, own.get(item.pk), years, covered.get(item.pk), occupied, expected)
        for item in indicators.values()
    ]
    rows = [result for result, _year in built]
    if group is not None and snapshot is not None:
        chosen = {
            result.indicator.pk: (year, result.indicator.polarity)
            for result, year in built
            if year is not None
        }
        ranked_in_group = _group_ranks(group, frame, snapshot, territory.pk, chosen)
        for result in rows:
            if result.indicator.pk in ranked_in_group:
                _peer(result, ranked_in_group[result.indicator.pk])
    else:
        for result, year in built:
            if year is not None:
                _peer(result, own[result.indicator.pk].ranks[year][4:])
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
    population = indicators.get(POPULATION_CODE)
    people = own.get(population.pk) if population is not None else None
    latest = latest_values(people.values[None, :])[0] if people is not None else None
    band = band_of(latest)
    return Profile(
        territory=territory,
        data_version=snapshot.publication if snapshot is not None else 0,
        peers_key=peers_key,
        peers_label=peers.peer_label(peers_key, groups),
        peer_choices=peers.choices(groups, relative=True),
        band_label=str(band.label) if band is not None else "",
        is_member=bool(frame.members[row]),
        is_occupied=occupied,
        areas=list(areas.values()),
        headline=headline,
        best=ranked[::-1][:BEST_WORST],
        worst=ranked[:BEST_WORST],
        gaps=[r for r in rows if r.year is None],
        years=years,
        ready=snapshot is not None,
    )


__all__ = ["BANDS", "POPULATION_CODE", "Profile", "ProfileRow", "build_profile"]
