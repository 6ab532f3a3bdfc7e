"""A hromada's values on its territory page, and the history page of one value."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.data_panel import data_panel
from hromada.indicators.models import Indicator, Missing, Status
from hromada.territories.models import Territory
from tests.conftest import Personas
from tests.indicators.factories import activate_english, make_area, make_indicator

pytestmark = pytest.mark.django_db
english = pytest.fixture(autouse=True)(activate_english)


def record(
    territory: Territory,
    indicator: Indicator,
    year: int,
    value: float | None,
    *,
    status: str = Status.PUBLISHED,
    missing: str = "",
    by: Any = None,
    comment: str = "",
    sex: str = "",
) -> None:
    record_observations(
        [ValueInput(territory.pk, indicator.pk, year, sex, value, missing, note="з листа")],
        by=by,
        reason="import",
        status=status,
        comment=comment,
        source="звітність громади",
    )


@pytest.fixture
def data(personas: Personas) -> dict[str, Indicator]:
    make_area("budget_revenue", order=3)
    population = make_indicator("demography.population", by_sex=True)
    revenue = make_indicator(
        "budget.revenue.own", area="budget_revenue", unit="thousand UAH", decimals=1
    )
    record(personas.hromada, population, 2022, 12345.0)
    record(personas.hromada, population, 2022, 6500.0, sex="f")
    record(personas.hromada, population, 2023, None, missing=Missing.NOT_REPORTED)
    record(personas.hromada, revenue, 2023, 1234567.25)
    record(personas.hromada, revenue, 2024, 0.0, status=Status.DRAFT)
    return {"population": population, "revenue": revenue}


def panel_context(user: Any, territory: Territory) -> dict[str, Any]:
    request = RequestFactory().get("/")
    request.user = user
    panel = data_panel(request, territory)
    assert panel is not None
    return panel.context


def render_panel(user: Any, territory: Territory, language: str = "en") -> str:
    with translation.override(language):
        return render_to_string("indicators/panel_data.html", panel_context(user, territory))


def test_values_are_shown_by_area_and_year_in_the_reader_number_format(
    data: dict[str, Indicator], personas: Personas
) -> None:
    from django.contrib.auth.models import AnonymousUser

    tables = panel_context(AnonymousUser(), personas.hromada)["tables"]
    assert [t.area.code for t in tables] == ["demography", "budget_revenue"]
    assert "1,234,567.3" in render_panel(AnonymousUser(), personas.hromada, "en")
    html = render_panel(AnonymousUser(), personas.hromada, "uk")
    assert "1\xa0234\xa0567,3" in html and "12\xa0345" in html


def test_a_value_split_by_sex_gets_its_own_row(
    data: dict[str, Indicator], personas: Personas
) -> None:
    from django.contrib.auth.models import AnonymousUser

    table = panel_context(AnonymousUser(), personas.hromada)["tables"][0]
    assert [row.sex for row in table.rows] == ["", "f"]


def test_a_missing_value_is_named_never_shown_as_zero(
    data: dict[str, Indicator], personas: Personas
) -> None:
    from django.contrib.auth.models import AnonymousUser

    table = panel_context(AnonymousUser(), personas.hromada)["tables"][0]
    cell = table.rows[0].cells[2023]
    assert (cell.text, cell.missing) == ("not reported", True)
    assert ">0<" not in render_panel(AnonymousUser(), personas.hromada, "en")


def test_visitors_see_published_values_only(data: dict[str, Indicator], personas: Personas) -> None:
    from django.contrib.auth.models import AnonymousUser

    tables = panel_context(AnonymousUser(), personas.hromada)["tables"]
    revenue = next(t for t in tables if t.area.code == "budget_revenue")
    assert 2024 not in revenue.rows[0].cells
    assert "badge warn" not in render_panel(AnonymousUser(), personas.hromada)


def test_the_hromada_official_sees_drafts_with_their_status(
    data: dict[str, Indicator], personas: Personas
) -> None:
    tables = panel_context(personas.official, personas.hromada)["tables"]
    revenue = next(t for t in tables if t.area.code == "budget_revenue")
    draft = revenue.rows[0].cells[2024]
    assert (draft.text, draft.status) == ("0.0", Status.DRAFT)
    html = render_panel(personas.official, personas.hromada, "en")
    assert '<span class="badge warn">draft</span>' in html


def test_every_value_links_to_its_history(data: dict[str, Indicator], personas: Personas) -> None:
    html = render_panel(personas.outsider, personas.hromada)
    url = reverse("indicators:value", args=[personas.hromada.code, "budget.revenue.own", 2023])
    assert f'href="{url}"' in html


def test_oblasts_get_no_data_panel(personas: Personas) -> None:
    request = RequestFactory().get("/")
    request.user = personas.analyst
    assert data_panel(request, personas.oblast) is None


def test_the_territory_page_shows_the_data_panel(
    data: dict[str, Indicator], personas: Personas
) -> None:
    response = Client().get(reverse("territories:detail", args=[personas.hromada.code]))
    assert 'id="data-panel"' in response.content.decode()


def test_the_panel_reads_one_query_however_many_indicators(
    data: dict[str, Indicator],
    personas: Personas,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_num_queries(1):
        render_panel(personas.official, personas.hromada)
    for n in range(10):
        indicator = make_indicator(f"demography.extra_{n}")
        record(personas.hromada, indicator, 2023, float(n))
    with django_assert_num_queries(1):
        html = render_panel(personas.official, personas.hromada)
    assert "demography.extra_9" in html


def test_the_value_page_shows_the_value_and_every_change(
    data: dict[str, Indicator], personas: Personas
) -> None:
    revenue = data["revenue"]
    record(personas.hromada, revenue, 2023, 1300000.0, by=personas.analyst, comment="уточнено")
    client = Client()
    client.force_login(personas.official)
    url = reverse("indicators:value", args=[personas.hromada.code, revenue.code, 2023])
    response = client.get(url)
    page = response.context["page"]
    assert [shown for _obs, shown in page.observations] == ["1,300,000.0"]
    assert [(c.old, c.new) for c in page.changes] == [
        ("1,234,567.3", "1,300,000.0"),
        ("", "1,234,567.3"),
    ]
    html = response.content.decode()
    assert "уточнено" in html and "з листа" in html and "звітність громади" in html
    assert personas.analyst.get_full_name() in html


def test_visitors_see_published_changes_without_names(
    data: dict[str, Indicator], personas: Personas
) -> None:
    revenue = data["revenue"]
    record(personas.hromada, revenue, 2023, 1.0, status=Status.DRAFT, by=personas.official)
    record(personas.hromada, revenue, 2023, 2.0, by=personas.analyst)
    with translation.override("uk"):
        url = reverse("indicators:value", args=[personas.hromada.code, revenue.code, 2023])
    page = Client().get(url).context["page"]
    assert [(c.old, c.new) for c in page.changes] == [("", "2,0"), ("", "1\xa0234\xa0567,3")]
    assert page.shows_people is False


def test_a_value_nobody_may_see_is_not_found(
    data: dict[str, Indicator], personas: Personas
) -> None:
    url = reverse("indicators:value", args=[personas.hromada.code, "budget.revenue.own", 2024])
    assert Client().get(url).status_code == 404
    client = Client()
    client.force_login(personas.official)
    assert client.get(url).status_code == 200


def test_the_value_page_reads_a_fixed_number_of_queries(
    data: dict[str, Indicator],
    personas: Personas,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    revenue = data["revenue"]
    client = Client()
    client.force_login(personas.analyst)
    url = reverse("indicators:value", args=[personas.hromada.code, revenue.code, 2023])
    client.get(url)
    for n in range(5):
        record(personas.hromada, revenue, 2023, float(n), by=personas.analyst)
    with django_assert_num_queries(7):
        client.get(url)
