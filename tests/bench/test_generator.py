"""The generator gives the same data for the same seed, in the KATOTTG shape."""

from __future__ import annotations

import numpy as np
from bench.formulas import recompute_set
from bench.generate import MISSING_SHARE, indicators, territories, value_panels

SEED = 7


def _values(seed: int) -> list[np.ndarray]:
    places = territories(150, seed)
    return [values for _, values in value_panels(places, indicators(12, seed), seed)]


def test_same_seed_gives_identical_territories_indicators_and_values() -> None:
    first, second = territories(150, SEED), territories(150, SEED)
    assert first.codes == second.codes
    assert np.array_equal(first.population, second.population, equal_nan=True)
    assert indicators(30, SEED) == indicators(30, SEED)
    for a, b in zip(_values(SEED), _values(SEED), strict=True):
        assert np.array_equal(a, b, equal_nan=True)


def test_another_seed_gives_other_values() -> None:
    assert not all(
        np.array_equal(a, b, equal_nan=True)
        for a, b in zip(_values(SEED), _values(SEED + 1), strict=True)
    )


def test_territories_follow_the_codifier_shape() -> None:
    places = territories(150, SEED)
    assert len(set(places.codes)) == len(places.codes)
    assert all(len(code) == 19 and code.startswith("UA") for code in places.codes)
    assert places.levels.count("oblast") == 25
    assert places.levels.count("raion") == 136
    assert places.levels.count("hromada") == 150
    hromadas = places.hromada_positions()
    assert {places.hromada_type[i] for i in hromadas} == {"city", "settlement", "village"}


def test_about_one_value_in_twenty_is_missing_and_counts_follow_population() -> None:
    places = territories(400, SEED)
    specs = indicators(40, SEED)
    panels = {spec.code: values for spec, values in value_panels(places, specs, SEED)}
    missing = np.mean([np.isnan(v).mean() for v in panels.values()])
    assert abs(missing - MISSING_SHARE) < 0.01
    population = panels["demography.population"][:, 0]
    counts = [s.code for s in specs if s.kind == "count" and s.code != "demography.population"]
    first = panels[counts[0]][:, 0]
    both = ~np.isnan(population) & ~np.isnan(first)
    assert np.corrcoef(np.log(population[both]), np.log(first[both] + 1))[0, 1] > 0.5


def test_the_recompute_set_has_forty_formulas_over_generated_codes() -> None:
    specs = indicators(500, SEED)
    work = recompute_set(specs, SEED)
    assert len(work.formulas) == 40
    known = {spec.code for spec in specs}
    assert set(work.how) <= known
