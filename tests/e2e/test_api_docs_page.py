"""The API's documentation page renders its operations in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_page_renders(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("/api/v1/observations").first).to_be_visible()
    assert "Parser error" not in page.content()
