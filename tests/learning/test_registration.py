"""Registration: capacity, the waiting list with automatic promotion, cancellation, races."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.learning import actions
from hromada.learning.models import Event, Registration, RegistrationState
from tests.conftest import Personas


def _register(event: Event, personas: Personas, number: int) -> Registration:
    return actions.register(
        event,
        by=personas.official,
        full_name=f"Працівник {number}",
        email=f"worker{number}@example.org",
        hromada=personas.hromada,
    )


def test_places_fill_then_the_waiting_list_and_a_cancellation_promotes_the_first(
    personas: Personas, event: Event, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        people = [_register(event, personas, n) for n in range(5)]
    assert [p.state for p in people] == ["confirmed"] * 3 + ["waiting"] * 2
    assert len(mail.outbox) == 5 and "очікування" in mail.outbox[3].subject
    with django_capture_on_commit_callbacks(execute=True):
        promoted = actions.cancel(people[0], by=personas.official)
    assert promoted == people[3]
    promoted.refresh_from_db()
    assert promoted.state == RegistrationState.CONFIRMED
    assert mail.outbox[-1].to == ["worker3@example.org"]
    assert "підтверджено" in mail.outbox[-1].subject


def test_the_same_person_cannot_register_twice(personas: Personas, event: Event) -> None:
    _register(event, personas, 1)
    with pytest.raises(ValidationError):
        _register(event, personas, 1)


def test_an_official_registers_people_of_their_own_hromada_only(
    personas: Personas, event: Event
) -> None:
    with pytest.raises(PermissionDenied):
        actions.register(
            event,
            by=personas.official,
            full_name="Чужий",
            email="x@example.org",
            hromada=personas.other_hromada,
        )


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database locks whole tables across threads; a real "
    "SQLite file serialises writers with IMMEDIATE transactions instead",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_place_do_not_both_get_it(
    personas: Personas, event: Event
) -> None:
    event.capacity = 1
    event.save()
    results: list[str] = []

    def attempt(number: int) -> None:
        try:
            results.append(_register(event, personas, number).state)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["confirmed", "waiting", "waiting", "waiting"]


def test_registering_on_the_page(personas: Personas, event: Event, client: Client) -> None:
    client.force_login(personas.official)
    page = client.get(f"/learning/{event.pk}/").content.decode()
    assert "Бюджетний процес у громаді" in page and "3 вільних з 3" in page
    client.post(
        f"/learning/{event.pk}/register/",
        {
            "full_name": "Олена Коваль",
            "email": "olena@example.org",
            "hromada": personas.hromada.code,
        },
    )
    assert Registration.objects.get().state == "confirmed"


@pytest.mark.parametrize("days_ago", [30, 0])  # a past event, and one whose first day has begun
def test_an_event_that_has_started_offers_no_registration_and_refuses_a_forged_one(
    personas: Personas, event: Event, client: Client, days_ago: int
) -> None:
    first, second = event.sessions.all()
    moved = dt.timedelta(days=10 + days_ago, hours=1)
    for session in (first, second) if days_ago else (first,):
        session.starts_at -= moved
        session.ends_at -= moved
        session.save()
    client.force_login(personas.official)
    for language, line in (
        ("uk", "Реєстрацію закрито: захід уже розпочався."),
        ("en", "Registration is closed: the event has already started."),
    ):
        with translation.override(language):
            url = reverse("learning:event", args=[event.pk])
        page = client.get(url).content.decode()
        assert line in page and 'name="full_name"' not in page, language
    forged = client.post(
        f"/learning/{event.pk}/register/",
        {
            "full_name": "Олена Коваль",
            "email": "olena@example.org",
            "hromada": personas.hromada.code,
        },
        follow=True,
    )
    assert "Реєстрацію закрито: захід уже розпочався." in forged.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(ValidationError):
        _register(event, personas, 1)


def test_an_analyst_still_registers_a_walk_in_once_the_event_has_started(
    personas: Personas, event: Event, client: Client
) -> None:
    for session in event.sessions.all():
        session.starts_at -= dt.timedelta(days=11)
        session.ends_at -= dt.timedelta(days=11)
        session.save()
    client.force_login(personas.analyst)
    page = client.get(reverse("learning:event", args=[event.pk])).content.decode()
    assert 'name="full_name"' in page

    walk_in = actions.register(
        event,
        by=personas.analyst,
        full_name="Олена Коваль",
        email="olena@example.org",
        hromada=personas.hromada,
    )

    assert walk_in.state == RegistrationState.CONFIRMED
