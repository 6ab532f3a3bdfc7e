"""Pickers instead of typed codes: a comparison built from name search, from a profile, and a
questionnaire built with the indicator picker and reordered."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from tests.analytics.factories import Dataset, make_dataset
from tests.collection.factories import GRADE1, PUPILS, make_questionnaire_indicators
from tests.conftest import Personas
from tests.e2e.page_checks import page_problems
from tests.e2e.test_official_journey import sign_in

SHOTS = os.environ.get("HROMADA_SCREENSHOTS")  # a folder: keep screenshots of each step


@pytest.fixture
def tester(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="uk-UA", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def data(transactional_db: None) -> Dataset:
    cache.clear()
    return make_dataset()


def pick(page: Page, typed: str, name: str) -> None:
    page.fill("#add-hromada", typed)
    page.locator(".picker-options [role=option]", has_text=name).first.click()


def test_compare_is_built_by_searching_names_on_a_phone(
    live_server: LiveServer, tester: Page, data: Dataset
) -> None:
    page = tester
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/analytics/compare/")
    pick(page, "дел", "Дельта")
    # The keyboard works too: down into the list, Enter takes the hromada.
    page.fill("#add-hromada", "бет")
    expect(page.locator(".picker-options [role=option]")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator(".picker-chosen input:checked")).to_have_count(2)
    page.fill("#compare-indicators-filter", "debt")
    expect(page.locator("#compare-indicators li:visible")).to_have_count(1)
    page.locator("#compare-indicators li:visible input").check()
    assert not page_problems(page), page_problems(page)
    shot(page, "compare-picker-375")
    page.locator("#compare-form").get_by_role("button", name="Порівняти").click()
    expect(page.locator("#comparison thead")).to_contain_text("Дельта")
    expect(page.locator("#comparison thead")).to_contain_text("Бета")
    expect(page.locator("#comparison tbody")).to_contain_text("budget.debt_share")
    assert not page_problems(page), page_problems(page)

    # From a profile, one click opens Compare with that hromada already chosen.
    page.set_viewport_size({"width": 1366, "height": 900})
    alpha = data.hromadas[0]
    page.goto(f"{live_server.url}/analytics/profile/{alpha.code}/")
    page.locator("#compare-this").click()
    expect(page.locator(".picker-chosen input:checked")).to_have_count(1)
    expect(page.locator("#comparison thead")).to_contain_text("Альфа")
    assert not page_problems(page), page_problems(page)


def test_analyst_builds_a_questionnaire_with_the_picker(
    live_server: LiveServer, tester: Page, personas: Personas, transactional_db: None
) -> None:
    make_questionnaire_indicators()
    page = tester
    sign_in(page, live_server.url, personas.analyst.username)
    page.goto(f"{live_server.url}/collection/new/")
    page.fill("#id_year", "2024")
    page.fill("#id_name_uk", "Збір 2024")
    page.fill("#id_opens_on", "2025-01-10")
    page.fill("#id_closes_on", "2025-03-01")
    pick(page, personas.hromada.name_uk[:5], personas.hromada.name_uk)
    page.fill("#add-indicators-filter", "pupils")
    page.locator("#add-indicators li:visible input").nth(0).check()
    page.locator("#add-indicators li:visible input").nth(1).check()
    page.get_by_role("button", name="Додати позначені показники").click()
    cards = page.locator(".builder-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text(PUPILS)
    # Move the second question up: the builder renumbers the order.
    page.get_by_role("button", name=re.compile(f"^Вище: .*{GRADE1}")).click()
    expect(cards.first).to_contain_text(GRADE1)
    assert not page_problems(page), page_problems(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert not page_problems(page), page_problems(page)
    shot(page, "questionnaire-builder-375")
    page.locator("button.primary", has_text="Зберегти").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    campaign = Campaign.objects.get()
    assert [i.indicator.code for i in campaign.items.order_by("order")] == [GRADE1, PUPILS]
    assert campaign.submissions.get().territory == personas.hromada

    # A validation rule written in the app: the live check names what it would flag.
    page.goto(f"{live_server.url}/collection/rules/new/")
    page.locator("#id_expression").fill(f"{PUPILS} >= {GRADE1}")
    expect(page.locator("#rule-check")).to_contain_text("з 1 громад")
    page.locator("#id_expression").fill(f"{PUPILS} >= (")
    expect(page.locator("#rule-check .error")).to_be_visible()
    page.locator("#id_expression").fill(f"{PUPILS} >= {GRADE1}")
    page.fill("#id_message_uk", "Першокласників більше, ніж учнів")
    assert not page_problems(page), page_problems(page)
    shot(page, "rule-editor-375")
    page.locator("button.primary", has_text="Зберегти").click()
    expect(page.locator("main table")).to_contain_text(PUPILS)
