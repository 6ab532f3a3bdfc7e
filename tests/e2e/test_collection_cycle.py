"""The yearly cycle in a browser: an official fills in (web and Excel) and submits, the
coordinator returns one value and then verifies, the analyst releases, the public sees it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from hromada.indicators.models import Indicator
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in


@pytest.fixture
def campaign(transactional_db: None, personas: Personas) -> Campaign:
    campaign = make_campaign([personas.hromada], analyst=personas.analyst)
    put(personas.hromada, PUPILS, YEAR - 1, 100.0)
    return campaign


def field(page: Page, kind: str, code: str) -> object:
    return page.locator(f'[id="{kind}-{code}"]')


def type_value(page: Page, code: str, value: str) -> None:
    box = page.locator(f'[id="value-{code}"]')
    box.fill(value)
    box.press("Tab")
    expect(page.locator(f'[id="messages-{code}"] .saved')).to_be_visible()


def filled_workbook(page: Page, values: dict[str, object], folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator("a[href$='/workbook/']").click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    for row in book["Data"].iter_rows(min_row=2):
        if row[2].value in values:
            row[7].value = values[row[2].value]
    path = folder / "filled.xlsx"
    book.save(path)
    return path


def upload(page: Page, path: Path) -> None:
    page.locator("#upload-file").set_input_files(str(path))
    page.locator("form[action$='/upload/'] button").click()


def switch_user(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, username)


def test_the_yearly_cycle_from_entry_to_publication(
    live_server: LiveServer, page: Page, campaign: Campaign, personas: Personas, tmp_path: Path
) -> None:
    base = live_server.url
    entry = f"{base}/collection/{campaign.pk}/h/{personas.hromada.code}/"
    sign_in(page, base, "official")
    page.goto(entry)
    type_value(page, PUPILS, "480")
    page.goto(base + "/")
    page.goto(entry)
    expect(page.locator(f'[id="value-{PUPILS}"]')).to_have_value("480")

    upload(page, filled_workbook(page, {PUPILS: 500, GRADE1: -4}, tmp_path))
    problems = page.locator(".upload-problems")
    expect(problems).to_contain_text("3")
    expect(problems).to_contain_text("H")
    page.goto(entry)
    upload(page, filled_workbook(page, {PUPILS: 500, GRADE1: 60}, tmp_path))
    expect(page.locator(f'[id="value-{GRADE1}"]')).to_have_value("60")

    expect(page.locator(f'[id="messages-{PUPILS}"] .warning')).to_be_visible()
    comment = page.locator(f'[id="comment-{PUPILS}"]')
    comment.fill("Приєднано два села")
    comment.press("Tab")
    expect(page.locator(f'[id="messages-{PUPILS}"] .saved')).to_be_visible()
    page.locator("#submit-comment").fill("Дані за рік")
    page.locator("form[action$='/submit/'] button").click()
    expect(page.locator("#submit-comment")).to_have_count(0)

    switch_user(page, base, "coordinator")
    page.goto(entry + "review/")
    grade1 = Indicator.objects.get(code=GRADE1)
    page.locator(f"#note-{grade1.pk}").fill("Перевірте кількість першокласників")
    page.locator("#return-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()

    switch_user(page, base, "official")
    page.goto(entry)
    expect(page.locator(".return-note")).to_contain_text("першокласників")
    type_value(page, GRADE1, "62")
    page.locator("form[action$='/submit/'] button").click()
    expect(page.locator("#submit-comment")).to_have_count(0)

    switch_user(page, base, "coordinator")
    page.goto(entry + "review/")
    page.locator("form[action$='/verify/'] button").click()
    switch_user(page, base, "analyst")
    page.goto(f"{base}/releases/new/")
    page.fill("#id_name_uk", "Остаточні дані")
    page.select_option("#id_kind", "final")
    page.fill("#id_first_year", str(YEAR))
    page.fill("#id_last_year", str(YEAR))
    page.locator("main form button.primary").click()
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator(".messages")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{base}/indicators/values/{personas.hromada.code}/{GRADE1}/{YEAR}/")
    expect(page.get_by_role("main")).to_contain_text("62")
