"""An analyst imports the Rada's files; an official follows a bill and hears of its new stage."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in
from tests.legislation.conftest import FIRST, SEED


@pytest.fixture
def people(transactional_db: None, personas: Personas) -> Personas:
    return personas


def _upload(page: Page, base: str, names: list[str]) -> None:
    page.goto(base + "/legislation/import/")
    page.locator("input[type=file]").set_input_files([str(SEED / name) for name in names])
    page.get_by_role("main").get_by_role("button", name="Імпортувати").click()


def test_import_follow_and_alert(live_server: LiveServer, page: Page, people: Personas) -> None:
    sign_in(page, live_server.url, "analyst")
    _upload(page, live_server.url, list(FIRST))
    expect(page.get_by_role("main")).to_contain_text("6 нових законопроєктів")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "official")
    page.goto(live_server.url + "/legislation/")
    page.get_by_label("Слова в номері чи назві").fill("бюджетного кодексу")
    page.get_by_role("main").get_by_role("button", name="Показати").click()
    page.get_by_role("link", name="12101").click()
    page.get_by_role("button", name="Стежити за цим законопроєктом").click()
    expect(page.get_by_role("button", name="Не стежити за цим законопроєктом")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    _upload(page, live_server.url, ["billinfo-update-sample.json"])

    page.context.clear_cookies()
    sign_in(page, live_server.url, "official")
    page.goto(live_server.url + "/legislation/following/")
    news = page.locator("ul.alerts")
    expect(news).to_contain_text("№ 12101")
    expect(news).to_contain_text("прийнято в першому читанні")
