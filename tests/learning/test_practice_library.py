"""The practice library: target indicators picked on the form, adoption by other hromadas,
filters, the outcome chart on the page, and the open API for events, certificates and
practices."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator
from hromada.indicators.units import unit_label
from hromada.learning import actions, certificates, practice_actions
from hromada.learning.models import Certificate, Event, Evidence, Practice
from hromada.territories.models import Territory
from tests import factories
from tests.conftest import Personas
from tests.indicators.factories import make_indicator


def _publish(practice: Practice, personas: Personas) -> Practice:
    practice_actions.review_practice(
        practice, by=personas.analyst, publish=True, evidence=Evidence.MEASURED, note=""
    )
    return practice


def _values(indicator: Indicator, hromada: Territory, values: dict[int, float]) -> None:
    rows = [ValueInput(hromada.pk, indicator.pk, y, "", v, "") for y, v in values.items()]
    record_observations(rows, by=None, reason="import", status="published")


@pytest.fixture
def measured(personas: Personas) -> Practice:
    """A published practice from 2020 targeting one indicator, with two peers' values."""
    indicator = make_indicator("budget.own_per_capita", area="budget", unit="UAH")
    _values(indicator, personas.hromada, {2018: 100, 2019: 100, 2021: 150, 2022: 150})
    for level in (100, 200):
        peer = factories.make_hromada(factories.make_raion(personas.oblast))
        _values(indicator, peer, {2018: level, 2019: level, 2021: level + 10})
    practice = practice_actions.propose_practice(
        by=personas.official,
        hromada=personas.hromada,
        values={
            "title": "Податкова служба громади",
            "problem": "Низькі власні доходи.",
            "solution": "Інвентаризація земель.",
            "results": "Доходи зросли.",
            "start_year": 2020,
            "target_indicators": [indicator],
        },
    )
    return _publish(practice, personas)


def test_the_form_offers_indicators_by_area_and_saves_the_choice(
    personas: Personas, client: Client
) -> None:
    indicator = make_indicator("budget.own_per_capita", area="budget")
    client.force_login(personas.official)
    page = client.get("/learning/practices/new/").content.decode()
    assert "data-picker-filter" in page and indicator.name_uk in page
    form = {
        "hromada": personas.hromada.code,
        "title": "Відкритий бюджет",
        "problem": "п",
        "solution": "р",
        "results": "р",
        "target_indicators": [str(indicator.pk)],
    }
    refused = client.post("/learning/practices/new/", form)
    assert refused.status_code == 200 and not Practice.objects.exists()  # no start year
    assert (
        client.post("/learning/practices/new/", {**form, "start_year": "2021"}).status_code == 302
    )
    assert list(Practice.objects.get().target_indicators.all()) == [indicator]


def test_the_page_draws_the_outcome_with_its_estimate(measured: Practice, client: Client) -> None:
    response = client.get(f"/learning/practices/{measured.pk}/")
    page = response.content.decode()
    assert "learning/outcomes.js" in page and "echarts.min.js" in page
    (chart, result), *_rest = response.context["charts_and_outcomes"]
    assert f'id="{chart["json_id"]}"' in page and chart["spec"]["start"] == "2020"
    # Own +50 (100 to 150), the two peers +10 each: the estimate is 40.
    assert chart["estimate"] == "40" and f"{chart['estimate']} {unit_label('UAH')}" in page
    assert result.peers == 2


def test_another_hromada_records_its_adoption_and_the_filters_find_it(
    personas: Personas, measured: Practice, client: Client
) -> None:
    other_official = factories.make_official(personas.other_hromada, username="other")
    client.force_login(other_official)
    page = client.get(f"/learning/practices/{measured.pk}/").content.decode()
    assert "Ми це запровадили" in page
    response = client.post(
        f"/learning/practices/{measured.pk}/adopt/",
        {"hromada": personas.other_hromada.code, "year": "2022", "note": "Працює"},
    )
    assert response.status_code == 302
    assert measured.adoptions.get().hromada == personas.other_hromada
    with pytest.raises(ValidationError):
        practice_actions.adopt_practice(
            measured, by=personas.official, hromada=personas.hromada, year=2022
        )
    found = client.get("/learning/practices/", {"oblast": personas.other_oblast.code})
    assert measured.title in found.content.decode()
    for query in ({"subject": "budget"}, {"evidence": "measured"}, {"type": "village"}):
        assert measured.title in client.get("/learning/practices/", query).content.decode()
    for query in ({"subject": "education"}, {"evidence": "described"}, {"type": "city"}):
        assert measured.title not in client.get("/learning/practices/", query).content.decode()


def test_the_api_gives_practices_with_outcome_figures(
    personas: Personas, measured: Practice, client: Client
) -> None:
    listed = json.loads(client.get("/api/v1/learning/practices?subject=budget").content)
    assert [p["id"] for p in listed["items"]] == [measured.pk]
    detail = json.loads(client.get(f"/api/v1/learning/practices/{measured.pk}").content)
    (result,) = detail["outcomes"]
    assert result["estimate"] == pytest.approx(40)
    assert (result["own_before"], result["own_after"], result["peers"]) == (100, 150, 2)
    unpublished = practice_actions.propose_practice(
        by=personas.official,
        hromada=personas.hromada,
        values={"title": "Чернетка", "problem": "п", "solution": "р", "results": "р"},
    )
    assert client.get(f"/api/v1/learning/practices/{unpublished.pk}").status_code == 404


def test_the_api_lists_published_events_and_checks_certificates(
    personas: Personas, event: Event, client: Client
) -> None:
    hidden = Event.objects.create(
        title="Чернетка", kind="course", programme="…", capacity=1, credits=1, is_published=False
    )
    events = json.loads(client.get("/api/v1/learning/events").content)["items"]
    assert [e["id"] for e in events] == [event.pk]
    assert events[0]["hours"] == "10.0" or float(events[0]["hours"]) == 10
    assert client.get(f"/api/v1/learning/events/{hidden.pk}").status_code == 404
    registration = actions.register(
        event,
        by=personas.analyst,
        full_name="Олена",
        email="o@example.org",
        hromada=personas.hromada,
    )
    certificate = Certificate.objects.create(
        registration=registration,
        number="AMU-2026-00009",
        full_name="Олена",
        hromada_name="Громада",
        event_title=event.title,
        hours=10,
        credits=1,
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2026, 1, 2),
        issued_on=dt.date(2026, 1, 3),
    )
    check = json.loads(
        client.get(f"/api/v1/learning/certificates/{certificate.check_code}").content
    )
    assert (check["number"], check["valid"]) == ("AMU-2026-00009", True)
    assert "email" not in check and "hromada" not in check
    certificates.revoke(certificate, by=personas.analyst, reason="помилка")
    check = json.loads(
        client.get(f"/api/v1/learning/certificates/{certificate.check_code}").content
    )
    assert check["valid"] is False
    assert client.get("/api/v1/learning/certificates/not-a-code").status_code == 404


def test_the_size_filter_reads_the_latest_published_population(
    personas: Personas, measured: Practice, client: Client
) -> None:
    population = make_indicator("demography.population", hard_min=0.0)
    _values(population, personas.hromada, {2022: 30_000, 2023: 8_000})
    assert measured.title in client.get("/learning/practices/", {"size": "5k-10k"}).content.decode()
    for size in ("20k-50k", "no-such-band"):
        assert (
            measured.title
            not in client.get("/learning/practices/", {"size": size}).content.decode()
        )
    listed = json.loads(client.get("/api/v1/learning/practices?size=5k-10k").content)
    assert [p["id"] for p in listed["items"]] == [measured.pk]


def _count(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_read_a_fixed_number_of_queries_however_many_rows(
    personas: Personas, measured: Practice, event: Event, client: Client
) -> None:
    """No query per row: the library, its API and the events API cost the same for 1 or 4."""
    urls = ["/learning/practices/", "/api/v1/learning/practices", "/api/v1/learning/events"]
    practice_actions.adopt_practice(
        measured, by=personas.analyst, hromada=personas.other_hromada, year=2022
    )
    client.force_login(personas.analyst)
    before = [_count(client, url) for url in urls]
    for number in range(3):
        copy = practice_actions.propose_practice(
            by=personas.official,
            hromada=personas.hromada,
            values={"title": f"Практика {number}", "problem": "п", "solution": "р", "results": "р"},
        )
        _publish(copy, personas)
        practice_actions.adopt_practice(
            copy, by=personas.analyst, hromada=personas.other_hromada, year=2022
        )
        Event.objects.create(
            title=f"Захід {number}", kind="webinar", programme="…", capacity=5, credits=1
        )
    assert [_count(client, url) for url in urls] == before
