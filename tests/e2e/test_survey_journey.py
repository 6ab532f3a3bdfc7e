"""An analyst uploads a questionnaire with a mistake, fixes it and invites one oblast; a
respondent answers on a 375 px phone screen, continues later and submits; the analyst
reviews the answer, closes the wave, publishes its results (charted) and records the bound
question as an indicator, which the next release makes public on the hromada's profile."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.surveys.models import Invitation, Response, Survey
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in
from tests.indicators.factories import make_indicator
from tests.surveys.factories import SURVEY, make_member, with_column, workbook

STAFF = "governance.cnap_staff"
BOUND = with_column(SURVEY, "bind::hromada:indicator", {"staff": STAFF})


@pytest.fixture
def members(transactional_db: None, personas: Personas) -> Personas:
    make_indicator(STAFF, "governance", name_uk="Працівники ЦНАП", unit="persons")
    make_member(personas.hromada)
    make_member(personas.other_hromada, email="other@example.org")
    return personas


def test_analyst_fixes_a_form_and_a_respondent_answers_on_a_phone(
    live_server: LiveServer, page: Page, members: Personas, tmp_path: object
) -> None:
    base = live_server.url
    sign_in(page, base, "analyst")
    page.goto(base + "/surveys/new/")
    page.locator("#id_code").fill("cnap")
    page.locator("#id_title_uk").fill("Послуги ЦНАП")
    page.get_by_role("button", name="Зберегти").click()

    broken = [row[:] for row in BOUND]
    broken[2][1] = "staff"  # the second question repeats the first one's name
    page.locator("#id_workbook").set_input_files(
        files=[{"name": "cnap.xlsx", "mimeType": "application/octet-stream",
                "buffer": workbook(broken)}]
    )  # fmt: skip
    page.get_by_role("button", name="Надіслати анкету").click()
    expect(page.get_by_role("alert")).to_contain_text("Аркуш «survey», рядок 3, стовпець B (name)")

    page.locator("#id_workbook").set_input_files(
        files=[{"name": "cnap.xlsx", "mimeType": "application/octet-stream",
                "buffer": workbook(BOUND)}]
    )  # fmt: skip
    page.get_by_role("button", name="Надіслати анкету").click()
    expect(page.get_by_role("main")).to_contain_text("Скільки працівників у ЦНАП?")

    page.get_by_role("link", name="Нова хвиля").click()
    page.locator("#id_year").fill("2026")
    page.locator("#id_closes_on").fill("2026-12-31")
    page.locator("#id_panel_kind").select_option("oblast")
    page.locator("#id_oblast").select_option(members.oblast.code)
    page.locator("#id_role").select_option("head")
    page.get_by_role("button", name="Відкрити хвилю").click()
    expect(page.get_by_role("main")).to_contain_text("Решетилівська")
    wave = Survey.objects.get(code="cnap").waves.get()
    assert list(wave.invitations.values_list("hromada_id", flat=True)) == [members.hromada.pk]

    invitation = Invitation.objects.get(wave=wave)
    phone = page.context.browser.new_context(  # type: ignore[union-attr]
        viewport={"width": 375, "height": 740}, locale="uk-UA"
    ).new_page()
    phone.goto(f"{base}/surveys/r/{invitation.token}/")
    phone.get_by_label("Скільки працівників у ЦНАП?").fill("12")
    phone.get_by_label("Ні").check()
    expect(phone.locator('[data-question="services"]')).to_be_hidden()
    phone.get_by_label("Так").check()
    expect(phone.locator('[data-question="services"]')).to_be_visible()
    phone.get_by_label("Паспорти").check()
    phone.get_by_role("button", name="Зберегти й продовжити пізніше").click()
    expect(phone.get_by_role("status")).to_contain_text("можна продовжити пізніше")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the questionnaire is {width} px wide on a 375 px screen"

    phone.goto(f"{base}/surveys/r/{invitation.token}/")  # later, the same link
    expect(phone.get_by_label("Скільки працівників у ЦНАП?")).to_have_value("12")
    phone.get_by_role("button", name="Подати відповіді").click()
    expect(phone.get_by_role("main")).to_contain_text("Дякуємо")
    assert Response.objects.get().answers["services"] == "passport"

    # The analyst reviews the answer, closes the wave and publishes its results.
    page.goto(f"{base}/surveys/waves/{wave.pk}/")
    page.locator("table").get_by_role("link", name="Решетилівська").click()
    page.locator("#id_state").select_option("approved")
    page.get_by_role("main").get_by_role("button", name="Зберегти").click()
    expect(page.locator(".messages")).to_contain_text("Перевірку збережено")
    page.get_by_role("button", name="Закрити хвилю").click()
    page.get_by_role("button", name="Опублікувати зведені результати").click()
    expect(page.locator(".messages")).to_contain_text("Зведені результати хвилі тепер публічні")
    expect(page.locator("#chart-has_online")).to_have_attribute("data-ready", "1")
    expect(page.locator("#chart-has_online svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.set_viewport_size({"width": 375, "height": 740})  # the results on a phone
    page.reload()
    expect(page.locator("#chart-has_online")).to_have_attribute("data-ready", "1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the wave's page is {width} px wide on a 375 px screen"
    page.set_viewport_size({"width": 1366, "height": 900})

    # The bound question becomes verified values; the release of 2026 makes them public.
    page.get_by_role("button", name=f"Записати як перевірені значення {STAFF} за 2026").click()
    expect(page.locator(".messages")).to_contain_text("Записано 1 перевірених значень")
    page.goto(f"{base}/releases/new/")
    page.fill("#id_name_uk", "Опитування ЦНАП 2026")
    page.select_option("#id_kind", "final")
    page.fill("#id_first_year", "2026")
    page.fill("#id_last_year", "2026")
    page.locator("main form button.primary").click()
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator(".messages")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{base}/territories/{members.hromada.code}/profile/")
    row = page.get_by_role("row").filter(has_text="Працівники ЦНАП")
    expect(row).to_contain_text("12")
