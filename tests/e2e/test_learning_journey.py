"""An official registers and is promoted from the waiting list; the trainer marks attendance on
a phone; the certificate is issued and its check page confirms it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.learning import actions
from hromada.learning.models import Certificate, Event, Session
from hromada.surveys.models import Invitation
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in

DAYS_4 = dt.timedelta(days=4)


@pytest.fixture
def course(transactional_db: None, personas: Personas) -> Event:
    event = Event.objects.create(
        title="Бюджетний процес",
        kind="course",
        programme="Програма",
        capacity=1,
        credits=Decimal(1),
    )
    start = timezone.now() + dt.timedelta(days=2)
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
    # The course takes place: registration closes, attendance and certificates follow.
    course.sessions.update(starts_at=F("starts_at") - DAYS_4, ends_at=F("ends_at") - DAYS_4)
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Реєстрацію закрито: захід уже розпочався.")

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

    # The course is over: the attendee gets a personal link to the evaluation wave, answers
    # on the surveys page once, and the organisers see the count (figures come from 3 answers).
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/learning/{course.pk}/")
    page.get_by_role("button", name="Попросити учасників оцінити захід").click()
    expect(page.get_by_role("main")).to_contain_text("Відповіли 0 з 1 присутніх")
    invitation = Invitation.objects.get()
    assert [m.to for m in mail.outbox if invitation.token in m.body] == [["olena@example.org"]]
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/surveys/r/{invitation.token}/")
    for question in ("Загальна оцінка заходу", "Наскільки корисне", "Оцінка тренерів"):
        page.get_by_role("group", name=question).get_by_label("5", exact=True).check()
    page.get_by_role("group", name="Чи порадите").get_by_label("Так").check()
    page.get_by_role("button", name="Подати відповіді").click()
    expect(page.get_by_role("main")).to_contain_text("Дякуємо: ваші відповіді подано")
    page.goto(f"{live_server.url}/surveys/r/{invitation.token}/")
    expect(page.get_by_role("main")).not_to_contain_text("Подати відповіді")
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/learning/{course.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Відповіли 1 з 1 присутніх")
    expect(page.get_by_role("main")).to_contain_text("1 відповідь: показуємо від 3 відповідей")


@pytest.fixture
def measured_indicator(transactional_db: None, personas: Personas) -> str:
    """An indicator with published values for the official's hromada and two peers."""
    from hromada.indicators.actions import ValueInput, record_observations
    from tests import factories
    from tests.indicators.factories import make_indicator

    indicator = make_indicator("budget.own_per_capita", area="budget", name_uk="Власні доходи")
    rows = {personas.hromada: {2018: 100, 2019: 100, 2021: 150, 2022: 160}}
    for level in (100, 200):
        rows[factories.make_hromada(factories.make_raion(personas.oblast))] = {
            2018: level,
            2019: level,
            2021: level + 10,
        }
    values = [
        ValueInput(hromada.pk, indicator.pk, year, "", value, "")
        for hromada, series in rows.items()
        for year, value in series.items()
    ]
    record_observations(values, by=None, reason="import", status="published")
    return indicator.name_uk


def test_a_practice_with_a_target_indicator_is_published_charted_found_and_adopted(
    live_server: LiveServer, page: Page, personas: Personas, measured_indicator: str
) -> None:
    from tests import factories

    factories.make_official(personas.other_hromada, username="neighbour")
    sign_in(page, live_server.url, "official")
    page.goto(f"{live_server.url}/learning/practices/new/")
    page.locator("#id_title").fill("Інвентаризація земель")
    # By id: the English texts' labels ("Результати англійською") hold the Ukrainian ones.
    page.locator("#id_problem").fill("Низькі власні доходи.")
    page.locator("#id_solution").fill("Перевірили договори оренди.")
    page.locator("#id_results").fill("Доходи зросли на половину.")
    page.get_by_label("Знайти показник").fill("власні")
    page.get_by_label(measured_indicator).check()
    page.get_by_label("Початок (рік)").fill("2020")
    page.get_by_role("button", name="Надіслати на розгляд").click()
    expect(page.get_by_role("main")).to_contain_text("секція розгляне практику")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/learning/practices/")
    page.get_by_role("link", name="Інвентаризація земель").click()
    page.get_by_label("опублікувати", exact=False).check()
    page.get_by_label("Рівень доказовості").select_option("measured")
    page.get_by_role("button", name="Зберегти рецензію").click()
    expect(page.locator(".chart-canvas[data-ready='1']")).to_have_count(1)
    # Own +55, peers +10: the estimate is 45.
    expect(page.get_by_role("main")).to_contain_text("«різниця різниць»: 45")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server.url, "neighbour")
    page.goto(f"{live_server.url}/learning/practices/?q=ЗЕМЕЛЬ&subject=budget")
    page.get_by_role("link", name="Інвентаризація земель").click()
    page.get_by_text("Ми це запровадили").click()
    page.get_by_label("Запроваджено (рік)").fill("2022")
    page.get_by_role("button", name="Зазначити запровадження").click()
    expect(page.get_by_role("main")).to_contain_text("Миколаївська (2022)")
    overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert overflow is True
