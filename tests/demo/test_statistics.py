from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from hromada.demo.generate import KYIV_CODE, YEARS
from hromada.demo.models import PlantedError
from hromada.demo.profiles import read_profiles
from hromada.demo.statistics import StatisticsSummary
from hromada.indicators.models import (
    Indicator,
    Missing,
    Observation,
    ObservationHistory,
    Status,
    ValueType,
)
from tests.demo.conftest import Country, Key, stored

pytestmark = pytest.mark.django_db


def planted_cells() -> set[tuple[int, str, int]]:
    """Hromada-years touched by a planted error, for each indicator."""
    return set(PlantedError.objects.values_list("territory_id", "indicator__code", "year"))


def clean(values: dict[Key, tuple[float | None, str, str]]) -> dict[Key, float]:
    touched = planted_cells()
    return {
        key: value
        for key, (value, _missing, _status) in values.items()
        if value is not None and key[:3] not in touched
    }


def test_every_base_indicator_gets_ten_years_for_every_member(demo: StatisticsSummary) -> None:
    """Every member has every year, except the open year of those that have not started."""
    base = Indicator.objects.filter(formula="")
    split = base.filter(by_sex=True).count()
    reporting = Observation.all_objects.filter(year=YEARS[-1]).values("territory").distinct()
    not_started = 10 - reporting.count()
    expected = (base.count() + 2 * split) * (10 * len(YEARS) - not_started)
    assert demo.hromadas == 10
    assert 0 < not_started < 5
    assert demo.values == expected
    assert Observation.all_objects.count() == expected
    assert not Observation.all_objects.filter(indicator__formula__gt="").exists()


def test_every_value_has_one_demo_history_row(demo: StatisticsSummary) -> None:
    history = ObservationHistory.objects.filter(reason=ObservationHistory.Reason.DEMO)
    assert history.count() == demo.values
    assert history.filter(observation__isnull=True).count() == 0


def test_kyiv_is_about_three_million_and_cities_outgrow_villages(
    demo: StatisticsSummary, demo_country: Country
) -> None:
    country = demo_country
    population = dict(
        Observation.all_objects.filter(
            indicator__code="demography.population", year=2023, sex=""
        ).values_list("territory__code", "value")
    )
    assert 2_700_000 < population[KYIV_CODE] < 3_100_000
    cities = [population[h.code] for h in country.cities]
    villages = [population[h.code] for h in country.villages[2:]]
    assert min(cities) > 0 and max(villages) < 3_500_000
    assert sorted(cities)[len(cities) // 2] > sorted(villages)[len(villages) // 2]


def test_about_five_percent_of_values_are_typed_gaps_and_none_is_a_zero(
    demo: StatisticsSummary,
) -> None:
    totals = Observation.all_objects.filter(sex="")
    gaps = totals.exclude(missing="")
    share = gaps.count() / totals.count()
    assert 0.04 < share < 0.065
    assert not gaps.filter(value__isnull=False).exists()
    reasons = Counter(gaps.values_list("missing", flat=True))
    assert reasons.most_common(1)[0][0] == Missing.NOT_REPORTED
    assert 0 < reasons[Missing.CONFIDENTIAL] < reasons[Missing.NOT_REPORTED] / 5


def test_values_are_inside_plausible_ranges_with_the_right_precision(
    demo: StatisticsSummary,
) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(formula="")}
    for (_t, code, _y, _s), value in clean(stored()).items():
        indicator = indicators[code]
        assert indicator.min_value is None or value >= indicator.min_value, code
        assert indicator.max_value is None or value <= indicator.max_value, code
        digits = 0 if indicator.value_type == ValueType.INTEGER else indicator.decimals
        assert round(value, digits) == pytest.approx(value, abs=1e-9), code


def test_parts_never_exceed_their_totals_and_sexes_add_up(demo: StatisticsSummary) -> None:
    values = stored()
    data = clean(values)
    touched = planted_cells()
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, profile in read_profiles().items():
        if profile.rule == "share_of":
            groups[(profile.parent, profile.group)].append(code)
    checked = 0
    for (territory, code, year, sex), total in data.items():
        if sex:
            continue
        for (parent, group), parts in groups.items():
            if parent != code or any((territory, p, year) in touched for p in parts):
                continue
            present = [data.get((territory, p, year, ""), 0.0) for p in parts]
            if group == "none":
                assert max(present) <= total + 1e-6, (code, parts)
            else:
                assert sum(present) <= total + 1e-6, (code, group)
            checked += 1
        female = data.get((territory, code, year, "f"))
        if female is not None:
            assert female + data[(territory, code, year, "m")] == pytest.approx(total)
    assert checked > 1000


def test_budget_parts_add_up_to_no_more_than_total_revenue(demo: StatisticsSummary) -> None:
    data = clean(stored())
    for (territory, code, year, _sex), total in data.items():
        if code == "budget.revenue.total":
            own = data.get((territory, "budget.revenue.own", year, ""), 0.0)
            transfers = data.get((territory, "budget.revenue.transfers", year, ""), 0.0)
            assert own + transfers <= total + 1e-6


def test_the_last_year_is_being_collected_and_earlier_years_are_published(
    demo: StatisticsSummary,
) -> None:
    earlier = set(Observation.all_objects.filter(year__lt=2024).values_list("status", flat=True))
    assert earlier == {Status.PUBLISHED}
    last = Observation.all_objects.filter(year=2024)
    assert set(last.values_list("status", flat=True)) <= {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.VERIFIED,
    }
    per_hromada = last.values("territory").distinct().count()
    assert 5 < per_hromada < 10  # the others have not started
    assert last.values("territory", "status").distinct().count() == per_hromada


def test_planted_errors_are_recorded_and_present_in_the_data(demo: StatisticsSummary) -> None:
    errors = list(PlantedError.objects.select_related("indicator"))
    assert demo.planted == len(errors) >= 35
    kinds = Counter(e.kind for e in errors)
    assert set(kinds) == set(PlantedError.Kind.values)
    values = stored()
    for error in errors:
        value, missing, _status = values[
            (error.territory_id, error.indicator.code, error.year, error.sex)
        ]
        assert missing == "" and value == error.planted_value != error.original_value
    assert sum(e.year == 2024 for e in errors) > len(errors) * 0.6
    for error in errors:
        if error.kind == PlantedError.Kind.UNIT_SLIP:
            assert error.planted_value == pytest.approx(error.original_value * 1000)
        if error.kind == PlantedError.Kind.NEGATIVE:
            assert error.planted_value < 0
