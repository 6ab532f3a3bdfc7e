"""What a practice did to the indicators it targets: the hromada's published series before and
after the start year against its peers, with a difference-in-differences estimate.

Peers are hromadas of the same type and population band (the population published for the
year before the start), without the practice's own hromada and its adopters. The estimate is

    (own mean after - own mean before) - mean over peers of (peer mean after - peer mean before)

with "before" the up to three years before the start year and "after" the start year's next
up to three years. The start year itself is a transition year and belongs to neither window.
Only peers with a value in both windows count, so a peer that stopped reporting does not shift
the comparison. It reads published values only. It is a description, not proof: the caveats
say what could make it wrong.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from hromada.indicators.models import Indicator, Observation, Sex
from hromada.indicators.population_bands import POPULATION_CODE, band_of
from hromada.learning.models import Practice
from hromada.territories.models import Territory

WINDOW = 3
FEW_PEERS = 10


@dataclass(frozen=True)
class Outcome:
    """One hromada's series for one indicator against its peers, and the estimate."""

    indicator: Indicator
    hromada: Territory
    start_year: int
    years: list[int]
    own: list[float | None]
    peers_mean: list[float | None]
    peers: int
    band: str
    own_before: float | None = None
    own_after: float | None = None
    peers_before: float | None = None
    peers_after: float | None = None
    estimate: float | None = None
    peer_spread: float | None = None
    caveats: list[str] = field(default_factory=list)

    @property
    def own_change(self) -> float | None:
        if self.own_before is None or self.own_after is None:
            return None
        return self.own_after - self.own_before

    @property
    def peers_change(self) -> float | None:
        if self.peers_before is None or self.peers_after is None:
            return None
        return self.peers_after - self.peers_before


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _windows(start_year: int) -> tuple[range, range]:
    return range(start_year - WINDOW, start_year), range(start_year + 1, start_year + 1 + WINDOW)


@dataclass(frozen=True)
class _Data:
    """What the outcomes of a practice read, in three queries whatever the number of target
    indicators and adopters: the hromadas and their types, the populations of the years before
    the starts, and the published values of the target indicators around the starts."""

    kinds: dict[int, str]
    population: dict[tuple[int, int], float]
    values: dict[tuple[int, int], dict[int, float]]  # (indicator, territory) -> year -> value


def _load(indicator_ids: list[int], who: list[tuple[Territory, int]]) -> _Data:
    if not who or not indicator_ids:
        return _Data({}, {}, {})
    hromadas = Territory.objects.hromadas().valid()
    kinds = dict(hromadas.values_list("pk", "hromada_type"))
    population = {
        (territory_id, year): value
        for territory_id, year, value in Observation.objects.filter(
            indicator__code=POPULATION_CODE,
            year__in={year - 1 for _hromada, year in who},
            sex=Sex.TOTAL,
            value__isnull=False,
        ).values_list("territory_id", "year", "value")
        if value is not None
    }
    first = min(year for _hromada, year in who) - WINDOW
    last = max(year for _hromada, year in who) + WINDOW
    values: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    rows = Observation.objects.filter(
        Q(territory__in=hromadas) | Q(territory_id__in={hromada.pk for hromada, _y in who}),
        indicator_id__in=indicator_ids,
        sex=Sex.TOTAL,
        value__isnull=False,
        year__gte=first,
        year__lte=last,
    ).values_list("indicator_id", "territory_id", "year", "value")
    for indicator_id, territory_id, year, value in rows:
        if value is not None:
            values[(indicator_id, territory_id)][year] = value
    return _Data(kinds, population, values)


def _peer_ids(
    data: _Data, hromada: Territory, start_year: int, excluded: set[int]
) -> tuple[set[int], str]:
    """Hromadas of the same type and population band; the band's label ('' when unknown)."""
    ids = {
        pk
        for pk, kind in data.kinds.items()
        if pk not in excluded and (not hromada.hromada_type or kind == hromada.hromada_type)
    }
    year = start_year - 1
    own_band = band_of(data.population.get((hromada.pk, year)))
    if own_band is None:
        return ids, ""
    peers = {pk for pk in ids if band_of(data.population.get((pk, year))) == own_band}
    return peers, str(own_band.label)


def outcome(
    indicator: Indicator, hromada: Territory, start_year: int, *, excluded: set[int] | None = None
) -> Outcome:
    """The hromada's series and its peers', both windows' means and the estimate."""
    data = _load([indicator.pk], [(hromada, start_year)])
    return _outcome(data, indicator, hromada, start_year, excluded or set())


def _outcome(
    data: _Data, indicator: Indicator, hromada: Territory, start_year: int, excluded: set[int]
) -> Outcome:
    excluded = {hromada.pk, *excluded}
    peer_ids, band = _peer_ids(data, hromada, start_year, excluded)
    before, after = _windows(start_year)
    years = list(range(before.start, after.stop))

    def window(territory_id: int) -> dict[int, float]:
        found = data.values.get((indicator.pk, territory_id), {})
        return {year: value for year, value in found.items() if before.start <= year < after.stop}

    own = window(hromada.pk)
    series = {pk: values for pk in peer_ids if (values := window(pk))}
    by_year: dict[int, list[float]] = defaultdict(list)
    for values in series.values():
        for year, value in values.items():
            by_year[year].append(value)
    changes = []
    for values in series.values():
        peer_before = _mean([values[y] for y in before if y in values])
        peer_after = _mean([values[y] for y in after if y in values])
        if peer_before is not None and peer_after is not None:
            changes.append((peer_before, peer_after))
    own_before = _mean([own[y] for y in before if y in own])
    own_after = _mean([own[y] for y in after if y in own])
    peers_before = _mean([b for b, _a in changes])
    peers_after = _mean([a for _b, a in changes])
    estimate = None
    if (
        own_before is not None
        and own_after is not None
        and peers_before is not None
        and peers_after is not None
    ):
        estimate = (own_after - own_before) - (peers_after - peers_before)
    return Outcome(
        indicator=indicator,
        hromada=hromada,
        start_year=start_year,
        years=years,
        own=[own.get(year) for year in years],
        peers_mean=[_mean(by_year[year]) for year in years],
        peers=len(changes),
        band=band,
        own_before=own_before,
        own_after=own_after,
        peers_before=peers_before,
        peers_after=peers_after,
        estimate=estimate,
        peer_spread=_spread([a - b for b, a in changes]),
        caveats=_caveats(own, changes, before, after, band),
    )


def _spread(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _caveats(
    own: dict[int, float],
    changes: list[tuple[float, float]],
    before: range,
    after: range,
    band: str,
) -> list[str]:
    notes = [
        _(
            "The estimate assumes the hromada would have moved like its peers without the "
            "practice; other changes in the same years are not separated out."
        )
    ]
    if not any(y in own for y in before) or not any(y in own for y in after):
        notes.append(
            _("There are no published values on both sides of the start year: no estimate.")
        )
    elif sum(y in own for y in before) < WINDOW or sum(y in own for y in after) < WINDOW:
        notes.append(_("Fewer than three published years on one side of the start year."))
    if len(changes) < FEW_PEERS:
        notes.append(
            _("Only %(count)s peers have values on both sides; the comparison is fragile.")
            % {"count": len(changes)}
        )
    if not band:
        notes.append(
            _(
                "The population is not published for the year before the start: peers are "
                "hromadas of the same type of every size."
            )
        )
    return notes


def practice_outcomes(practice: Practice) -> list[Outcome]:
    """Every target indicator for the originating hromada (from the start year) and for each
    adopter (from its year of adoption); without a start year only the adopters'."""
    adoptions = list(practice.adoptions.select_related("hromada"))
    involved = {practice.hromada_id, *(a.hromada_id for a in adoptions)}
    who = [(a.hromada, a.year) for a in adoptions]
    if practice.start_year:
        who.insert(0, (practice.hromada, practice.start_year))
    indicators = list(practice.target_indicators.all())
    data = _load([indicator.pk for indicator in indicators], who)
    return [
        _outcome(data, indicator, hromada, year, involved)
        for indicator in indicators
        for hromada, year in who
    ]
