"""An official raises a problem; an analyst sends it and records the answer; the official says
whether it is solved."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.appeals.models import Body, Problem
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def people(transactional_db: None, personas: Personas) -> Personas:
    # Browser tests empty the tables after each test, seeded bodies included.
    Body.objects.get_or_create(
        code="mof",
        defaults={"name_uk": "Міністерство фінансів України", "kind": "ministry"},
    )
    return personas


def test_from_raising_a_problem_to_the_feedback_question(
    live_server: LiveServer, page: Page, people: Personas
) -> None:
    sign_in(page, live_server.url, "official")
    page.goto(live_server.url + "/appeals/new/")
    page.get_by_label("Суть проблеми").fill("Затримка освітньої субвенції")
    page.get_by_label("Подробиці").fill("Субвенцію перераховують із запізненням на 40 днів.")
    page.get_by_role("main").get_by_role("button", name="Зареєструвати проблему").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Затримка освітньої субвенції")
    problem = Problem.objects.get()

    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/appeals/{problem.pk}/")
    page.get_by_label("Міністерство фінансів України").check()
    page.get_by_role("button", name="Записати листи").click()
    expect(page.get_by_role("main")).to_contain_text("Строк відповіді")
    page.get_by_text("Записати відповідь").click()
    page.get_by_label("Дата отримання").fill(timezone.localdate().isoformat())
    page.get_by_label("Що відповіли").fill("Субвенцію перераховано.")
    page.get_by_label("Результат").select_option("solved")
    page.get_by_role("button", name="Зберегти відповідь").click()
    expect(page.get_by_role("main")).to_contain_text("Субвенцію перераховано.")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "official")
    page.goto(f"{live_server.url}/appeals/{problem.pk}/")
    page.get_by_label("вирішено для нас", exact=True).check()
    page.get_by_role("button", name="Відповісти").click()
    expect(page.get_by_role("main")).to_contain_text("вирішено")
    problem.refresh_from_db()
    assert problem.state == "solved"
