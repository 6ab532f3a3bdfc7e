"""An analyst uploads a questionnaire with a mistake, fixes it and invites one oblast; a
respondent answers on a 375 px phone screen, continues later and submits."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.surveys.models import Invitation, Response, Survey
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in
from tests.surveys.factories import SURVEY, make_member, workbook


@pytest.fixture
def members(transactional_db: None, personas: Personas) -> Personas:
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

    broken = [row[:] for row in SURVEY]
    broken[2][1] = "staff"  # the second question repeats the first one's name
    page.locator("#id_workbook").set_input_files(
        files=[{"name": "cnap.xlsx", "mimeType": "application/octet-stream",
                "buffer": workbook(broken)}]
    )  # fmt: skip
    page.get_by_role("button", name="Надіслати анкету").click()
    expect(page.get_by_role("alert")).to_contain_text("Аркуш «survey», рядок 3, стовпець B (name)")

    page.locator("#id_workbook").set_input_files(
        files=[{"name": "cnap.xlsx", "mimeType": "application/octet-stream",
                "buffer": workbook(SURVEY)}]
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
