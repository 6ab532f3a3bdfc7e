"""Waves: the panel an analyst picks, one personal link per hromada, e-mails through the queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.jobs.models import Job
from hromada.surveys import actions
from hromada.surveys.models import Invitation, InvitationState
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person
from tests.surveys.factories import make_member, make_survey, open_wave

pytestmark = pytest.mark.django_db


def test_an_oblast_panel_invites_the_heads_of_that_oblasts_members_only(
    personas: Personas,
) -> None:
    make_member(personas.hromada)
    make_person(personas.hromada, full_name="Іваненко Олег", position="секретар ради")
    make_member(personas.other_hromada)
    not_a_member = factories.make_hromada(factories.make_raion(personas.oblast, "Інший", "Inshyi"))
    make_person(not_a_member, position="сільський голова")
    wave = open_wave(make_survey(personas.analyst), personas.analyst, personas.oblast)
    (invitation,) = wave.invitations.all()
    assert invitation.hromada == personas.hromada
    assert invitation.person is not None and invitation.person.full_name == "Петренко Ганна"
    assert len(invitation.token) >= 40
    assert AuditEntry.objects.filter(action="surveys.wave.open").exists()


def test_a_list_of_codes_and_the_secretary_role_pick_those_people(personas: Personas) -> None:
    make_member(personas.hromada)
    make_member(personas.other_hromada)
    make_person(personas.other_hromada, full_name="Секретаренко Ія", position="секретар ради")
    wave = open_wave(
        make_survey(personas.analyst),
        personas.analyst,
        personas.oblast,
        panel_kind="codes",
        panel_value=f"{personas.other_hromada.code}\nUA00000000000000000",
        role="secretary",
    )
    assert [i.person.full_name for i in wave.invitations.all() if i.person] == ["Секретаренко Ія"]


def test_a_panel_without_respondents_is_refused_with_a_reason(personas: Personas) -> None:
    survey = make_survey(personas.analyst)
    with pytest.raises(actions.SurveyError):
        open_wave(survey, personas.analyst, personas.oblast)


def test_only_analysts_open_waves(personas: Personas) -> None:
    make_member(personas.hromada)
    survey = make_survey(personas.analyst)
    with pytest.raises(PermissionDenied):
        open_wave(survey, personas.coordinator, personas.oblast)


def test_invitations_are_emailed_by_a_job_with_the_personal_link(
    client: Client, personas: Personas
) -> None:
    make_member(personas.hromada, email="head@hromada.example")
    wave = open_wave(make_survey(personas.analyst), personas.analyst, personas.oblast)
    client.force_login(personas.analyst)
    answer = client.post(reverse("surveys:mail", kwargs={"pk": wave.pk}), {"kind": "invitation"})
    job = Job.objects.get()
    assert answer.url == reverse("jobs:detail", kwargs={"pk": job.pk})
    (message,) = mail.outbox
    invitation = wave.invitations.get()
    assert message.to == ["head@hromada.example"]
    assert reverse("surveys:respond", kwargs={"token": invitation.token}) in message.body
    assert "Петренко Ганна" in message.body
    assert invitation.sent_at is not None


def test_reminders_go_only_to_those_who_have_not_submitted(personas: Personas) -> None:
    make_member(personas.hromada, email="a@example.org")
    make_member(personas.other_hromada, email="b@example.org")
    wave = open_wave(
        make_survey(personas.analyst),
        personas.analyst,
        personas.oblast,
        panel_kind="codes",
        panel_value=f"{personas.hromada.code} {personas.other_hromada.code}",
    )
    actions.start_mailing(wave, reminder=False, by=personas.analyst)
    Invitation.objects.filter(hromada=personas.hromada).update(state=InvitationState.SUBMITTED)
    mail.outbox.clear()
    actions.start_mailing(wave, reminder=True, by=personas.analyst)
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert "Нагадування" in mail.outbox[0].subject
    sent = AuditEntry.objects.get(action="surveys.invitation.send")
    assert sent.changes == {"invitations": [0, 2]}
    assert AuditEntry.objects.filter(action="surveys.invitation.remind").count() == 1


def test_a_second_wave_in_the_same_year_is_refused(personas: Personas) -> None:
    make_member(personas.hromada)
    survey = make_survey(personas.analyst)
    open_wave(survey, personas.analyst, personas.oblast)
    with pytest.raises(actions.SurveyError):
        open_wave(survey, personas.analyst, personas.oblast, closes_on=dt.date(2026, 11, 1))


def test_the_wave_form_opens_a_wave_for_an_oblast(client: Client, personas: Personas) -> None:
    make_member(personas.hromada)
    survey = make_survey(personas.analyst)
    client.force_login(personas.analyst)
    answer = client.post(
        reverse("surveys:wave_create", kwargs={"pk": survey.pk}),
        {
            "year": 2026,
            "closes_on": "2026-12-31",
            "mode": "closed",
            "panel_kind": "oblast",
            "oblast": personas.oblast.code,
            "role": "head",
        },
    )
    wave = survey.waves.get()
    assert answer.url == reverse("surveys:wave", kwargs={"pk": wave.pk})
    assert wave.invitations.count() == 1


def test_opening_a_wave_names_the_member_hromadas_left_without_a_link(
    client: Client, personas: Personas
) -> None:
    make_member(personas.hromada)
    headless = factories.make_hromada(factories.make_raion(personas.oblast, "Інший", "Inshyi"))
    make_membership(headless)  # a member with nobody in the head's role
    survey = make_survey(personas.analyst)
    client.force_login(personas.analyst)
    page = client.post(
        reverse("surveys:wave_create", kwargs={"pk": survey.pk}),
        {
            "year": 2026,
            "closes_on": "2026-12-31",
            "mode": "closed",
            "panel_kind": "oblast",
            "oblast": personas.oblast.code,
            "role": "head",
        },
        follow=True,
    )
    assert "1 громада панелі не має людини в цій ролі" in page.content.decode()


def _population(hromada: object, value: float) -> None:
    from hromada.indicators.models import Indicator, Observation, Status
    from hromada.indicators.population_bands import POPULATION_CODE
    from tests.indicators.factories import make_indicator

    indicator = Indicator.objects.filter(code=POPULATION_CODE).first() or make_indicator(
        POPULATION_CODE
    )
    Observation.all_objects.create(
        territory=hromada, indicator=indicator, year=2025, value=value, status=Status.PUBLISHED
    )


def test_a_saved_peer_group_panel_invites_exactly_its_members(personas: Personas) -> None:
    from hromada.analytics.models import PeerGroup

    make_member(personas.hromada)
    make_member(personas.other_hromada, email="other@example.org")
    group = PeerGroup.objects.create(name_uk="Наші партнери", kind=PeerGroup.Kind.LIST)
    group.hromadas.add(personas.other_hromada)
    wave = open_wave(
        make_survey(personas.analyst),
        personas.analyst,
        personas.oblast,
        panel_kind="peers",
        panel_value=str(group.pk),
    )
    assert [i.hromada for i in wave.invitations.all()] == [personas.other_hromada]


def test_a_rule_peer_group_panel_keeps_the_members_of_its_population_bands(
    personas: Personas,
) -> None:
    from hromada.analytics.models import PeerGroup

    small = factories.make_hromada(personas.hromada.raion, name_uk="Мала")
    for hromada, value in ((personas.hromada, 30_000), (small, 8_000)):
        make_member(hromada, email=f"{value}@example.org")
        _population(hromada, value)
    make_member(personas.other_hromada, email="other@example.org")  # no population known
    group = PeerGroup.objects.create(name_uk="Малі", bands=["5k-10k"], hromada_types=["village"])
    wave = open_wave(
        make_survey(personas.analyst),
        personas.analyst,
        personas.oblast,
        panel_kind="peers",
        panel_value=str(group.pk),
    )
    assert [i.hromada for i in wave.invitations.all()] == [small]


def test_the_wave_form_asks_for_the_peer_group_of_a_peer_group_panel(
    client: Client, personas: Personas
) -> None:
    survey = make_survey(personas.analyst)
    client.force_login(personas.analyst)
    response = client.post(
        reverse("surveys:wave_create", args=[survey.pk]),
        {"year": 2026, "closes_on": "2026-12-31", "mode": "closed", "panel_kind": "peers",
         "role": "head"},
    )  # fmt: skip
    assert "Оберіть групу порівняння." in response.content.decode()
