"""Under the Content-Security-Policy every page still works in Chromium, and it reports no
violation: home, a ranking, a profile, the entry form with its autosave, the API docs."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from hromada.territories.models import TerritoryBoundary
from tests.analytics.factories import Dataset, make_dataset
from tests.collection.factories import PUPILS, make_campaign
from tests.conftest import Personas
from tests.e2e.test_analytics_journey import square
from tests.e2e.test_collection_cycle import type_value
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def site(transactional_db: None, personas: Personas) -> tuple[Dataset, Campaign]:
    cache.clear()
    data = make_dataset()
    for n, hromada in enumerate(data.hromadas):  # the ranking draws its map from these
        TerritoryBoundary.objects.create(territory=hromada, geometry=square(30.0 + n))
    return data, make_campaign([personas.hromada], analyst=personas.analyst)


def watch_violations(page: Page) -> list[str]:
    """Every CSP complaint Chromium makes: the console error and the page's own event."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_public_pages_run_their_scripts_without_a_policy_violation(
    live_server: LiveServer, page: Page, site: tuple[Dataset, Campaign]
) -> None:
    data, _ = site
    alpha = data.hromadas[0]
    violations = watch_violations(page)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    page.goto(f"{live_server.url}/analytics/profile/{alpha.code}/")
    expect(page.locator("#headline-0")).to_have_attribute("data-ready", "1")
    page.get_by_role("link", name="Показник budget.revenue.own_per_capita").first.click()
    expect(page.locator("#ranking tbody tr").first).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    page.goto(live_server.url + "/api/v1/docs")
    # Swagger UI drew itself, so its script files ran (what it then says of the schema is the
    # API's business: tests/api/test_documentation.py).
    expect(page.locator("#swagger-ui .swagger-ui")).to_be_attached()
    assert violations == []


def test_the_entry_form_autosaves_without_a_policy_violation(
    live_server: LiveServer, page: Page, site: tuple[Dataset, Campaign], personas: Personas
) -> None:
    _, campaign = site
    violations = watch_violations(page)
    sign_in(page, live_server.url, "official")
    page.goto(f"{live_server.url}/collection/{campaign.pk}/h/{personas.hromada.code}/")
    type_value(page, PUPILS, "120")
    assert violations == []
