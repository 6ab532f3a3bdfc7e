"""In a browser: a value typed while offline or signed out is kept, shown as not saved, and
saved once the network or the session is back, in the same field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from hromada.indicators.models import Observation
from tests import factories
from tests.collection.factories import PUPILS, YEAR, make_campaign
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def open_campaign(transactional_db: None, personas: Personas) -> Campaign:
    return make_campaign([personas.hromada], analyst=personas.analyst)


def stored_pupils() -> float | None:
    row = Observation.all_objects.filter(indicator__code=PUPILS, year=YEAR).first()
    return row.value if row else None


def entry_url(base: str, campaign: Campaign, personas: Personas) -> str:
    return f"{base}/collection/{campaign.pk}/h/{personas.hromada.code}/"


def test_a_value_typed_offline_is_kept_and_saved_when_the_network_is_back(
    live_server: LiveServer, page: Page, open_campaign: Campaign, personas: Personas
) -> None:
    sign_in(page, live_server.url, "official")
    page.goto(entry_url(live_server.url, open_campaign, personas))
    box = page.locator(f'[id="value-{PUPILS}"]')
    box.fill("1200")
    box.press("Tab")
    saved = page.locator(f'[id="messages-{PUPILS}"] .saved')
    expect(saved).to_contain_text("Збережено як чернетку о")

    page.context.set_offline(True)
    box.fill("1250")
    box.press("Tab")
    status = page.locator(f'[id="status-{PUPILS}"]')
    expect(status).to_contain_text("Не збережено: немає з’єднання")
    expect(status.get_by_role("button", name="Спробувати ще раз")).to_be_visible()
    assert stored_pupils() == 1200.0
    kept = page.evaluate("() => JSON.stringify(localStorage)")
    assert "1250" in kept

    page.context.set_offline(False)
    expect(status).to_be_hidden()
    expect(saved).to_be_visible()
    assert stored_pupils() == 1250.0
    assert page.evaluate("() => localStorage.length") == 0


def test_a_signed_out_official_signs_in_and_finds_the_value_saved_in_its_field(
    live_server: LiveServer, page: Page, open_campaign: Campaign, personas: Personas
) -> None:
    entry = entry_url(live_server.url, open_campaign, personas)
    sign_in(page, live_server.url, "official")
    page.goto(entry)
    page.context.clear_cookies()  # the session ends while the page is open

    box = page.locator(f'[id="value-{PUPILS}"]')
    box.fill("3456")
    box.press("Tab")
    status = page.locator(f'[id="status-{PUPILS}"]')
    expect(status).to_contain_text("Не збережено: ви вийшли з системи")
    assert stored_pupils() is None

    status.get_by_role("link", name="Увійти знову").click()
    page.locator("#id_username").fill("official")
    page.locator("#id_password").fill(factories.PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Увійти").click()

    page.wait_for_url(entry + f"#row-{PUPILS}")
    expect(page.locator(f'[id="value-{PUPILS}"]')).to_have_value("3456")
    expect(page.locator(f'[id="value-{PUPILS}"]')).to_be_focused()
    expect(page.locator(f'[id="messages-{PUPILS}"] .saved')).to_be_visible()
    assert stored_pupils() == 3456.0


def test_signing_in_in_another_tab_lets_the_kept_value_through(
    live_server: LiveServer, page: Page, open_campaign: Campaign, personas: Personas
) -> None:
    entry = entry_url(live_server.url, open_campaign, personas)
    sign_in(page, live_server.url, "official")
    page.goto(entry)
    page.context.clear_cookies()
    box = page.locator(f'[id="value-{PUPILS}"]')
    box.fill("789")
    box.press("Tab")
    status = page.locator(f'[id="status-{PUPILS}"]')
    expect(status).to_contain_text("ви вийшли з системи")

    other = page.context.new_page()
    sign_in(other, live_server.url, "official")
    other.close()
    page.bring_to_front()  # back on the questionnaire: the kept value goes out by itself
    expect(page.locator(f'[id="messages-{PUPILS}"] .saved')).to_be_visible()
    expect(status).to_be_hidden()
    assert stored_pupils() == 789.0
