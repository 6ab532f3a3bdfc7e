"""The evaluation after an event (the participant's own, once, after the last session) and the
board of who was trained against the membership."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from hromada.audit.models import AuditEntry
from hromada.learning import actions
from hromada.learning.models import Event, Presence, Registration
from hromada.learning.reach import reach
from hromada.territories.models import HromadaType
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership

GOOD = actions.EvaluationInput(overall=5, usefulness=4, trainers=5, would_recommend=True)


def _move_to_past(event: Event) -> None:
    for session in event.sessions.all():
        session.starts_at -= dt.timedelta(days=30)
        session.ends_at -= dt.timedelta(days=30)
        session.save()


def _participant(event: Event, personas: Personas, email: str, **kw: str) -> Registration:
    return actions.register(
        event,
        by=personas.analyst,
        full_name="Коваленко Олена",
        email=email,
        hromada=kw.get("hromada", personas.hromada),  # type: ignore[arg-type]
        role=kw.get("role", "staff"),
    )


def test_a_participant_evaluates_once_after_the_last_session(
    personas: Personas, event: Event, client: Client
) -> None:
    registration = _participant(event, personas, personas.official.email)
    with pytest.raises(ValidationError, match="після його останнього заняття"):
        actions.evaluate(registration, by=personas.official, answers=GOOD)
    _move_to_past(event)
    client.force_login(personas.official)
    assert event.title in client.get("/learning/record/").content.decode()
    answer = {"overall": "5", "usefulness": "4", "trainers": "5", "would_recommend": "yes"}
    response = client.post(
        f"/learning/registrations/{registration.pk}/evaluate/",
        {**answer, "comment": "Більше практики"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="learning.evaluation.create").count() == 1
    with pytest.raises(ValidationError, match="вже оцінили"):
        actions.evaluate(registration, by=personas.official, answers=GOOD)
    client.force_login(personas.analyst)
    page = client.get(f"/learning/{event.pk}/").content.decode()
    assert "Більше практики" in page and "100 %" in page


def test_nobody_evaluates_for_someone_else(personas: Personas, event: Event) -> None:
    registration = _participant(event, personas, "someone@example.org")
    _move_to_past(event)
    with pytest.raises(PermissionDenied):
        actions.evaluate(registration, by=personas.official, answers=GOOD)


def test_a_score_outside_one_to_five_is_refused(personas: Personas, event: Event) -> None:
    registration = _participant(event, personas, personas.official.email)
    _move_to_past(event)
    bad = actions.EvaluationInput(overall=6, usefulness=4, trainers=5, would_recommend=False)
    with pytest.raises(ValidationError, match="від 1 до 5"):
        actions.evaluate(registration, by=personas.official, answers=bad)


def test_the_board_counts_people_present_and_member_hromadas_reached(
    personas: Personas, event: Event, client: Client
) -> None:
    city = factories.make_hromada(
        factories.make_raion(personas.oblast), hromada_type=HromadaType.CITY
    )
    for hromada in (personas.hromada, personas.other_hromada, city):
        make_membership(hromada)
    first = _participant(event, personas, "a@example.org", role="head")
    second = _participant(event, personas, "b@example.org", role="staff", hromada=city)
    absent = _participant(event, personas, "c@example.org", hromada=personas.other_hromada)
    session = event.sessions.first()
    marks = {first.pk: Presence.PRESENT, second.pk: Presence.PRESENT, absent.pk: Presence.ABSENT}
    actions.mark_attendance(session, by=personas.analyst, marks=marks)

    board = reach()
    assert (board.people, board.hromadas, board.members_reached, board.members) == (2, 2, 2, 3)
    assert board.share == 66.7
    poltava = next(r for r in board.by_oblast if r.label == personas.oblast.name)
    sumy = next(r for r in board.by_oblast if r.label == personas.other_oblast.name)
    assert (poltava.people, poltava.members, poltava.share) == (2, 2, 100)
    assert (sumy.people, sumy.members, sumy.share) == (0, 1, 0)
    with translation.override("en"):
        roles = {(r.label, r.people) for r in reach().by_role}
    assert roles == {("head of the hromada", 1), ("staff of the council", 1)}
    year = session.starts_at.year
    assert [(r.label, r.people) for r in board.by_year] == [(str(year), 2)]
    assert reach(year - 1).people == 0

    client.force_login(personas.analyst)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/learning/reach/?format=csv").content.decode("utf-8-sig"))
        )
    )
    assert len(rows) > 5 and rows[0][2] and any(row[1] == personas.oblast.name_uk for row in rows)


def test_letters_remind_before_the_event_and_ask_for_an_evaluation_after_it(
    personas: Personas, event: Event, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    _participant(event, personas, "a@example.org")
    _participant(event, personas, personas.official.email)
    client.force_login(personas.analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/learning/{event.pk}/letters/")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["a@example.org", personas.official.email]
    )
    assert "Нагадування" in mail.outbox[0].subject
    _move_to_past(event)
    own = Registration.objects.get(email=personas.official.email)
    actions.evaluate(own, by=personas.official, answers=GOOD)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/learning/{event.pk}/letters/")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "/evaluate/" in mail.outbox[0].body
    client.force_login(personas.official)
    assert client.post(f"/learning/{event.pk}/letters/").status_code == 403
