"""Every demo sign-in lands on real work: the first screen after signing in lists it, one
click away; the page fits a laptop and a phone and passes axe-core, in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.demo.users import DEMO_PASSWORD
from hromada.territories.models import HromadaType
from tests import factories
from tests.e2e.page_checks import page_problems

WINDOWS = {"laptop": (1366, 800), "phone": (375, 740)}
pytestmark = pytest.mark.django_db(transaction=True)
# The demo reads rows that migrations seed (sections, bill subjects, government bodies), which
# an earlier transactional test's flush removed. They are seeded again by the migrations' own
# idempotent functions: a serialized rollback would collide with the content types the flush
# re-creates ("UNIQUE constraint failed: django_content_type").
SEEDS = (
    "hromada.members.migrations.0002_seed_sections",
    "hromada.legislation.migrations.0002_seed_subjects",
    "hromada.appeals.migrations.0002_seed_bodies",
)


@pytest.fixture
def demo_site(db: None) -> None:
    """`hromada demo` on 24 hromadas in two oblasts (the demo oblast is Poltava)."""
    import importlib

    from django.apps import apps

    for module in SEEDS:
        importlib.import_module(module).seed(apps, None)
    cache.clear()
    poltava = factories.make_raion(factories.make_oblast("Полтавська", "Poltavska"))
    for kind in ["city", "city", "settlement", "village"] * 4:
        factories.make_hromada(poltava, hromada_type=HromadaType(kind))
    sumy = factories.make_raion(factories.make_oblast("Сумська", "Sumska"))
    for kind in ("city", "village") * 4:
        factories.make_hromada(sumy, hromada_type=HromadaType(kind))
    call_command("demo", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def tester(browser: Browser) -> Iterator[Page]:
    # axe-core is injected as a script; the site's Content-Security-Policy forbids that.
    context = browser.new_context(locale="uk-UA", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def first_screen(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Увійти").click()
    expect(page.get_by_role("heading", name="Що зробити зараз")).to_be_visible()


def fits_and_passes_axe(page: Page, base: str, path: str = "/accounts/me/") -> list[str]:
    found = []
    for language, prefix in (("uk", ""), ("en", "/en")):
        for window, (width, height) in WINDOWS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(base + prefix + path)
            found += [f"{language} {window} {path}: {each}" for each in page_problems(page)]
    return found


def test_the_official_is_sent_to_correct_the_returned_questionnaire(
    live_server: LiveServer, tester: Page, demo_site: None
) -> None:
    first_screen(tester, live_server.url, "official")
    tasks = tester.locator(".work-to-do")
    expect(tasks).to_contain_text("Повернено на доопрацювання з 2 примітками")
    assert fits_and_passes_axe(tester, live_server.url) == []
    tester.set_viewport_size({"width": 1366, "height": 800})
    tester.goto(live_server.url + "/accounts/me/")
    tester.locator(".work-to-do").get_by_role("link", name="Виправити значення").click()
    expect(tester.locator(".return-note").first).to_be_visible()
    expect(tester.locator(".return-note")).to_have_count(2)
    expect(tester.get_by_role("button", name="Подати на перевірку")).to_be_visible()


def test_the_coordinator_has_questionnaires_of_poltava_to_review(
    live_server: LiveServer, tester: Page, demo_site: None
) -> None:
    first_screen(tester, live_server.url, "coordinator")
    tasks = tester.locator(".work-to-do")
    expect(tasks).to_contain_text("на вашу перевірку")
    assert fits_and_passes_axe(tester, live_server.url) == []
    tester.goto(live_server.url + "/accounts/me/")
    tester.locator(".work-to-do .tasks li").first.locator("a").nth(1).click()
    expect(tester).to_have_url(re.compile(r"/review/$"))
    expect(tester.get_by_role("button", name="Підтвердити")).to_be_visible()


@pytest.mark.parametrize("username", ["analyst", "admin"])
def test_the_analyst_and_the_administrator_have_reviews_and_a_release_to_prepare(
    live_server: LiveServer, tester: Page, demo_site: None, username: str
) -> None:
    first_screen(tester, live_server.url, username)
    tasks = tester.locator(".work-to-do")
    expect(tasks).to_contain_text("на вашу перевірку")
    expect(tasks).to_contain_text("на наступний випуск")
    # The first screen, and the audit log that reads the demo's steps in words.
    problems = fits_and_passes_axe(tester, live_server.url)
    problems += fits_and_passes_axe(tester, live_server.url, "/audit/")
    assert problems == [], "\n".join(problems)
    tester.goto(live_server.url + "/accounts/me/")
    tasks.get_by_role("link", name="До випусків").click()
    expect(tester.get_by_role("heading", level=1)).to_be_visible()
    assert "/releases/" in tester.url
