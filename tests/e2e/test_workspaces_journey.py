"""A section chair writes news, an analyst publishes it, the public reads it; the section page
and the news page fit phones and desktops in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.members.models import Section
from tests import factories
from tests.conftest import Personas
from tests.e2e.test_official_journey import sign_in
from tests.members.factories import make_membership, make_person
from tests.workspaces.factories import make_chair, make_meeting, make_news


@pytest.fixture
def chaired(transactional_db: None, personas: Personas) -> Section:
    section, _ = Section.objects.get_or_create(
        code="finance", defaults={"name_uk": "Фінанси громад", "name_en": "Local finance"}
    )
    make_membership(personas.hromada)
    person = make_person(personas.hromada, email="chair@example.org", sections=[section])
    make_chair(section, person)
    factories.UserFactory(username="chair", email="chair@example.org")
    make_meeting(section, title="Відкрите засідання секції", is_published=True)
    make_news(title="Довга новина " + "про бюджет громад " * 8, section=section)
    return section


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_chairs_news_is_published_after_moderation(
    live_server: LiveServer, page: Page, chaired: Section
) -> None:
    base = live_server.url
    sign_in(page, base, "chair")
    page.goto(base + "/news/new/")
    page.locator("#id_title").fill("Секція схвалила пропозиції")
    page.locator("#id_lead").fill("Пропозиції до бюджету.")
    page.locator("#id_body").fill("<p>Текст<script>alert(1)</script></p>")
    page.locator("#id_section").select_option(label=chaired.name_uk)
    page.get_by_role("button", name="Зберегти як чернетку").click()
    page.get_by_role("button", name="Надіслати на модерацію").click()
    expect(page.locator("main")).to_contain_text("надіслано на модерацію")

    page.context.clear_cookies()
    sign_in(page, base, "analyst")
    page.goto(base + "/news/desk/")
    page.get_by_role("link", name="Секція схвалила пропозиції").click()
    page.locator("form[action$='/publish/'] button[type=submit]").click()

    page.context.clear_cookies()
    page.goto(base + f"/sections/{chaired.code}/")
    expect(page.locator("#news-h + ul")).to_contain_text("Секція схвалила пропозиції")
    page.get_by_role("link", name="Секція схвалила пропозиції").click()
    expect(page.locator(".prose")).to_have_text("Текст")


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_section_and_news_pages_have_no_horizontal_scroll(
    live_server: LiveServer, page: Page, chaired: Section, width: int, prefix: str
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for path in (f"/sections/{chaired.code}/", "/news/"):
        page.goto(live_server.url + prefix + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert _fits(page), f"{prefix}{path} scrolls sideways at {width}px"


def test_a_member_stops_one_topic_and_still_gets_a_consultation_closing_this_week(
    live_server: LiveServer, page: Page, chaired: Section, personas: Personas
) -> None:
    import datetime as dt
    import re

    from django.core import mail
    from django.utils import timezone

    from hromada.legislation import actions as bill_actions
    from hromada.legislation import consultations
    from hromada.workspaces import digest, subscription_actions
    from hromada.workspaces.models import OptOut
    from tests.legislation.test_consultations import DRAFT

    today = timezone.localdate()
    bill = bill_actions.add_draft(by=personas.analyst, number="12101", kind="",
                                  title="Про внесення змін до Бюджетного кодексу",
                                  registered_on=dt.date(2026, 9, 1))  # fmt: skip
    closing = consultations.open_consultation(
        bill, by=personas.analyst, title="Консультація щодо ПДФО",
        question="Чи підтримуєте зміну частки?", opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=(6 - today.weekday())), audience="all",
        section=None, oblast=None, articles=consultations.split_articles(DRAFT),
    )  # fmt: skip
    mail.outbox.clear()
    subscription_actions.start_digest(digest.Segment(), by=personas.analyst)
    first = next(m.body for m in mail.outbox if m.to == ["chair@example.org"])
    assert "Довга новина" in first
    # The member follows the link to the subscription centre and stops the news only.
    link = next(u for u in re.findall(r"http://\S+/newsletter/[^/\s]+/", first))
    page.goto(live_server.url + link[link.index("/newsletter/") :])
    page.get_by_label("новини асоціації").uncheck()
    page.get_by_role("button", name="Зберегти вибір").click()
    expect(page.get_by_role("main")).to_contain_text("збережено")
    assert list(OptOut.objects.values_list("topic", flat=True)) == ["news"]
    # Next week's digest: no news, the other topics stay, the consultation closes this week.
    from hromada.workspaces.models import DigestSent

    DigestSent.objects.all().delete()
    mail.outbox.clear()
    subscription_actions.start_digest(digest.Segment(), by=personas.analyst)
    second = next(m.body for m in mail.outbox if m.to == ["chair@example.org"])
    assert "Довга новина" not in second
    assert f"/legislation/consultations/{closing.pk}/" in second
