"""Typed gaps in the demo panel: about 5% of the values are missing, each for a reason.

* not_applicable: the thing does not exist in the hromada (a village with no heating
  network), drawn per hromada from the profile's `not_applicable` shares, and inherited by
  the parts of a total that does not apply;
* not_collectable: hromadas under occupation, from the year the occupation began;
* not_reported (most of the rest) and confidential (rarely): random single values, enough
  to bring the whole panel to the target share.
"""

from __future__ import annotations

import numpy as np

from hromada.demo.generate import YEARS, Hromadas, Series
from hromada.demo.profiles import TYPES, Profile
from hromada.indicators.models import Missing

# Index 0 means "present"; the others are the typed reasons.
MISSING_CODES = (
    "",
    Missing.NOT_REPORTED,
    Missing.NOT_APPLICABLE,
    Missing.CONFIDENTIAL,
    Missing.NOT_COLLECTABLE,
)
NOT_REPORTED, NOT_APPLICABLE, CONFIDENTIAL, NOT_COLLECTABLE = 1, 2, 3, 4
TARGET_SHARE = 0.05
CONFIDENTIAL_SHARE = 0.06  # of the random gaps
# Without recorded war statuses, this share of the members in these oblasts is taken as
# occupied from 2022.
FRONTLINE_OBLASTS = ("Донецька", "Луганська", "Запорізька", "Херсонська")
FRONTLINE_SHARE = 0.2
OCCUPIED_FROM = 2022


def frontline_fallback(hromadas: Hromadas, rng: np.random.Generator) -> dict[int, int]:
    """A deterministic small set of 'occupied' hromadas: position -> first year."""
    eligible = [i for i, name in enumerate(hromadas.oblasts) if name in FRONTLINE_OBLASTS]
    count = round(len(eligible) * FRONTLINE_SHARE)
    chosen = rng.choice(eligible, size=count, replace=False).tolist() if count else []
    return {int(i): OCCUPIED_FROM for i in chosen}


def add_gaps(
    panel: dict[str, Series],
    profiles: dict[str, Profile],
    hromadas: Hromadas,
    occupied: dict[int, int],
    rng: np.random.Generator,
) -> None:
    """Mark gaps in place: the value becomes NaN (never 0) and `missing` holds the reason."""
    years = np.array(YEARS)
    uncollectable = np.zeros((len(hromadas), len(YEARS)), dtype=bool)
    for position, first_year in occupied.items():
        uncollectable[position] = years >= first_year
    absent: dict[str, np.ndarray] = {}
    for code, profile in profiles.items():
        share = np.zeros(len(hromadas))
        for name in TYPES:
            share[hromadas.types == name] = profile.not_applicable.get(name, 0.0)
        rows = rng.random(len(hromadas)) < share
        for anchor in (profile.parent, profile.applies_with):
            rows |= absent.get(anchor, False)
        absent[code] = rows
    for code, series in panel.items():
        series.missing[absent[code]] = NOT_APPLICABLE
        series.missing[uncollectable] = NOT_COLLECTABLE
    _random_gaps(panel, rng)
    for series in panel.values():
        gap = series.missing > 0
        series.values[gap] = np.nan
        if series.female is not None:
            series.female[gap] = np.nan


def _random_gaps(panel: dict[str, Series], rng: np.random.Generator) -> None:
    cells = sum(series.missing.size for series in panel.values())
    typed = sum(int(np.count_nonzero(series.missing)) for series in panel.values())
    rate = max(TARGET_SHARE * cells - typed, 0) / max(cells - typed, 1)
    for series in panel.values():
        draw = rng.random(series.missing.shape)
        # Some indicators are reported less reliably than others.
        own_rate = rate * rng.uniform(0.5, 1.5)
        free = series.missing == 0
        series.missing[free & (draw < own_rate * CONFIDENTIAL_SHARE)] = CONFIDENTIAL
        chosen = free & (draw >= own_rate * CONFIDENTIAL_SHARE) & (draw < own_rate)
        series.missing[chosen] = NOT_REPORTED
