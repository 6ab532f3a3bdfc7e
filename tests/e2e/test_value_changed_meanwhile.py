"""In a browser: a field saved in another tab meanwhile shows both values, and the official
keeps theirs by changing the field again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from hromada.indicators.models import Observation
from tests.collection.factories import PUPILS, YEAR, make_campaign
from tests.conftest import Personas
from tests.e2e.test_collection_cycle import type_value
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def open_campaign(transactional_db: None, personas: Personas) -> Campaign:
    return make_campaign([personas.hromada], analyst=personas.analyst)


def test_a_value_saved_in_another_tab_is_shown_beside_mine(
    live_server: LiveServer,
    page: Page,
    open_campaign: Campaign,
    personas: Personas,
) -> None:
    base = live_server.url
    entry = f"{base}/collection/{open_campaign.pk}/h/{personas.hromada.code}/"
    sign_in(page, base, "official")
    page.goto(entry)
    other_tab = page.context.new_page()
    other_tab.goto(entry)
    type_value(other_tab, PUPILS, "1200")

    box = page.locator(f'[id="value-{PUPILS}"]')
    box.fill("1500")
    box.press("Tab")

    conflict = page.locator(f'[id="messages-{PUPILS}"] .field-conflict')
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("1 200")
    expect(conflict).to_contain_text("1 500")
    assert Observation.all_objects.get(indicator__code=PUPILS, year=YEAR).value == 1200.0

    box.fill("1501")
    box.press("Tab")
    expect(page.locator(f'[id="messages-{PUPILS}"] .saved')).to_be_visible()
    assert Observation.all_objects.get(indicator__code=PUPILS, year=YEAR).value == 1501.0
