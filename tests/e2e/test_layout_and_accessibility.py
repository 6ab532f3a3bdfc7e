"""Every page people use daily fits a laptop (1366 px) and a phone (375 px) without scrolling
sideways, and axe-core finds no serious or critical problem on it, in Ukrainian and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.collection.models import Campaign
from hromada.workspaces.models import Affiliation, Partner, Project
from tests import factories
from tests.analytics.factories import Dataset, make_dataset
from tests.collection.factories import PUPILS, YEAR, make_campaign, put
from tests.e2e.page_checks import page_problems
from tests.e2e.test_official_journey import sign_in
from tests.members.factories import make_membership

WINDOWS = {"laptop": (1366, 800), "phone": (375, 740)}
LANGUAGES = {"uk": "", "en": "/en"}


class Site:
    def __init__(self, data: Dataset, campaign: Campaign) -> None:
        self.data = data
        self.campaign = campaign
        self.hromada = data.hromadas[0]
        self.project = Project.objects.create(
            title_uk="Енергоефективні громади",
            summary_uk="Енергоаудит громадських будівель і план заходів.",
            programme="Програма партнерства муніципалітетів",
            starts_on=dt.date(2025, 1, 1),
            results="Проведено аудит 18 будівель.",
            is_published=True,
        )
        self.project.hromadas.set(data.hromadas[:3])
        self.project.partners.add(Partner.objects.create(name_uk="Асоціація-партнер"))
        Affiliation.objects.create(
            name_uk="Рада європейських муніципалітетів і регіонів", acronym="CEMR"
        )

    def public_pages(self) -> list[str]:
        code, peer = self.hromada.code, self.data.hromadas[1].code
        indicator = self.data.per_capita.code
        return [
            "/",
            f"/territories/{code}/",
            f"/territories/{code}/profile/",
            f"/analytics/indicator/{indicator}/?territory={code}&peers=oblast",
            f"/analytics/compare/?h={code}&h={peer}",
            f"/analytics/similar/{code}/",
            "/members/",
            "/accounts/login/",
            "/legislation/",
            "/appeals/",
            "/learning/",
            "/learning/practices/",
            f"/search/?q={self.hromada.name_uk[:5]}",
            "/international/",
            f"/international/projects/{self.project.pk}/",
        ]

    def entry_page(self) -> str:
        return f"/collection/{self.campaign.pk}/h/{self.hromada.code}/"

    def review_page(self) -> str:
        return f"/collection/{self.campaign.pk}/h/{self.hromada.code}/review/"


@pytest.fixture
def site(transactional_db: None) -> Site:
    cache.clear()
    data = make_dataset()
    for hromada in data.hromadas:
        make_membership(hromada)
    campaign = make_campaign(data.hromadas[:2], analyst=factories.make_analyst(username="analyst"))
    put(data.hromadas[0], PUPILS, YEAR - 1, 1_250.0)
    factories.make_official(data.hromadas[0], username="official")
    factories.make_coordinator(data.oblast, username="coordinator")
    return Site(data, campaign)


@pytest.fixture
def tester(browser: Browser) -> Iterator[Page]:
    # axe-core is injected as a script; the site's Content-Security-Policy forbids that.
    context = browser.new_context(locale="uk-UA", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def problems_on(page: Page, base: str, paths: list[str], language: str) -> list[str]:
    found = []
    for window, (width, height) in WINDOWS.items():
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            response = page.goto(base + LANGUAGES[language] + path)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")
            found += [f"{language} {window} {path}: {each}" for each in page_problems(page)]
    return found


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_public_pages_fit_every_window_and_pass_axe(
    live_server: LiveServer, tester: Page, site: Site, language: str
) -> None:
    problems = problems_on(tester, live_server.url, site.public_pages(), language)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_entry_form_and_review_fit_every_window_and_pass_axe(
    live_server: LiveServer, tester: Page, site: Site, language: str
) -> None:
    sign_in(tester, live_server.url, "official")
    problems = problems_on(tester, live_server.url, ["/", site.entry_page()], language)
    tester.context.clear_cookies()
    sign_in(tester, live_server.url, "coordinator")
    problems += problems_on(tester, live_server.url, [site.review_page()], language)
    assert problems == [], "\n".join(problems)


def test_on_a_phone_the_menu_opens_and_closes(
    live_server: LiveServer, tester: Page, site: Site
) -> None:
    tester.set_viewport_size({"width": 375, "height": 740})
    tester.goto(live_server.url + "/")
    menu = tester.get_by_role("button", name="Меню")
    territories = tester.locator(".main-nav").get_by_role("link", name="Території")
    expect(territories).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    territories.click()
    expect(tester.get_by_role("heading", level=1)).to_be_visible()
    expect(tester.locator(".main-nav")).to_be_hidden()


def test_on_a_laptop_the_signed_in_header_keeps_its_menu_open_in_two_rows(
    live_server: LiveServer, tester: Page, site: Site
) -> None:
    tester.set_viewport_size({"width": 1366, "height": 800})
    sign_in(tester, live_server.url, "official")
    expect(tester.get_by_role("button", name="Меню")).to_be_hidden()
    expect(tester.locator(".main-nav").get_by_role("link", name="Збір даних")).to_be_visible()
    header = tester.locator(".site-header").bounding_box()
    brand = tester.locator(".brand").bounding_box()
    account = tester.locator(".user-nav").bounding_box()
    assert header is not None and brand is not None and account is not None
    assert abs(account["y"] - brand["y"]) < brand["height"]  # the account sits beside the name
    assert header["height"] < 140  # brand row and one row of links, not a wrapped heap
