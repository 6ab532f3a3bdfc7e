"""An official registers and is promoted from the waiting list; the trainer marks attendance on
a phone; the certificate is issued and its check page confirms it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.learning import actions
from hromada.learning.models import Certificate, Event, Session
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def course(transactional_db: None, personas: Personas) -> Event:
    event = Event.objects.create(
        title="Бюджетний процес",
        kind="course",
        programme="Програма",
        capacity=1,
        credits=Decimal(1),
    )
    start = timezone.now() - dt.timedelta(days=2)
    Session.objects.create(
        event=event, starts_at=start, ends_at=start + dt.timedelta(hours=6), place="Київ", hours=6
    )
    actions.register(
        event,
        by=personas.analyst,
        full_name="Перший",
        email="first@example.org",
        hromada=personas.hromada,
    )
    event.trainers.add(personas.coordinator)
    return event


def test_waiting_list_attendance_and_certificate(
    live_server: LiveServer, page: Page, course: Event, personas: Personas
) -> None:
    sign_in(page, live_server.url, "official")
    page.goto(f"{live_server.url}/learning/{course.pk}/")
    page.get_by_label("Прізвище, ім’я, по батькові").fill("Олена Коваль")
    page.locator("#id_email").fill("olena@example.org")
    page.get_by_role("main").get_by_role("button", name="Зареєструватися").click()
    expect(page.get_by_role("main")).to_contain_text("у листі очікування")
    # The first participant cancels: the official moves up.
    page.get_by_role("row", name="Перший").get_by_role("button", name="скасувати").click()
    expect(page.get_by_role("row", name="Олена Коваль")).to_contain_text("підтверджено")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/learning/sessions/{course.sessions.get().pk}/attendance/")
    page.get_by_role("group", name="Олена Коваль").get_by_label("присутній").check()
    page.get_by_role("button", name="Зберегти присутність").click()
    expect(page.get_by_role("main")).to_contain_text("Присутність збережено")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/learning/{course.pk}/")
    page.get_by_role("button", name="Видати сертифікати всім, хто завершив").click()
    expect(page.get_by_role("main")).to_contain_text("Видано сертифікатів: 1")

    certificate = Certificate.objects.get()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/learning/check/{certificate.check_code}/")
    expect(page.get_by_role("main")).to_contain_text("дійсний")
    expect(page.get_by_role("main")).to_contain_text("Олена Коваль")
