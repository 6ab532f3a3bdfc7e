"""The query helpers other apps call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from hromada.territories import queries
from hromada.territories.models import Territory
from tests.territories import factories as f

pytestmark = pytest.mark.django_db


def test_get_by_code_accepts_any_case_and_raises_404_for_unknown_codes() -> None:
    tree = f.make_tree()
    assert queries.get_by_code(f" {f.CITY.lower()} ") == tree["city"]
    with pytest.raises(Http404):
        queries.get_by_code("UA00000000000000000")


def test_ancestors_run_from_the_oblast_down() -> None:
    f.make_tree()
    city = queries.get_by_code(f.CITY)
    assert [t.code for t in queries.ancestors(city)] == [f.OBLAST, f.RAION, f.HROMADA]


def test_hromadas_in_an_oblast_a_raion_or_a_hromada_itself() -> None:
    tree = f.make_tree()
    retired = f.make_territory(
        "UA05020050000012345",
        "H",
        "Колишня",
        tree["raion"],
        oblast=tree["oblast"],
        raion=tree["raion"],
    )
    Territory.objects.filter(pk=retired.pk).update(valid_to=dt.date(2024, 1, 1))
    assert queries.hromadas_in(tree["oblast"]) == [tree["hromada"]]
    assert queries.hromadas_in(tree["raion"]) == [tree["hromada"]]
    assert queries.hromadas_in(tree["kyiv"]) == [tree["kyiv"]]


def test_oblasts_with_counts_include_the_special_cities() -> None:
    tree = f.make_tree()
    rows = {row.territory.code: (row.raions, row.hromadas) for row in queries.oblasts_with_counts()}
    assert rows == {f.OBLAST: (1, 1), f.KYIV: (0, 1)}
    assert tree["kyiv"].level == "hromada"


def test_settlements_of_a_hromada_come_grouped_by_category() -> None:
    tree = f.make_tree()
    f.make_territory("UA05020030030012345", "X", "Агрономічне", tree["hromada"])
    categories = [t.category for t in queries.children_of(tree["hromada"])]
    assert categories == ["M", "X", "C"]
