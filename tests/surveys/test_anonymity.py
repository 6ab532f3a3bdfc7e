"""Anonymous waves: no path leads from an answer to the person or the hromada."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.jobs.models import Job
from hromada.surveys import actions, exports, indicator_publishing
from hromada.surveys.models import InvitationState, Response, Wave
from tests.conftest import Personas
from tests.surveys.factories import ANSWERS, make_member, make_survey, open_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(personas: Personas) -> Wave:
    make_member(personas.hromada)
    return open_wave(
        make_survey(personas.analyst), personas.analyst, personas.oblast, mode="anonymous"
    )


def test_an_anonymous_answer_keeps_only_the_type_and_the_oblast(
    wave: Wave, personas: Personas
) -> None:
    invitation = wave.invitations.get()
    actions.save_draft(invitation, {"staff": "3"})
    actions.submit_answers(invitation, ANSWERS)
    response = Response.objects.get()
    assert response.invitation is None and response.hromada is None
    assert response.oblast == personas.oblast and response.hromada_type == "village"
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.SUBMITTED and invitation.draft == {}
    assert not Response.objects.filter(invitation=invitation).exists()


def test_the_page_of_an_anonymous_wave_does_not_name_the_hromada(
    wave: Wave, personas: Personas, client: Client
) -> None:
    invitation = wave.invitations.get()
    page = client.get(reverse("surveys:respond", kwargs={"token": invitation.token}))
    text = page.content.decode()
    assert "Хвиля 2026" in text and "опитування анонімне" in text
    assert personas.hromada.name_uk not in text  # beside «stored without your hromada»


def test_an_anonymous_wave_may_keep_no_place_at_all(personas: Personas) -> None:
    make_member(personas.hromada)
    wave = open_wave(
        make_survey(personas.analyst),
        personas.analyst,
        personas.oblast,
        mode="anonymous",
        keeps_place=False,
    )
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    response = Response.objects.get()
    assert response.oblast is None and response.hromada_type == ""


def test_the_audit_log_of_an_anonymous_wave_never_names_an_invitation(wave: Wave) -> None:
    invitation = wave.invitations.get()
    actions.save_draft(invitation, {"staff": "3"})
    actions.submit_answers(invitation, ANSWERS)
    named = AuditEntry.objects.filter(object_type="surveys.invitation")
    assert not named.exists()
    response = Response.objects.get()
    assert not AuditEntry.objects.filter(object_id=str(response.pk)).exists()


def test_an_anonymous_wave_cannot_become_indicator_values(wave: Wave, personas: Personas) -> None:
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    with pytest.raises(actions.SurveyError):
        indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)


def test_the_export_of_an_anonymous_wave_has_no_hromada_column(
    client: Client, wave: Wave, personas: Personas
) -> None:
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    client.force_login(personas.analyst)
    client.post(reverse("surveys:export", kwargs={"pk": wave.pk}), {"file_format": "csv"})
    job = Job.objects.get()
    text = (exports.folder() / job.result_url.rsplit("/", 1)[1]).read_text("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "hromada_code" not in header and "hromada" not in header
    assert personas.hromada.code not in text and personas.hromada.name_uk not in text
    assert row[header.index("oblast")] == personas.oblast.name_uk
