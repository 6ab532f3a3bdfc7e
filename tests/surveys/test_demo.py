"""The demo's survey: a finished wave with published results recorded as an indicator, and
an open wave with invitations; built again, it replaces itself."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.indicators.models import Observation, Status
from hromada.surveys.demo import CODE, INDICATOR, build_surveys_demo
from hromada.surveys.models import Survey, WaveState
from tests.api.helpers import data
from tests.conftest import Personas
from tests.factories import make_hromada
from tests.indicators.factories import make_area
from tests.surveys.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(personas: Personas) -> Personas:
    make_area("governance")
    make_member(personas.hromada)
    for at in range(5):
        hromada = make_hromada(personas.hromada.raion, name_uk=f"Громада {at}")
        make_member(hromada, email=f"head{at}@example.org")
    return personas


def test_the_demo_has_a_finished_wave_recorded_as_an_indicator_and_an_open_one(
    client: Client, members: Personas
) -> None:
    built = build_surveys_demo()
    finished, current = Survey.objects.get(code=CODE).waves.order_by("year")
    assert finished.state == WaveState.CLOSED
    assert finished.results_published_on is not None
    values = Observation.all_objects.filter(indicator__code=INDICATOR, year=finished.year)
    assert values.count() == built.values == finished.responses.count() > 0
    assert set(values.values_list("status", flat=True)) == {Status.VERIFIED}

    assert current.state == WaveState.OPEN
    assert current.invitations.count() == 6
    assert current.prefill
    listed = data(client.get("/api/v1/surveys"))["items"]
    assert [w["year"] for w in listed[0]["waves"]] == [finished.year]

    build_surveys_demo()
    assert Survey.objects.filter(code=CODE).count() == 1
