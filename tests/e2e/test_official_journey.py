"""An official signs in, finds their own hromada, and cannot open another's private page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership


@pytest.fixture
def members(transactional_db: None, personas: Personas) -> Personas:
    make_membership(personas.hromada)
    make_membership(personas.other_hromada)
    return personas


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Увійти").click()


def test_official_sees_own_hromada_and_is_refused_another(
    live_server: LiveServer, page: Page, members: Personas
) -> None:
    sign_in(page, live_server.url, "official")
    expect(page.get_by_role("main")).to_contain_text("Решетилівська")

    page.get_by_role("main").get_by_role("link", name="Решетилівська").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Решетилівська")

    response = page.goto(f"{live_server.url}/members/{members.hromada.code}/workspace/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("main")).to_contain_text("Решетилівська")

    response = page.goto(f"{live_server.url}/members/{members.other_hromada.code}/workspace/")
    assert response is not None and response.status == 403
