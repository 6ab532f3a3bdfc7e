"""Hromadas chosen by name wherever a code used to be typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.territories import picking
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_name_fitting_one_hromada_is_taken_whatever_the_case_and_apostrophe() -> None:
    raion = factories.make_raion(factories.make_oblast("Полтавська", "Poltavska"), "Миргородський")
    hromada = factories.make_hromada(raion, name_uk="Мар'їнська")
    result = picking.resolve(["марʼїнська"])
    assert result.codes == [hromada.code]
    assert result.chosen[0].place == "Миргородський, Полтавська"


def test_namesakes_are_offered_never_guessed_and_codes_are_kept_in_order() -> None:
    first = factories.make_hromada(name_uk="Іванівська")
    second = factories.make_hromada(name_uk="Іванівська")
    other = factories.make_hromada(name_uk="Зоряна")
    result = picking.resolve([other.code, "Іванівська", other.code.lower(), "Немає-такої"])
    assert result.codes == [other.code]
    assert [(text, {c.code for c in found}) for text, found in result.ambiguous] == [
        ("Іванівська", {first.code, second.code})
    ]
    assert result.unknown == ["Немає-такої"]


def test_an_exact_name_wins_over_longer_names_that_contain_it() -> None:
    short = factories.make_hromada(name_uk="Бар")
    factories.make_hromada(name_uk="Барська")
    assert picking.resolve(["бар"]).codes == [short.code]


def test_the_pick_list_shows_current_hromadas_only(client: Client) -> None:
    kept = factories.make_hromada(name_uk="Сонячна")
    raion = factories.make_raion(factories.make_oblast(), "Сонячний")
    body = client.get(reverse("territories:pick"), {"q": "сонячн"}).content.decode()
    assert f'data-code="{kept.code}"' in body
    assert f'data-code="{raion.code}"' not in body
    empty = client.get(reverse("territories:pick"), {"q": "жоднанемає"}).content.decode()
    assert "picker-options" not in empty


def test_a_form_with_more_names_than_a_person_types_is_answered_in_bounded_queries(
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    factories.make_hromada(name_uk="Сонячна")
    with django_assert_max_num_queries(picking.NAME_LOOKUPS + 1):
        result = picking.resolve(["сонячна"] + ["немає"] * 500)
    assert len(result.chosen) == 1 and len(result.unknown) == 500
