"""The whole demo panel: clean values for every base indicator of every member hromada."""

from __future__ import annotations

import numpy as np

from hromada.demo.generate import (
    Hromadas,
    Series,
    female_part,
    finish,
    population,
    raw_values,
    share_values,
)
from hromada.demo.profiles import Profile
from hromada.indicators.models import Indicator


def build_panel(
    hromadas: Hromadas,
    indicators: dict[str, Indicator],
    profiles: dict[str, Profile],
    rng: np.random.Generator,
) -> dict[str, Series]:
    """Series for every indicator in `indicators`, generated in the profiles' order.

    Profiles of indicators absent from `indicators` (a partial catalogue) are still
    generated when others depend on them, but are not returned.
    """
    if set(indicators) - set(profiles):
        raise LookupError(f"no demo profile for {sorted(set(indicators) - set(profiles))}")
    people = population(hromadas, rng)
    values: dict[str, np.ndarray] = {}
    for code, profile in profiles.items():
        if code in values:
            continue
        if profile.rule == "share_of":
            siblings = [
                p for p in profiles.values() if p.parent == profile.parent and p.rule == "share_of"
            ]
            raw = share_values(siblings, hromadas, values[profile.parent], rng)
            for sibling, value in zip(siblings, raw, strict=True):
                values[sibling.code] = _finish(value, sibling, indicators)
            continue
        value = raw_values(profile, hromadas, values, people, rng)
        values[code] = _finish(value, profile, indicators)
    panel = {}
    for code, indicator in indicators.items():
        series = Series(indicator, values[code], np.zeros(values[code].shape, dtype=np.int8))
        if indicator.by_sex:
            series.female = female_part(series.values, profiles[code], indicator, rng)
        panel[code] = series
    return panel


def _finish(value: np.ndarray, profile: Profile, indicators: dict[str, Indicator]) -> np.ndarray:
    indicator = indicators.get(profile.code)
    if indicator is None:  # only an intermediate step here: keep it unrounded
        return value
    return finish(value, profile, indicator)
