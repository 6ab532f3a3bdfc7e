"""A visitor benchmarks a hromada: profile, ranking, peer group, map, comparison, PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from hromada.territories.models import TerritoryBoundary
from tests.analytics.factories import Dataset, make_dataset


def square(x: float) -> dict[str, object]:
    ring = [[x, 50.0], [x + 1, 50.0], [x + 1, 51.0], [x, 51.0], [x, 50.0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def benchmark_data(transactional_db: None) -> Dataset:
    cache.clear()
    data = make_dataset()
    for n, hromada in enumerate(data.hromadas):
        TerritoryBoundary.objects.create(territory=hromada, geometry=square(30.0 + n))
    return data


def test_visitor_benchmarks_a_hromada(
    live_server: LiveServer, page: Page, benchmark_data: Dataset, tmp_path: Path
) -> None:
    alpha, beta, delta = (benchmark_data.hromadas[i] for i in (0, 1, 3))
    page.goto(f"{live_server.url}/territories/{alpha.code}/")
    page.get_by_role("link", name=re.compile("Альфа")).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Альфа")
    expect(page.locator("#headline-0")).to_have_attribute("data-ready", "1")
    page.locator("#headline-0").locator("..").locator("summary").click()
    expect(page.locator("#headline-0").locator("..").locator("table")).to_be_visible()

    page.get_by_role("link", name="Показник budget.revenue.own_per_capita").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("budget.revenue.own_per_capita")
    expect(page.locator("tr.selected")).to_contain_text("Альфа")
    expect(page.locator("#ranking tbody tr")).to_have_count(1)  # same type and band

    page.select_option("#peers", "oblast")
    page.locator("#ranking-filters").get_by_role("button").click()
    expect(page).to_have_url(re.compile("peers=oblast"))
    # Ranked with a value, and listed apart without one: the oblast's three hromadas.
    expect(page.locator("#ranking tbody tr")).to_have_count(2)
    expect(page.locator("#unranked tbody tr")).to_have_count(1)
    expect(page.locator("#ranking")).not_to_contain_text("Дельта")

    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#map svg path").first).to_be_attached()

    page.goto(f"{live_server.url}/analytics/compare/?h={alpha.code}&h={beta.code}")
    page.fill("#add-hromada", delta.code)
    page.locator("#compare-form").get_by_role("button").click()
    expect(page.locator("#comparison thead")).to_contain_text("Дельта")
    assert page.url.count("h=UA") == 3
    expect(page.locator("#lines-0")).to_have_attribute("data-ready", "1")

    page.goto(f"{live_server.url}/analytics/profile/{alpha.code}/")
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    target = tmp_path / "profile.pdf"
    download.value.save_as(target)
    reader = PdfReader(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Альфа" in "".join(p.extract_text() for p in reader.pages)
