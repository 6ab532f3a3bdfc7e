"""The indicator view: a ranking table with filters, distribution, map data and trends."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from hromada.analytics import fair, peers
from hromada.analytics.aggregates import aggregate, national
from hromada.analytics.coverage import Coverage, coverage, default_column, min_coverage
from hromada.analytics.data import Data, catalogue, load_data
from hromada.analytics.formatting import number, numbers, plain
from hromada.analytics.frame import cached_frame
from hromada.analytics.reading import MISSING_CODES
from hromada.analytics.stats import Summary, rank, summarise
from hromada.indicators.models import ComparePer, Indicator, Missing
from hromada.indicators.population_bands import BANDS, POPULATION_CODE
from hromada.indicators.units import unit_label
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType
from hromada.territories.search import query_words, search_text_for

SORTS = ("rank", "-rank", "name", "value", "-value", "oblast")
HISTOGRAM_BINS = 20


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    oblast: int | None = None
    hromada_type: str = ""
    band: str = ""
    # None: members when the registry has any, else every hromada; True/False: the choice.
    members: bool | None = None
    query: str = ""
    hromada: str = ""  # the code of the highlighted hromada
    peers: str = ""
    sort: str = "rank"
    # Rank the raw value even where the indicator is compared per resident or per km².
    raw: bool = False


@dataclass
class RankRow:
    code: str
    name: str
    oblast: str
    type_label: str
    value: str  # the raw value, as shown
    raw: float | None
    compared: str  # the measure ranked (per resident, per km²...), as shown; "" when none
    measure: float | None
    per_year: str  # the year of the population divided by, when not the value's own
    rank_all: str
    rank_here: str
    percentile: str
    quartile: int
    selected: bool
    occupied: bool
    missing: str


@dataclass
class RankingPage:
    indicator: Indicator
    unit: str
    # The measure ranked: its unit, decimals and how it is computed ("" when the indicator
    # is ranked as it is: a ratio, a share, or the raw value by choice).
    measure_unit: str
    measure_decimals: int
    method_note: str
    coloured: bool  # quarters and the map's red-to-green follow the polarity
    year: int | None
    years: tuple[int, ...]
    rows: list[RankRow]
    shown: int
    reported: int
    summary: Summary | None
    selected: RankRow | None
    peer_choices: list[peers.PeerChoice]
    peers_label: str
    oblasts: list[tuple[int, str]]
    histogram: dict[str, object]
    map_values: list[dict[str, object]]
    trend: dict[str, object]
    data_version: int
    coverage: Coverage
    members_only: bool
    # The latest year with values when it is too incomplete to be the default, and its coverage.
    held_back_year: int | None = None
    held_back: Coverage | None = None
    summary_text: dict[str, str] = field(default_factory=dict)
    ready: bool = True  # False: no snapshot of the statistics has been computed yet

    @property
    def per(self) -> bool:
        """Whether the ranked measure is not the raw value (the raw value is shown beside)."""
        return bool(self.method_note)

    @property
    def ranked_rows(self) -> list[RankRow]:
        return [row for row in self.rows if row.rank_here]

    @property
    def unranked_rows(self) -> list[RankRow]:
        """Hromadas without a rank (no value, occupied), listed apart with the reason."""
        return [row for row in self.rows if not row.rank_here]

    @property
    def min_coverage_percent(self) -> int:
        return round(min_coverage() * 100)

    @property
    def population_percent(self) -> str:
        share = self.coverage.population_share
        return "" if np.isnan(share) else number(share * 100, 0)

    @property
    def held_back_percent(self) -> str:
        return number(self.held_back.share * 100, 0) if self.held_back else ""


def _missing_text(data: Data, code: str, rows: np.ndarray, column: int) -> list[str]:
    if column < 0:
        return ["" for _ in rows]
    reasons = data.series[code].missing[rows, column]
    labels = {i: str(Missing(c).label) for i, c in enumerate(MISSING_CODES) if c}
    return [labels.get(int(r), "") for r in reasons]


def _selection(data: Data, filters: Filters, row: int | None, bands: np.ndarray) -> np.ndarray:
    frame = data.frame
    mask = np.ones(len(frame), dtype=bool)
    if filters.oblast:
        mask &= frame.oblast_ids == filters.oblast
    if filters.hromada_type:
        mask &= frame.types == filters.hromada_type
    if filters.band:
        index = next((i for i, b in enumerate(BANDS) if b.code == filters.band), -2)
        mask &= bands == index
    members_only = filters.members if filters.members is not None else bool(frame.members.any())
    if members_only:
        mask &= frame.members
    return mask


def _histogram(values: np.ndarray, selected: float | None) -> dict[str, object]:
    chosen = values[~np.isnan(values)]
    if len(chosen) == 0:
        return {"labels": [], "counts": [], "selected": None}
    counts, edges = np.histogram(chosen, bins=min(HISTOGRAM_BINS, max(len(chosen), 1)))
    return {
        "edges": [plain(e) for e in edges],
        "counts": [int(c) for c in counts],
        "selected": selected,
        "selected_bin": (
            int(np.clip(np.searchsorted(edges, selected, side="right") - 1, 0, len(counts) - 1))
            if selected is not None
            else None
        ),
    }


def _trend(
    data: Data, indicator: Indicator, row: int | None, oblast: int | None, per: bool
) -> dict[str, object]:
    """Ukraine, the oblast (of the highlighted hromada, or the filter) and the hromada, in the
    measure the page compares: per resident (per 1,000, per km²) where the indicator grows
    with size, so the country's total and one hromada's count never share an axis."""
    code = indicator.code
    whole = national(data, code)
    if row is not None and data.frame.oblast_ids[row] >= 0:
        oblast = int(data.frame.oblast_ids[row])
    if per:
        values = data.series[code].values
        population = data.series.get(POPULATION_CODE)
        area = data.series.get(fair.AREA_CODE)
        found = fair.denominators(
            population.values if population is not None else None,
            area.values if area is not None else None,
            data.years,
            len(data.frame),
        )
        everyone = np.zeros(len(data.frame), dtype=np.int64)
        country = fair.group_measures(values, found, indicator.compare_per, everyone, [0])[0]
        regional = (
            fair.group_measures(
                values, found, indicator.compare_per, data.frame.oblast_ids, [oblast]
            )[0]
            if oblast
            else None
        )
        own = data.series[code].compared[row] if row is not None else None
        note = fair.group_method_note(indicator)
    else:
        country = whole.values[0]
        regional = (
            aggregate(data, code, data.frame.oblast_ids, [oblast]).values[0] if oblast else None
        )
        own = data.series[code].values[row] if row is not None else None
        note = ""
    series: list[dict[str, object]] = [
        {"name": _("Ukraine (all hromadas)"), "values": [plain(v) for v in country]}
    ]
    if regional is not None and oblast:
        series.append(
            {"name": data.frame.oblast_name(oblast), "values": [plain(v) for v in regional]}
        )
    if own is not None and row is not None:
        series.append({"name": data.frame.name(row), "values": [plain(v) for v in own]})
    return {
        "years": list(data.years),
        "series": series,
        "reported": [int(v) for v in whole.reported[0]],
        "aggregable": whole.aggregable,
        "note": note,
    }


def _sorted(rows: list[RankRow], how: str) -> list[RankRow]:
    missing_last = float("inf")
    keys = {
        "rank": lambda r: (float(r.rank_here) if r.rank_here else missing_last, r.name),
        "-rank": lambda r: (-float(r.rank_here) if r.rank_here else missing_last, r.name),
        "name": lambda r: (sort_key(r.name), 0.0),
        "value": lambda r: (r.measure if r.measure is not None else missing_last, r.name),
        "-value": lambda r: (-r.measure if r.measure is not None else missing_last, r.name),
        "oblast": lambda r: (sort_key(r.oblast), sort_key(r.name)),
    }
    return sorted(rows, key=keys.get(how, keys["rank"]))


def ranking_page(indicator: Indicator, filters: Filters) -> RankingPage:
    frame = cached_frame()
    indicators = catalogue()
    indicators.setdefault(indicator.code, indicator)
    wanted = [indicator.code, POPULATION_CODE]
    if indicator.compare_per == ComparePer.KM2:
        wanted.append(fair.AREA_CODE)  # the trend's groups per km² (_trend)
    data = load_data(wanted, frame, indicators)
    series = data.series[indicator.code]
    values_all = series.values
    # The measure ranked, mapped and drawn: per resident, per 1,000 or per km² where the
    # indicator grows with size (hromada.analytics.fair), unless the raw value is asked for.
    per = bool(indicator.compare_per) and not filters.raw
    measures_all = series.compared if per else values_all
    groups = peers.saved_groups()
    bands = peers.population_bands(data)
    row = frame.row_of(filters.hromada) if filters.hromada else None
    selection = _selection(data, filters, row, bands)
    peer = peers.peer_mask(filters.peers, data, row, groups, bands) if filters.peers else None
    if peer is not None:
        selection &= peer
    # Occupied hromadas (Crimea included) are listed apart, never ranked with the others.
    comparable = selection & ~frame.occupied
    has_value = ~np.isnan(values_all).all(axis=0)
    latest = int(np.flatnonzero(has_value)[-1]) if has_value.any() else -1
    column = default_column(values_all, comparable)
    chosen = filters.year in data.years and filters.year is not None
    if chosen:
        column = data.year_index(filters.year)  # type: ignore[arg-type]
    year = data.years[column] if column >= 0 else None
    values = values_all[:, column] if column >= 0 else np.full(len(frame), np.nan)
    measures = measures_all[:, column] if column >= 0 else np.full(len(frame), np.nan)
    per_years = (
        series.per_year[:, column]
        if per and column >= 0 and series.per_year is not None
        else np.zeros(len(frame), dtype=np.int16)
    )
    measure_decimals = fair.decimals(indicator) if per else indicator.decimals
    population = data.series[POPULATION_CODE].values
    held_back = None if chosen or latest <= column else latest
    if filters.query:
        words = query_words(filters.query)
        names = zip(frame.names_uk, frame.names_en, frame.codes, strict=True)
        texts = [search_text_for(uk, en, code) for uk, en, code in names]
        shown = selection & np.array([all(w in t for w in words) for t in texts], dtype=bool)
    else:
        shown = selection
    everyone = rank(measures, ~frame.occupied, indicator.polarity)
    here = rank(measures, comparable, indicator.polarity)
    positions = np.flatnonzero(shown | (np.arange(len(frame)) == (row if row is not None else -1)))
    missing = _missing_text(data, indicator.code, positions, column)
    no_denominator = fair.missing_denominator(indicator)
    types = dict(HromadaType.choices)
    # Quartile colours need a direction and a measure comparable across sizes.
    colour = fair.coloured(indicator) and (per or not indicator.compare_per)
    # Names, oblast names and numbers in the active language, looked up once for all rows.
    labels, _order = frame.names()
    oblasts = {o: frame.oblast_name(o) for o in set(frame.oblast_ids[positions].tolist())}
    shown_values = numbers(values[positions], indicator.decimals)
    shown_measures = numbers(measures[positions], measure_decimals) if per else []
    rows = [
        RankRow(
            code=frame.codes[i],
            name=labels[i],
            oblast=oblasts[int(frame.oblast_ids[i])],
            type_label=str(types.get(str(frame.types[i]), "")),
            value=shown_values[n],
            raw=None if np.isnan(values[i]) else float(values[i]),
            compared=shown_measures[n] if per else "",
            measure=None if np.isnan(measures[i]) else float(measures[i]),
            per_year=str(int(per_years[i])) if per_years[i] else "",
            rank_all="" if np.isnan(everyone.rank[i]) else f"{everyone.rank[i]:.0f}",
            rank_here="" if np.isnan(here.rank[i]) else f"{here.rank[i]:.0f}",
            percentile="" if np.isnan(here.percentile[i]) else f"{here.percentile[i]:.0f}",
            quartile=int(here.quartile[i]) if colour else 0,
            selected=i == row,
            occupied=bool(frame.occupied[i]),
            missing=missing[n]
            or (_("occupied") if frame.occupied[i] else "")
            or (no_denominator if per and not np.isnan(values[i]) else ""),
        )
        for n, i in enumerate(positions)
    ]
    selected = next((r for r in rows if r.selected), None)
    return RankingPage(
        indicator=indicator,
        unit=unit_label(indicator.unit),
        measure_unit=fair.measure_unit(indicator) if per else unit_label(indicator.unit),
        measure_decimals=measure_decimals,
        method_note=fair.method_note(indicator) if per else "",
        coloured=colour,
        year=year,
        years=data.years,
        rows=_sorted(rows, filters.sort),
        shown=int(shown.sum()),
        reported=here.count,
        summary=summarise(measures, comparable),
        selected=selected,
        peer_choices=peers.choices(groups, relative=row is not None),
        peers_label=peers.peer_label(filters.peers, groups) if peer is not None else "",
        oblasts=sorted(
            ((pk, frame.oblast_name(pk)) for pk in frame.oblast_names), key=lambda o: sort_key(o[1])
        ),
        histogram=_histogram(measures[comparable], selected.measure if selected else None),
        map_values=[
            {"name": frame.codes[i], "value": plain(measures[i]), "label": labels[i]}
            for i in np.flatnonzero(selection)
        ],
        trend=_trend(data, indicator, row, filters.oblast, per),
        data_version=data.version,
        coverage=coverage(values_all, comparable, population, column),
        members_only=filters.members if filters.members is not None else bool(frame.members.any()),
        held_back_year=data.years[held_back] if held_back is not None else None,
        held_back=(
            coverage(values_all, comparable, population, held_back)
            if held_back is not None
            else None
        ),
        ready=data.snapshot_id is not None,
    )
