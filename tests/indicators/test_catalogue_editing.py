"""Analysts edit the catalogue on the site; every change is a version with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.indicators.models import Indicator
from tests.conftest import Personas
from tests.indicators.factories import activate_english, make_area, make_derived, make_indicator

pytestmark = pytest.mark.django_db
english = pytest.fixture(autouse=True)(activate_english)


def form_data(indicator: Indicator | None = None, **changes: Any) -> dict[str, Any]:
    data = {
        "area": "demography",
        "name_uk": "Населення",
        "name_en": "Population",
        "definition_uk": "Кількість осіб на 1 січня.",
        "definition_en": "Number of persons on 1 January.",
        "unit": "persons",
        "value_type": "integer",
        "decimals": "0",
        "polarity": "neutral",
        "aggregation": "sum",
        "min_value": "0",
        "max_value": "",
        "source": "Держстат",
        "formula": "",
        "reason": "Нове визначення",
    }
    if indicator is None:
        data["code"] = "demography.people"
    data.update(changes)
    return data


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_analyst_adds_an_indicator_as_version_one(personas: Personas) -> None:
    make_area()
    response = signed_in(personas.analyst).post(reverse("indicators:create"), form_data())
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="demography.people")
    assert indicator.version == 1
    version = indicator.versions.get()
    assert version.changed_by == personas.analyst and version.definition["name_en"] == "Population"


def test_a_malformed_code_is_refused_on_the_code_field(personas: Personas) -> None:
    make_area()
    response = signed_in(personas.analyst).post(
        reverse("indicators:create"), form_data(code="Population total")
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_a_code_cannot_be_taken_twice(personas: Personas) -> None:
    make_indicator("demography.people")
    response = signed_in(personas.analyst).post(reverse("indicators:create"), form_data())
    assert "already exists" in str(response.context["form"].errors["code"])


def test_an_unknown_code_in_a_formula_is_shown_on_the_formula_field(personas: Personas) -> None:
    make_indicator("demography.population")
    data = form_data(formula="demography.births / demography.population", aggregation="none")
    response = signed_in(personas.analyst).post(reverse("indicators:create"), data)
    errors = response.context["form"].errors
    assert list(errors) == ["formula"] and "demography.births" in str(errors["formula"])


def test_a_formula_that_closes_a_cycle_is_shown_on_the_formula_field(personas: Personas) -> None:
    make_indicator("demography.population")
    make_derived("demography.a", "demography.population * 2")
    make_derived("demography.b", "demography.a * 2")
    a = Indicator.objects.get(code="demography.a")
    data = form_data(a, formula="demography.b / 2", aggregation="none")
    response = signed_in(personas.analyst).post(reverse("indicators:edit", args=[a.code]), data)
    assert "demography.a → demography.b → demography.a" in str(
        response.context["form"].errors["formula"]
    )
    a.refresh_from_db()
    assert (a.formula, a.version) == ("demography.population * 2", 1)


def test_a_derived_indicator_must_not_be_aggregated(personas: Personas) -> None:
    make_indicator("demography.population")
    data = form_data(formula="demography.population * 2", aggregation="sum")
    response = signed_in(personas.analyst).post(reverse("indicators:create"), data)
    assert "aggregation" in response.context["form"].errors


def test_an_edit_bumps_the_version_and_the_page_shows_what_changed(personas: Personas) -> None:
    indicator = make_indicator("demography.people", name_en="People")
    client = signed_in(personas.analyst)
    data = form_data(indicator, name_en="Residents", max_value="5000", reason="Clearer name")
    response = client.post(reverse("indicators:edit", args=[indicator.code]), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.version, indicator.name_en) == (2, "Residents")
    page = client.get(reverse("indicators:detail", args=[indicator.code]))
    history = page.context["page"].history
    assert [entry.version.version for entry in history] == [2, 1]
    changed = {change.label: (change.old, change.new) for change in history[0].changes}
    assert changed["name (English)"] == ("People", "Residents")
    assert changed["plausible maximum"] == ("—", "5000")
    assert "Clearer name" in page.content.decode()


def test_saving_an_unchanged_form_creates_no_version(personas: Personas) -> None:
    indicator = make_indicator("demography.people")
    data = form_data(
        indicator,
        name_uk=indicator.name_uk,
        name_en=indicator.name_en,
        definition_uk=indicator.definition_uk,
        definition_en=indicator.definition_en,
    )
    signed_in(personas.analyst).post(reverse("indicators:edit", args=[indicator.code]), data)
    indicator.refresh_from_db()
    assert indicator.version == 1


def test_the_code_of_an_indicator_never_changes(personas: Personas) -> None:
    indicator = make_indicator("demography.people")
    data = form_data(indicator, code="demography.other")
    signed_in(personas.analyst).post(reverse("indicators:edit", args=[indicator.code]), data)
    assert list(Indicator.objects.values_list("code", flat=True)) == ["demography.people"]


def test_deactivating_hides_the_indicator_from_the_catalogue(personas: Personas) -> None:
    indicator = make_indicator("demography.people")
    client = signed_in(personas.analyst)
    url = reverse("indicators:set_active", args=[indicator.code])
    client.post(url, {"active": "0", "reason": "Не збирається"})
    indicator.refresh_from_db()
    assert (indicator.is_active, indicator.version) == (False, 2)
    assert indicator.versions.get(version=2).reason == "Не збирається"
    assert Client().get(reverse("indicators:catalogue")).context["total"] == 0


@pytest.mark.parametrize("who", ["official", "coordinator", "outsider"])
def test_only_analysts_may_change_the_catalogue(personas: Personas, who: str) -> None:
    indicator = make_indicator("demography.people")
    client = signed_in(getattr(personas, who))
    assert client.get(reverse("indicators:create")).status_code == 403
    assert client.post(reverse("indicators:create"), form_data()).status_code == 403
    edit = reverse("indicators:edit", args=[indicator.code])
    assert client.post(edit, form_data(indicator, name_en="X")).status_code == 403
    active = reverse("indicators:set_active", args=[indicator.code])
    assert client.post(active, {"active": "0", "reason": "x"}).status_code == 403
    assert client.get(reverse("indicators:import")).status_code == 403
    indicator.refresh_from_db()
    assert (indicator.version, indicator.is_active) == (1, True)


def test_visitors_are_asked_to_sign_in_before_editing(personas: Personas) -> None:
    indicator = make_indicator("demography.people")
    client = Client()
    edit = reverse("indicators:edit", args=[indicator.code])
    response = client.post(edit, form_data(indicator, name_en="X"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    active = reverse("indicators:set_active", args=[indicator.code])
    assert client.post(active, {"active": "0", "reason": "x"}).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.version, indicator.is_active) == (1, True)


def test_an_administrator_may_edit_the_catalogue(personas: Personas) -> None:
    indicator = make_indicator("demography.people")
    response = signed_in(personas.administrator).get(
        reverse("indicators:edit", args=[indicator.code])
    )
    assert response.status_code == 200
