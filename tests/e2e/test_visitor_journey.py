"""A visitor finds their way: language switch, the hierarchy, and search with apostrophes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.territories.models import Category, HromadaType
from tests import factories


@pytest.fixture
def khmelnytska(transactional_db: None) -> None:
    oblast = factories.make_oblast("Хмельницька", "Khmelnytska")
    raion = factories.make_raion(oblast, "Кам’янець-Подільський", "Kamianets-Podilskyi")
    hromada = factories.make_hromada(
        raion,
        name_uk="Кам’янець-Подільська",
        name_en="Kamianets-Podilska",
        hromada_type=HromadaType.CITY,
    )
    factories.TerritoryFactory(
        category=Category.CITY,
        parent=hromada,
        name_uk="Кам’янець-Подільський",
        name_en="Kamianets-Podilskyi",
    )
    factories.make_hromada(raion, name_uk="Китайгородська", name_en="Kytaihorodska")


def test_visitor_switches_language_browses_down_and_searches(
    live_server: LiveServer, page: Page, khmelnytska: None
) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator(".main-nav")).to_contain_text("Території")

    page.get_by_role("link", name="EN", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".main-nav")).to_contain_text("Territories")
    page.get_by_role("link", name="UK", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")

    page.locator(".main-nav").get_by_role("link", name="Території").click()
    page.get_by_role("link", name="Хмельницька").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Хмельницька")
    page.get_by_role("link", name="Кам’янець-Подільський", exact=True).click()
    page.get_by_role("link", name="Кам’янець-Подільська", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Кам’янець-Подільська")
    expect(page.locator(".breadcrumbs")).to_contain_text("Хмельницька")

    page.fill("#site-q", "кам'янець-подільська")
    page.press("#site-q", "Enter")
    expect(page.get_by_role("main")).to_contain_text("Кам’янець-Подільська")
    expect(page.get_by_role("main")).not_to_contain_text("Китайгородська")
