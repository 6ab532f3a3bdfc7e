"""The board of who was trained against the membership."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.test import Client
from django.utils import translation

from hromada.learning import actions
from hromada.learning.models import Event, Presence, Registration
from hromada.learning.reach import reach
from hromada.territories.models import HromadaType
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership


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
