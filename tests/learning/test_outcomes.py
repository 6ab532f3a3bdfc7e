"""A practice's outcome: the hromada's published series against its peers, and the
difference-in-differences estimate, checked with numbers worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator
from hromada.learning.outcomes import outcome
from hromada.territories.models import HromadaType, Territory
from tests import factories
from tests.indicators.factories import make_indicator

START = 2020


def put(hromada: Territory, indicator: Indicator, values: dict[int, float], **kw: str) -> None:
    rows = [ValueInput(hromada.pk, indicator.pk, y, "", v, "") for y, v in values.items()]
    record_observations(rows, by=None, reason="import", status=kw.get("status", "published"))


@pytest.fixture
def setting(db: None) -> dict[str, Territory | Indicator]:
    raion = factories.make_raion(factories.make_oblast())
    population = make_indicator("demography.population", hard_min=0.0)
    measure = make_indicator("budget.own_per_capita", area="budget")
    made = {name: factories.make_hromada(raion) for name in ("own", "a", "b", "c", "big", "draft")}
    made["city"] = factories.make_hromada(raion, hromada_type=HromadaType.CITY)
    for name, hromada in made.items():
        put(hromada, population, {START - 1: 30_000.0 if name == "big" else 8_000.0})
    own = {2017: 10, 2018: 12, 2019: 14, 2020: 100, 2021: 20, 2022: 22, 2023: 24}
    put(made["own"], measure, own)
    put(made["a"], measure, {2017: 10, 2018: 10, 2019: 10, 2021: 13, 2022: 13, 2023: 13})
    put(made["b"], measure, {2017: 20, 2018: 20, 2021: 21})
    put(made["c"], measure, {2017: 30, 2018: 30, 2019: 30})  # stopped reporting: no "after"
    put(made["big"], measure, {2017: 1, 2021: 1000})  # another population band
    put(made["city"], measure, {2017: 1, 2021: 1000})  # another type
    put(made["draft"], measure, {2017: 1, 2021: 1000}, status="draft")  # not published
    return {**made, "measure": measure}


def test_the_estimate_is_the_own_change_minus_the_peers_mean_change(setting: dict) -> None:
    result = outcome(setting["measure"], setting["own"], START)
    # Own: before (10+12+14)/3 = 12, after (20+22+24)/3 = 22: +10. The start year's 100 is
    # in neither window. Peers with both windows: a (+3) and b (+1), mean +2. 10 - 2 = 8.
    assert (result.own_before, result.own_after) == (12, 22)
    assert (result.peers_before, result.peers_after) == (15, 17)
    assert result.estimate == pytest.approx(8)
    assert result.peers == 2
    assert result.peer_spread == pytest.approx(2**0.5)
    assert result.years == [2017, 2018, 2019, 2020, 2021, 2022, 2023]
    assert result.own[3] == 100
    # The peers' line is the mean of every peer reporting that year (c included in 2017).
    assert result.peers_mean[0] == pytest.approx(20)
    assert result.peers_mean[4] == pytest.approx(17)
    assert any("Лише 2 подібних" in note for note in result.caveats)


def test_an_adopter_is_left_out_of_the_peers(setting: dict) -> None:
    result = outcome(setting["measure"], setting["own"], START, excluded={setting["a"].pk})
    assert result.peers == 1 and result.estimate == pytest.approx(10 - 1)


def test_without_values_after_the_start_there_is_no_estimate(setting: dict) -> None:
    result = outcome(setting["measure"], setting["c"], START)
    assert result.estimate is None and result.own_after is None
    assert any("Немає опублікованих значень" in note for note in result.caveats)


def test_a_practice_reads_its_outcomes_in_the_same_queries_for_more_indicators_and_adopters(
    setting: dict, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hromada.learning.models import Adoption, Practice
    from hromada.learning.outcomes import practice_outcomes

    practice = Practice.objects.create(
        title="Практика",
        hromada=setting["own"],
        problem="…",
        solution="…",
        results="…",
        start_year=START,
    )
    practice.target_indicators.set([setting["measure"]])
    with CaptureQueriesContext(connection) as one:
        assert len(practice_outcomes(practice)) == 1
    other = make_indicator("budget.other_per_capita", area="budget")
    put(setting["a"], other, {2017: 1, 2021: 2})
    practice.target_indicators.add(other)
    Adoption.objects.create(practice=practice, hromada=setting["b"], year=2019)
    Adoption.objects.create(practice=practice, hromada=setting["c"], year=2021)
    with django_assert_num_queries(len(one)):
        found = practice_outcomes(practice)
    assert len(found) == 6
    # The figures are those of the single outcome read alone.
    alone = outcome(
        setting["measure"], setting["own"], START, excluded={setting["b"].pk, setting["c"].pk}
    )
    same = next(o for o in found if o.indicator == setting["measure"] and o.start_year == START)
    assert (same.estimate, same.peers, same.own) == (alone.estimate, alone.peers, alone.own)
