"""Synthetic territories, indicators and values, deterministic from a seed (pure NumPy).

The shape follows the KATOTTG codifier: oblasts > raions > hromadas with 19-character codes.
Values are correlated with population: counts and money scale with it, percentages drift
with its logarithm; about 5% of the values are missing ("not reported").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

OBLASTS = 25
RAIONS = 136
NATIONAL_HROMADAS = 1469
FIRST_YEAR = 2011
YEARS = 15
MISSING_SHARE = 0.05
AREAS = (
    ("demography", "Демографія", "Demography"),
    ("budget", "Бюджет", "Budget"),
    ("education", "Освіта", "Education"),
    ("health", "Охорона здоров'я", "Health care"),
    ("economy", "Економіка", "Economy"),
    ("infrastructure", "Інфраструктура", "Infrastructure"),
    ("social", "Соціальний захист", "Social protection"),
    ("environment", "Довкілля", "Environment"),
    ("governance", "Врядування", "Governance"),
    ("safety", "Безпека", "Safety"),
)
# kind: (unit, value type, decimals, aggregation)
KINDS = {
    "count": ("persons", "integer", 0, "sum"),
    "money": ("thousand UAH", "decimal", 1, "sum"),
    "percent": ("%", "percent", 1, "weighted_mean"),
    "rate": ("per 1,000 residents", "decimal", 2, "weighted_mean"),
}
POPULATION = "demography.population"


@dataclass(frozen=True)
class Territories:
    """Ids are assigned here (oblasts first, then raions, then hromadas), so values can
    refer to them without reading the database back."""

    ids: IntArray
    codes: list[str]
    levels: list[str]
    parent: IntArray  # 0 for none
    oblast: IntArray  # 0 for none
    raion: IntArray  # 0 for none
    hromada_type: list[str]
    population: FloatArray  # hromadas only; NaN elsewhere

    def hromada_positions(self) -> IntArray:
        return np.flatnonzero(np.asarray(self.levels) == "hromada")


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    code: str
    area: int
    kind: str
    name_uk: str
    name_en: str
    polarity: str
    formula: str = ""


def _code(oblast: int, raion: int, hromada: int, serial: int) -> str:
    return f"UA{oblast:02d}{raion:02d}{hromada:03d}00000{serial:05d}"


def territories(hromadas: int, seed: int) -> Territories:
    """25 oblasts, 136 raions and `hromadas` (at least 136) spread unevenly over the raions."""
    rng = np.random.default_rng([seed, 1])
    raion_oblast = np.repeat(np.arange(1, OBLASTS + 1), [6] * 11 + [5] * 14)
    per_raion = 1 + rng.multinomial(hromadas - RAIONS, np.full(RAIONS, 1 / RAIONS))
    ids: list[int] = []
    codes: list[str] = []
    levels: list[str] = []
    parent: list[int] = []
    oblast: list[int] = []
    raion: list[int] = []
    for number in range(1, OBLASTS + 1):
        ids.append(number)
        codes.append(_code(number, 0, 0, number))
        levels.append("oblast")
        parent.append(0)
        oblast.append(0)
        raion.append(0)
    next_id = OBLASTS + 1
    raion_ids = np.arange(next_id, next_id + RAIONS)
    for position, oblast_id in enumerate(raion_oblast):
        number = int((raion_oblast[:position] == oblast_id).sum()) + 1
        ids.append(int(raion_ids[position]))
        codes.append(_code(int(oblast_id), number, 0, int(raion_ids[position])))
        levels.append("raion")
        parent.append(int(oblast_id))
        oblast.append(int(oblast_id))
        raion.append(0)
    next_id += RAIONS
    for position, count in enumerate(per_raion):
        raion_number = codes[int(raion_ids[position]) - 1][4:6]
        for hromada in range(1, int(count) + 1):
            ids.append(next_id)
            codes.append(_code(int(raion_oblast[position]), int(raion_number), hromada, next_id))
            levels.append("hromada")
            parent.append(int(raion_ids[position]))
            oblast.append(int(raion_oblast[position]))
            raion.append(int(raion_ids[position]))
            next_id += 1
    population = np.full(len(ids), np.nan)
    people = np.round(rng.lognormal(np.log(9000), 0.9, hromadas))
    population[-hromadas:] = np.maximum(people, 500)
    order = np.argsort(-population[-hromadas:])
    kinds = np.full(hromadas, "village", dtype=object)
    kinds[order[: hromadas // 10]] = "city"
    kinds[order[hromadas // 10 : hromadas * 35 // 100]] = "settlement"
    types = [""] * (len(ids) - hromadas) + [str(k) for k in kinds]
    return Territories(
        np.array(ids, dtype=np.int64),
        codes,
        levels,
        np.array(parent),
        np.array(oblast),
        np.array(raion),
        types,
        population,
    )


def indicators(count: int, seed: int) -> list[IndicatorSpec]:
    """`count` collected indicators over the areas; the first is the population."""
    rng = np.random.default_rng([seed, 2])
    kinds = list(KINDS)
    specs = [IndicatorSpec(1, POPULATION, 0, "count", "Населення", "Population", "neutral")]
    for number in range(1, count):
        area = number % len(AREAS)
        kind = kinds[int(rng.integers(len(kinds)))]
        code = f"{AREAS[area][0]}.{kind}_{number:03d}"
        polarity = ("higher", "lower", "neutral")[int(rng.integers(3))]
        name_uk = f"{AREAS[area][1]}: показник {number}"
        name_en = f"{AREAS[area][2]}: indicator {number}"
        specs.append(IndicatorSpec(number + 1, code, area, kind, name_uk, name_en, polarity))
    return specs


def _population_panel(people: FloatArray, rng: np.random.Generator) -> FloatArray:
    drift = rng.normal(-0.008, 0.01, len(people))
    years = np.arange(YEARS)
    noise = rng.lognormal(0, 0.01, (len(people), YEARS))
    return np.round(people[:, None] * (1 + drift[:, None]) ** years[None, :] * noise)


def value_panels(
    places: Territories, specs: list[IndicatorSpec], seed: int
) -> Iterator[tuple[IndicatorSpec, FloatArray]]:
    """Each indicator's values, hromadas x years, NaN where not reported; in spec order."""
    rng = np.random.default_rng([seed, 3])
    people = places.population[places.hromada_positions()]
    population = _population_panel(people, rng)
    years = np.arange(YEARS)[None, :]
    for spec in specs:
        if spec.code == POPULATION:
            values = population.copy()
        elif spec.kind in ("count", "money"):
            rate = rng.lognormal(np.log(0.05 if spec.kind == "count" else 8.0), 1.0)
            effect = rng.lognormal(0, 0.3, (len(people), 1))
            trend = (1 + rng.normal(0.02, 0.03)) ** years
            noise = rng.lognormal(0, 0.05, population.shape)
            values = population * rate * effect * trend * noise
        else:
            top = 100.0 if spec.kind == "percent" else 60.0
            level = rng.uniform(0.2, 0.8) * top + rng.normal(0, 2.0) * np.log(people / 9000)
            noise = rng.normal(0, top * 0.05, population.shape)
            values = np.clip(level[:, None] + noise + years * rng.normal(0, 0.3), 0, top)
        values = np.round(values, KINDS[spec.kind][2])
        values[rng.random(values.shape) < MISSING_SHARE] = np.nan
        yield spec, values
