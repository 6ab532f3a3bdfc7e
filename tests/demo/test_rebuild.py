"""Building the demo values again: determinism, occupation statuses, rebuilding."""

from __future__ import annotations

import numpy as np
import pytest

from hromada.demo.gaps import frontline_fallback
from hromada.demo.generate import Hromadas
from hromada.demo.models import PlantedError
from hromada.demo.panel import build_panel
from hromada.demo.profiles import read_profiles
from hromada.demo.statistics import build_demo_statistics, member_panel_hromadas
from hromada.demo.writer import DEMO_SOURCE
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Missing, Observation, ObservationHistory
from hromada.territories.models import TerritoryStatus, WarStatus
from tests.demo.conftest import SEED, Country, day, stored
from tests.indicators.factories import make_indicator


@pytest.mark.django_db
def test_the_same_seed_gives_identical_values(country: Country, catalogue: None) -> None:
    build_demo_statistics(SEED)
    first = stored()
    planted = sorted(PlantedError.objects.values_list("territory_id", "indicator_id", "year"))
    build_demo_statistics(SEED)
    assert stored() == first
    assert sorted(PlantedError.objects.values_list("territory_id", "indicator_id", "year")) == (
        planted
    )


@pytest.mark.django_db
def test_another_seed_gives_other_values(country: Country, catalogue: None) -> None:
    hromadas = member_panel_hromadas()
    indicators = {i.code: i for i in Indicator.objects.filter(formula="")}

    def population(seed: int) -> np.ndarray:
        rng = np.random.Generator(np.random.PCG64(seed))
        panel = build_panel(hromadas, indicators, read_profiles(), rng)
        return panel["demography.population"].values

    assert np.array_equal(population(SEED), population(SEED))
    assert not np.array_equal(population(SEED), population(SEED + 1))


@pytest.mark.django_db
def test_a_hromada_under_occupation_cannot_report_from_the_year_it_began(
    country: Country, catalogue: None
) -> None:
    occupied = country.frontline[1]
    TerritoryStatus.objects.create(
        territory=occupied, status=WarStatus.OCCUPIED, start_date=day(2022)
    )
    build_demo_statistics(SEED)
    rows = Observation.all_objects.filter(territory=occupied, sex="")
    assert set(rows.filter(year__gte=2022).values_list("missing", flat=True)) == {
        Missing.NOT_COLLECTABLE
    }
    assert not rows.filter(year__lt=2022, missing=Missing.NOT_COLLECTABLE).exists()
    others = Observation.all_objects.exclude(territory=occupied)
    assert not others.filter(missing=Missing.NOT_COLLECTABLE).exists()


@pytest.mark.django_db
def test_rebuilding_replaces_the_demo_values_and_keeps_the_others(
    country: Country, catalogue: None
) -> None:
    indicator = Indicator.objects.get(code="demography.population")
    outsider = country.cities[0].parent  # a raion: never a demo member
    assert outsider is not None
    record_observations(
        [ValueInput(outsider.pk, indicator.pk, 2024, "", 12345.0, "")],
        by=None,
        reason=ObservationHistory.Reason.IMPORT,
        source="Держстат",
    )
    first = build_demo_statistics(SEED)
    again = build_demo_statistics(SEED)
    assert first.values == again.values
    assert Observation.all_objects.filter(source=DEMO_SOURCE).count() == again.values
    kept = Observation.all_objects.get(territory=outsider)
    assert kept.value == 12345.0
    assert kept.history.filter(reason=ObservationHistory.Reason.IMPORT).count() == 1


def test_without_war_statuses_a_fifth_of_the_frontline_members_is_taken_as_occupied() -> None:
    names = ("Донецька",) * 10 + ("Полтавська",) * 10
    hromadas = Hromadas(
        ids=np.arange(20, dtype=np.int64),
        codes=tuple(f"UA{i:017d}" for i in range(20)),
        types=np.array(["village"] * 20),
        settlements=np.zeros(20, dtype=np.int64),
        big=np.zeros(20, dtype=bool),
        oblasts=names,
    )
    chosen = frontline_fallback(hromadas, np.random.Generator(np.random.PCG64(1)))
    assert len(chosen) == 2
    assert all(names[position] == "Донецька" for position in chosen)
    assert set(chosen.values()) == {2022}
    assert frontline_fallback(hromadas, np.random.Generator(np.random.PCG64(1))) == chosen


@pytest.mark.django_db
def test_an_indicator_added_on_the_site_without_a_profile_gets_no_demo_values(
    country: Country, catalogue: None
) -> None:
    added = make_indicator("demography.pets", area="demography")
    summary = build_demo_statistics(SEED)
    assert summary.indicators == Indicator.objects.filter(formula="").count() - 1
    assert not Observation.all_objects.filter(indicator=added).exists()
