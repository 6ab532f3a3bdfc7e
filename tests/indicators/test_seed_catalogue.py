"""The seed catalogue in the repository and `hromada load_catalogue`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hromada.indicators.catalogue_seed import SEED_DIR, read_seed
from hromada.indicators.catalogue_spec import Catalogue
from hromada.indicators.formula import check_formula, dependency_order, parse
from hromada.indicators.models import Area, Indicator, IndicatorVersion
from hromada.indicators.units import UNIT_LABELS
from tests.indicators.factories import write_seed

AREAS = {
    "demography",
    "economy",
    "budget_revenue",
    "budget_expenditure",
    "housing_utilities",
    "transport",
    "health",
    "education",
    "social",
    "culture_sport",
    "governance",
    "energy_environment",
    "safety",
}


@pytest.fixture(scope="module")
def seed() -> Catalogue:
    return read_seed()


def test_seed_has_at_least_150_base_and_40_derived_indicators(seed: Catalogue) -> None:
    derived = [spec for spec in seed.indicators if spec.formula]
    assert len(seed.indicators) - len(derived) >= 150
    assert len(derived) >= 40


def test_seed_has_one_file_per_area_of_the_statistics_programme(seed: Catalogue) -> None:
    assert {area.code for area in seed.areas} == AREAS
    assert {f.stem for f in SEED_DIR.glob("*.toml")} == AREAS
    assert len({area.order for area in seed.areas}) == len(AREAS)


def test_no_code_appears_twice_in_the_seed(seed: Catalogue) -> None:
    repeated = [code for code, n in Counter(s.code for s in seed.indicators).items() if n > 1]
    assert repeated == []


def test_every_seed_formula_is_valid_and_uses_only_seed_indicators(seed: Catalogue) -> None:
    known = {spec.code: spec.formula for spec in seed.indicators}
    for spec in seed.indicators:
        if spec.formula:
            references = check_formula(spec.formula, known, code=spec.code).references()
            assert references <= known.keys(), spec.code
            assert all(not known[code] for code in references), f"{spec.code} uses a derived input"
    assert len(dependency_order({c: f for c, f in known.items() if f})) >= 40


def test_population_is_an_indicator_like_any_other(seed: Catalogue) -> None:
    population = next(s for s in seed.indicators if s.code == "demography.population")
    assert population.by_sex and population.aggregation == "sum" and not population.formula
    users = [s for s in seed.indicators if "demography.population" in _refs(s.formula)]
    assert len(users) >= 20


def _refs(formula: str) -> frozenset[str]:
    return parse(formula).references() if formula else frozenset()


def test_some_seed_formulas_compare_with_the_previous_year(seed: Catalogue) -> None:
    growth = [s for s in seed.indicators if "lag(" in s.formula]
    assert {"demography.population_growth", "budget.revenue.own_growth"} <= {s.code for s in growth}


def test_every_name_and_definition_is_given_in_both_languages(seed: Catalogue) -> None:
    for spec in seed.indicators:
        for text in (spec.name_uk, spec.name_en, spec.definition_uk, spec.definition_en):
            assert len(text) >= 3, spec.code
        assert spec.definition_uk != spec.definition_en, spec.code
        assert any("а" <= ch <= "я" for ch in spec.definition_uk.lower()), spec.code
        english = spec.name_en + spec.definition_en
        assert not any("а" <= ch <= "я" for ch in english.lower()), spec.code
    for area in seed.areas:
        assert area.name_uk and area.name_en and area.description_uk and area.description_en


def test_derived_indicators_are_not_aggregated_and_base_ones_name_a_source(seed: Catalogue) -> None:
    for spec in seed.indicators:
        if spec.formula:
            assert spec.aggregation == "none", spec.code
        else:
            assert spec.source, spec.code
            assert spec.min_value is not None and spec.max_value is not None, spec.code


def test_every_seed_unit_is_shown_translated(seed: Catalogue) -> None:
    assert {spec.unit for spec in seed.indicators} <= UNIT_LABELS.keys()


@pytest.mark.django_db
def test_loading_the_real_seed_twice_writes_it_once() -> None:
    call_command("load_catalogue", verbosity=0)
    count = Indicator.objects.count()
    call_command("load_catalogue", verbosity=0)
    assert count == len(read_seed().indicators)
    assert Indicator.objects.count() == count
    assert IndicatorVersion.objects.count() == count
    assert Area.objects.count() == len(AREAS)
    assert set(Indicator.objects.values_list("version", flat=True)) == {1}


@pytest.mark.django_db
def test_a_changed_seed_definition_adds_a_version_and_keeps_the_code(tmp_path: Path) -> None:
    write_seed(tmp_path, [{"code": "demo.people"}])
    call_command("load_catalogue", path=tmp_path, verbosity=0)
    write_seed(tmp_path, [{"code": "demo.people", "name_uk": "Люди"}])
    call_command("load_catalogue", path=tmp_path, verbosity=0)
    indicator = Indicator.objects.get(code="demo.people")
    assert (indicator.version, indicator.name_uk) == (2, "Люди")
    versions = list(indicator.versions.order_by("version").values_list("version", "origin"))
    assert versions == [(1, "seed"), (2, "seed")]


@pytest.mark.django_db
def test_reloading_an_unchanged_seed_keeps_an_edit_made_on_the_site(tmp_path: Path) -> None:
    from hromada.indicators.catalogue_actions import update_indicator
    from hromada.indicators.catalogue_spec import spec_of

    write_seed(tmp_path, [{"code": "demo.people"}])
    call_command("load_catalogue", path=tmp_path, verbosity=0)
    indicator = Indicator.objects.get(code="demo.people")
    edited = spec_of(indicator).__class__(**{**spec_of(indicator).__dict__, "name_en": "People"})
    update_indicator(indicator, edited, by=None, reason="clearer")
    call_command("load_catalogue", path=tmp_path, verbosity=0)
    indicator.refresh_from_db()
    assert (indicator.name_en, indicator.version) == ("People", 2)


@pytest.mark.django_db
def test_an_unknown_code_in_a_formula_stops_the_load_naming_file_and_code(tmp_path: Path) -> None:
    write_seed(
        tmp_path,
        [{"code": "demo.people"}, {"code": "demo.share", "formula": "demo.people / demo.nobody"}],
    )
    with pytest.raises(CommandError) as error:
        call_command("load_catalogue", path=tmp_path, verbosity=0)
    assert "demo.toml" in str(error.value)
    assert "demo.share" in str(error.value) and "demo.nobody" in str(error.value)
    assert not Indicator.objects.exists() and not Area.objects.exists()


@pytest.mark.django_db
def test_a_cycle_of_formulas_stops_the_load(tmp_path: Path) -> None:
    write_seed(
        tmp_path,
        [{"code": "demo.a", "formula": "demo.b * 2"}, {"code": "demo.b", "formula": "demo.a / 2"}],
    )
    with pytest.raises(CommandError, match=re.escape("demo.a → demo.b → demo.a")):
        call_command("load_catalogue", path=tmp_path, verbosity=0)
    assert not Indicator.objects.exists()


def test_a_malformed_seed_file_is_reported_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("[area\ncode = 1", encoding="utf-8")
    with pytest.raises(Exception, match=re.escape("broken.toml")):
        read_seed(tmp_path)
