"""Clean synthetic values for every base indicator, vectorised with NumPy.

One array per indicator, hromadas × years. Population comes first (lognormal by hromada
type, a slow trend); every other indicator follows its profile (see profiles.py). Parts
never exceed their totals, values stay inside the plausible range and have the
indicator's precision. Gaps and planted errors are added afterwards (gaps.py, planted.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from hromada.demo.profiles import BASE_YEAR, TYPES, Profile
from hromada.indicators.models import Indicator, ValueType

YEARS = tuple(range(2015, 2025))
KYIV_CODE = "UA80000000000093317"
KYIV_POPULATION = 2_900_000
# Median population and spread (sigma of the logarithm) by hromada type; big cities are
# the city hromadas divided into city districts.
POPULATION = {
    "big": (700_000.0, 0.5),
    "city": (38_000.0, 0.7),
    "settlement": (11_000.0, 0.4),
    "village": (6_500.0, 0.45),
}
TYPICAL_SETTLEMENTS = {"city": 8, "settlement": 15, "village": 20}
# Yearly population growth by type: cities about stable, the rest declining slowly.
GROWTH = {"city": (-0.002, 0.004), "settlement": (-0.008, 0.004), "village": (-0.012, 0.005)}
FEMALE_NOISE = 0.01

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Hromadas:
    """The member hromadas, one position per hromada in every array."""

    ids: NDArray[np.int64]
    codes: tuple[str, ...]
    types: NDArray[np.str_]  # city / settlement / village
    settlements: NDArray[np.int64]  # settlements in the codifier (0 when unknown)
    big: NDArray[np.bool_]
    oblasts: tuple[str, ...]  # oblast name in Ukrainian

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Series:
    indicator: Indicator
    values: Floats  # hromadas × years; NaN where missing
    missing: NDArray[np.int8]  # 0 present, otherwise an index into gaps.MISSING_CODES
    female: Floats | None = None  # the female part of `values` for indicators split by sex

    @property
    def male(self) -> Floats | None:
        return None if self.female is None else self.values - self.female


def _type_vector(hromadas: Hromadas, table: dict[str, float], default: float) -> Floats:
    out = np.full(len(hromadas), default)
    for name in TYPES:
        out[hromadas.types == name] = table.get(name, default)
    return out


def population(hromadas: Hromadas, rng: np.random.Generator) -> Floats:
    kind = np.where(hromadas.big, "big", hromadas.types)
    median = np.array([POPULATION[k][0] for k in kind])
    sigma = np.array([POPULATION[k][1] for k in kind])
    typical = np.array([TYPICAL_SETTLEMENTS[t] for t in hromadas.types])
    known = np.where(hromadas.settlements > 0, hromadas.settlements, typical)
    base = median * np.exp(rng.normal(0.0, 1.0, len(hromadas)) * sigma)
    base *= (known / typical) ** 0.35
    base[np.array([code == KYIV_CODE for code in hromadas.codes], dtype=bool)] = KYIV_POPULATION
    mean = np.array([GROWTH[t][0] for t in hromadas.types])
    spread = np.array([GROWTH[t][1] for t in hromadas.types])
    growth = rng.normal(mean, spread)
    offset = np.array(YEARS) - BASE_YEAR
    noise = np.exp(rng.normal(0.0, 0.003, (len(hromadas), len(YEARS))))
    trend = np.exp(growth[:, None] * offset[None, :])
    return np.asarray(np.maximum(base[:, None] * trend * noise, 300.0), dtype=np.float64)


def _trend(profile: Profile) -> Floats:
    return np.asarray(profile.trend ** (np.array(YEARS) - BASE_YEAR), dtype=np.float64)


def _noise(profile: Profile, rng: np.random.Generator, size: int) -> Floats:
    effect = np.exp(rng.normal(0.0, profile.hromada_spread, size))[:, None]
    if profile.fixed:
        return np.repeat(effect, len(YEARS), axis=1)
    return effect * np.exp(rng.normal(0.0, profile.noise, (size, len(YEARS))))


def raw_values(
    profile: Profile,
    hromadas: Hromadas,
    done: dict[str, Floats],
    people: Floats,
    rng: np.random.Generator,
) -> Floats:
    """Unrounded values of one indicator from its rule (share_of is handled by siblings)."""
    factor = _type_vector(hromadas, profile.type_factor, 1.0)[:, None]
    if profile.rule == "population":
        return people
    if profile.rule == "settlements":
        drawn = 1 + rng.poisson([TYPICAL_SETTLEMENTS[t] for t in hromadas.types])
        count = np.where(hromadas.settlements > 0, hromadas.settlements, drawn)
        return np.repeat(count[:, None].astype(float), len(YEARS), axis=1)
    if profile.rule == "remainder_of":
        parts = sum((done[code] for code in profile.minus), np.zeros_like(people))
        return np.asarray(np.maximum(done[profile.parent] - parts, 0.0))
    if profile.rule == "mean":
        size = len(hromadas)
        effect = rng.normal(0.0, profile.spread, size)[:, None]
        yearly = 0.0 if profile.fixed else rng.normal(0.0, profile.spread * 0.3, (size, len(YEARS)))
        return np.asarray((profile.rate * factor + effect + yearly) * _trend(profile))
    base = people[:, -1:] if profile.fixed else people
    scale = (base / 10_000.0) ** (profile.elasticity - 1.0)
    value = base / 1000.0 * profile.rate * scale * factor * _trend(profile)
    return np.asarray(value * _noise(profile, rng, len(hromadas)))


def share_values(
    siblings: list[Profile], hromadas: Hromadas, parent: Floats, rng: np.random.Generator
) -> list[Floats]:
    """Parts of one total; parts of one group never add up to more than the total."""
    values = []
    for profile in siblings:
        factor = _type_vector(hromadas, profile.type_factor, 1.0)[:, None]
        share = profile.rate * factor * _trend(profile) * _noise(profile, rng, len(hromadas))
        values.append(parent * np.minimum(share, 1.0))
    for group in {p.group for p in siblings} - {"none"}:
        members = [i for i, p in enumerate(siblings) if p.group == group]
        total = np.sum([values[i] for i in members], axis=0)
        excess = np.where(total > parent, parent / np.maximum(total, 1e-9) * 0.98, 1.0)
        for i in members:
            values[i] = values[i] * excess
    return values


def finish(values: Floats, profile: Profile, indicator: Indicator) -> Floats:
    """Inside the plausible range, at the indicator's precision; parts rounded down."""
    if profile.since:
        values = np.where(np.array(YEARS)[None, :] < profile.since, 0.0, values)
    low = indicator.min_value if indicator.min_value is not None else -np.inf
    high = indicator.max_value if indicator.max_value is not None else np.inf
    values = np.clip(values, low, high)
    digits = 0 if indicator.value_type == ValueType.INTEGER else indicator.decimals
    scale = 10.0**digits
    rounding = np.floor if profile.rule in ("share_of", "remainder_of") else np.round
    return np.asarray(np.clip(rounding(values * scale) / scale, low, high))


def female_part(
    values: Floats, profile: Profile, indicator: Indicator, rng: np.random.Generator
) -> Floats:
    share = np.clip(profile.female + rng.normal(0.0, FEMALE_NOISE, values.shape), 0.0, 1.0)
    digits = 0 if indicator.value_type == ValueType.INTEGER else indicator.decimals
    scale = 10.0**digits
    return np.asarray(np.minimum(np.round(values * share * scale) / scale, values))
