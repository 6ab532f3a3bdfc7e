"""Attendance and certificates are written in bulk: the number of queries does not grow with
the number of people, and certificate numbers never collide, even when events issue at once."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hromada.audit.models import AuditEntry
from hromada.learning import actions, certificates
from hromada.learning.models import (
    Certificate,
    CertificateCounter,
    Event,
    EventKind,
    Presence,
    Registration,
    Session,
)
from tests.conftest import Personas

DAY = dt.date(2026, 3, 1)


def _course(title: str, people: int, personas: Personas) -> tuple[Event, list[Registration]]:
    event = Event.objects.create(
        title=title, kind=EventKind.WEBINAR, programme="…", capacity=people, credits=Decimal(1)
    )
    start = timezone.now() + dt.timedelta(days=3)
    Session.objects.create(
        event=event, starts_at=start, ends_at=start + dt.timedelta(hours=2), place="Київ", hours=2
    )
    registrations = [
        actions.register(
            event,
            by=personas.analyst,
            full_name=f"Учасник {n}",
            email=f"{title}-{n}@example.org",
            hromada=personas.hromada,
        )
        for n in range(people)
    ]
    # Registered while it was ahead; the course took place three days ago.
    week = dt.timedelta(days=6)
    event.sessions.update(starts_at=F("starts_at") - week, ends_at=F("ends_at") - week)
    return event, registrations


def _all_present(event: Event, people: list[Registration], personas: Personas) -> None:
    marks = {r.pk: Presence.PRESENT for r in people}
    actions.mark_attendance(event.sessions.get(), by=personas.analyst, marks=marks)


def test_marking_attendance_costs_the_same_for_two_people_or_twelve(personas: Personas) -> None:
    counts = []
    for size in (2, 12):
        event, people = _course(f"k{size}", size, personas)
        session = event.sessions.get()
        with CaptureQueriesContext(connection) as queries:
            changed = actions.mark_attendance(
                session, by=personas.analyst, marks={r.pk: Presence.PRESENT for r in people}
            )
        assert changed == size
        counts.append(len(queries))
        # Changing some and keeping others is still one read, one insert and one update.
        marks = {r.pk: Presence.ABSENT if n % 2 else Presence.PRESENT for n, r in enumerate(people)}
        assert actions.mark_attendance(session, by=personas.analyst, marks=marks) == size // 2
    assert counts[0] == counts[1]


def test_a_sheet_is_saved_as_one_audit_entry_with_its_counts(personas: Personas) -> None:
    event, people = _course("sheet", 3, personas)
    session = event.sessions.get()
    actions.mark_attendance(session, by=personas.analyst, marks={people[0].pk: Presence.ABSENT})
    marks = {session.pk: {r.pk: Presence.PRESENT for r in people}}
    assert actions.import_attendance(event, by=personas.analyst, marks=marks) == 3
    entry = AuditEntry.objects.get(action="learning.attendance.import")
    assert entry.changes["added"] == [0, 2] and entry.changes["changed"] == [0, 1]
    assert set(session.attendance.values_list("presence", flat=True)) == {Presence.PRESENT}


def test_issuing_costs_the_same_for_one_participant_or_eight(personas: Personas) -> None:
    CertificateCounter.objects.create(year=DAY.year)  # the year's first issue makes it
    counts = []
    for size in (1, 8):
        event, people = _course(f"i{size}", size, personas)
        _all_present(event, people, personas)
        with CaptureQueriesContext(connection) as queries:
            issued = certificates.issue_certificates(event, by=personas.analyst, on=DAY)
        assert len(issued) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_numbers_run_on_across_events_and_after_numbers_given_before_the_counter(
    personas: Personas,
) -> None:
    first, first_people = _course("a", 2, personas)
    _all_present(first, first_people, personas)
    certificates.issue_certificates(first, by=personas.analyst, on=DAY)
    # As if numbered before the counter existed: the year's counter starts after them.
    CertificateCounter.objects.all().delete()
    second, second_people = _course("b", 2, personas)
    _all_present(second, second_people, personas)
    certificates.issue_certificates(second, by=personas.analyst, on=DAY)
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [
        "AMU-2026-00001",
        "AMU-2026-00002",
        "AMU-2026-00003",
        "AMU-2026-00004",
    ]
    assert certificates.issue_certificates(second, by=personas.analyst, on=DAY) == []
    next_year = certificates.issue_certificates(
        _with_people("c", personas), by=personas.analyst, on=DAY.replace(year=2027)
    )
    assert [c.number for c in next_year] == ["AMU-2027-00001"]


def _with_people(title: str, personas: Personas) -> Event:
    event, people = _course(title, 1, personas)
    _all_present(event, people, personas)
    return event


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database locks whole tables across threads; SQLite "
    "serialises writers anyway, so two issues cannot interleave there",
)
@pytest.mark.django_db(transaction=True)
def test_events_issuing_at_the_same_moment_never_share_a_number(personas: Personas) -> None:
    events = []
    for number in range(4):
        event, people = _course(f"race{number}", 3, personas)
        _all_present(event, people, personas)
        events.append(event)
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(events))

    def issue(event: Event) -> None:
        try:
            barrier.wait()
            certificates.issue_certificates(event, by=personas.analyst, on=DAY)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == [f"AMU-2026-{n:05d}" for n in range(1, 13)]
