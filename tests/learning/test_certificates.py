"""Attendance decides the certificate; a certificate is checked publicly and can be revoked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.learning import actions, certificates
from hromada.learning.models import Certificate, Event, Presence, Registration
from tests.conftest import Personas


@pytest.fixture
def two(personas: Personas, event: Event) -> list[Registration]:
    return [
        actions.register(
            event,
            by=personas.official,
            full_name=name,
            email=f"{n}@example.org",
            hromada=personas.hromada,
        )
        for n, name in enumerate(["Олена Коваль", "Петро Шевчук"])
    ]


def test_completion_needs_80_percent_of_the_hours_and_excused_hours_do_not_count(
    personas: Personas, event: Event, two: list[Registration]
) -> None:
    first, second = event.sessions.all()
    actions.mark_attendance(
        first, by=personas.analyst, marks={two[0].pk: Presence.PRESENT, two[1].pk: Presence.PRESENT}
    )
    actions.mark_attendance(
        second,
        by=personas.analyst,
        marks={two[0].pk: Presence.PRESENT, two[1].pk: Presence.EXCUSED},
    )
    assert certificates.completion(two[0]).complete  # 10 of 10 hours
    assert not certificates.completion(two[1]).complete  # 6 of 10 hours: 60 %
    assert certificates.completion(two[1]).share == 60


def test_only_trainers_and_staff_mark_attendance(
    personas: Personas, event: Event, two: list[Registration]
) -> None:
    session = event.sessions.first()
    with pytest.raises(PermissionDenied):
        actions.mark_attendance(session, by=personas.official, marks={two[0].pk: Presence.PRESENT})
    event.trainers.add(personas.coordinator)
    assert (
        actions.mark_attendance(
            session, by=personas.coordinator, marks={two[0].pk: Presence.PRESENT}
        )
        == 1
    )


def test_certificates_go_to_those_who_completed_with_a_pdf_and_a_public_check(
    personas: Personas,
    event: Event,
    two: list[Registration],
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    for session in event.sessions.all():
        actions.mark_attendance(
            session,
            by=personas.analyst,
            marks={two[0].pk: Presence.PRESENT, two[1].pk: Presence.ABSENT},
        )
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificates.issue_certificates(event, by=personas.analyst)
    assert [c.full_name for c in issued] == ["Олена Коваль"]
    certificate = Certificate.objects.get()
    assert certificate.number.startswith("AMU-") and certificate.hours == 10
    with certificate.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    check = client.get(f"/learning/check/{certificate.check_code}/").content.decode()
    assert "дійсний" in check and "Олена Коваль" in check
    assert "0@example.org" not in check and personas.hromada.name not in check
    # Issuing again adds nobody twice.
    assert certificates.issue_certificates(event, by=personas.analyst) == []
    certificates.revoke(certificate, by=personas.analyst, reason="Помилка в обліку присутності")
    assert "відкликано" in client.get(f"/learning/check/{certificate.check_code}/").content.decode()
    assert client.get("/learning/check/not-a-code/").status_code == 404


def test_a_person_sees_their_certificates_and_credits_by_year(
    personas: Personas, event: Event, client: Client
) -> None:
    personas.official.email = "official@example.org"
    personas.official.save()
    registration = actions.register(
        event,
        by=personas.official,
        full_name="Я",
        email="official@example.org",
        hromada=personas.hromada,
    )
    for session in event.sessions.all():
        actions.mark_attendance(
            session, by=personas.analyst, marks={registration.pk: Presence.PRESENT}
        )
    certificates.issue_certificates(event, by=personas.analyst)
    client.force_login(personas.official)
    page = client.get("/learning/record/").content.decode()
    assert "AMU-" in page and "(10,0 год, 1,0 ЄКТС)" in page
    with translation.override("en"):
        english = client.get(reverse("learning:record")).content.decode()
    assert "(10.0 h, 1.0 ECTS)" in english


def test_the_event_page_reads_hours_of_every_registration_in_constant_queries(
    personas: Personas, event: Event, client: Client, django_assert_max_num_queries: Any
) -> None:
    people = [
        actions.register(
            event,
            by=personas.analyst,
            full_name=f"Особа {n}",
            email=f"p{n}@example.org",
            hromada=personas.hromada,
        )
        for n in range(3)
    ]
    first = event.sessions.first()
    actions.mark_attendance(
        first, by=personas.analyst, marks={p.pk: Presence.PRESENT for p in people}
    )
    client.force_login(personas.analyst)
    with django_assert_max_num_queries(20):
        page = client.get(f"/learning/{event.pk}/").content.decode()
    assert page.count("(60 %)") == 3
