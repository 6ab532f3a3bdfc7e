"""An analyst imports the Rada's files; an official follows a bill and hears of its new stage;
members of one oblast comment on a draft's articles, the analyst publishes a position with
its impact, and a visitor sees the hromada's own figure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.legislation.models import Consultation
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in
from tests.indicators.factories import make_indicator
from tests.legislation.conftest import FIRST, SEED
from tests.members.factories import make_membership


@pytest.fixture
def people(transactional_db: None, personas: Personas) -> Personas:
    return personas


def _upload(page: Page, base: str, names: list[str]) -> None:
    page.goto(base + "/legislation/import/")
    page.locator("input[type=file]").set_input_files([str(SEED / name) for name in names])
    page.get_by_role("main").get_by_role("button", name="Імпортувати").click()


def test_import_follow_and_alert(live_server: LiveServer, page: Page, people: Personas) -> None:
    sign_in(page, live_server.url, "analyst")
    _upload(page, live_server.url, list(FIRST))
    expect(page.get_by_role("main")).to_contain_text("6 нових законопроєктів")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "official")
    page.goto(live_server.url + "/legislation/")
    page.get_by_label("Слова в номері, назві чи тексті проєкту").fill("бюджетного кодексу")
    page.get_by_role("main").get_by_role("button", name="Показати").click()
    page.get_by_role("link", name="12101").click()
    page.get_by_role("button", name="Стежити за цим законопроєктом").click()
    expect(page.get_by_role("button", name="Не стежити за цим законопроєктом")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    _upload(page, live_server.url, ["billinfo-update-sample.json"])

    page.context.clear_cookies()
    sign_in(page, live_server.url, "official")
    page.goto(live_server.url + "/legislation/following/")
    news = page.locator("ul.alerts")
    expect(news).to_contain_text("№ 12101")
    expect(news).to_contain_text("прийнято в першому читанні")


def test_members_comment_the_analyst_publishes_a_position_with_impact_a_visitor_sees_it(
    live_server: LiveServer, page: Page, people: Personas
) -> None:
    make_membership(people.hromada)
    pit = make_indicator("budget.revenue.pit", area="budget", unit="thousand UAH")
    record_observations(
        [ValueInput(people.hromada.pk, pit.pk, 2024, "", 30_000.0, "")],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    base = live_server.url
    sign_in(page, base, "analyst")
    _upload(page, base, list(FIRST))
    page.goto(base + "/legislation/bills/12101/")
    page.get_by_role(
        "link", name="Провести консультацію з членами щодо цього законопроєкту"
    ).click()
    today = timezone.localdate()
    page.get_by_label("Назва").fill("Частка ПДФО")
    page.get_by_label("Відкривається").fill(today.isoformat())
    page.get_by_label("Закривається").fill((today + dt.timedelta(days=7)).isoformat())
    page.get_by_label("Кому адресовано").select_option("oblast")
    page.get_by_label("Область").select_option(people.oblast.code)
    page.get_by_label("Статті проєкту").fill(
        "## Стаття 64\n60 відсотків податку на доходи фізичних осіб.\n## Стаття 97\nБазова дотація."
    )
    page.get_by_role("main").get_by_role("button", name="Відкрити консультацію").click()
    expect(page.get_by_role("heading", name="Стаття 64")).to_be_visible()

    # Members of that oblast comment on an article.
    page.context.clear_cookies()
    sign_in(page, base, "official")
    page.goto(base + "/legislation/consultations/")
    page.get_by_role("link", name="Частка ПДФО").first.click()
    article = page.locator("section.article").first
    article.get_by_label("пропоную іншу редакцію").check()
    article.get_by_label("Запропонована редакція").fill("64 відсотки податку")
    article.get_by_role("button", name="Надіслати коментар").click()
    expect(page.get_by_role("main")).to_contain_text("Ваш коментар до «Стаття 64» збережено.")

    # The consultation closes; the analyst consolidates the comment into a position.
    Consultation.objects.update(
        opens_on=today - dt.timedelta(days=10), closes_on=today - dt.timedelta(days=1)
    )
    page.context.clear_cookies()
    sign_in(page, base, "analyst")
    page.goto(base + f"/legislation/consultations/{Consultation.objects.get().pk}/")
    page.get_by_role("link", name="Узагальнити коментарі в позицію").click()
    page.get_by_label("Стаття 64 — Решетилівська: 64 відсотки податку").check()
    page.get_by_role("button", name="Заповнити редакцію").click()
    expect(page.get_by_label("Запропонована редакція")).to_have_value(
        "Стаття 64: 64 відсотки податку (Решетилівська)"
    )
    page.locator("#id_stance").select_option("amend")
    page.get_by_label("Чому, коротко").fill("Члени просять 64 %.")
    page.get_by_role("main").get_by_role("button", name="Зберегти позицію").click()
    page.get_by_role("link", name="Додати модель впливу").click()
    page.get_by_label("Що вимірюється").fill("Додаткові надходження ПДФО")
    page.get_by_label("Формула над каталогом").fill("budget.revenue.pit * (0.64 / 0.60 - 1)")
    page.get_by_label("Рік статистики").fill("2024")
    page.get_by_label("Одиниця").fill("тис. грн")
    page.get_by_label("Знаків після коми").fill("1")
    page.get_by_label("Припущення").fill("Частка зростає з 60 % до 64 %.")
    page.get_by_role("button", name="Зберегти й обчислити").click()
    expect(page.locator("#impact")).to_contain_text("Частка зростає з 60 % до 64 %.")
    page.get_by_role("button", name="Опублікувати позицію").click()
    expect(page.get_by_role("main")).to_contain_text("Позицію оприлюднено.")

    # A visitor sees the hromada's own figure on its page.
    page.context.clear_cookies()
    page.goto(base + f"/territories/{people.hromada.code}/")
    figure = page.locator(".impact-figure")
    expect(figure).to_have_text("2\u00a0000,0 тис. грн")
