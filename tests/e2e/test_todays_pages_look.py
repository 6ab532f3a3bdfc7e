"""The pages changed on 7 December 2026, as their people see them: at 1366 and 375 px, in
Ukrainian and English, each passing axe-core and fitting the window, with the content a reader
would look for first (the fair ranking's measure beside the raw value, the bill search, the
evaluation's figures, survey rates named in the page's language, the appeals board and files).

`HROMADA_SCREENSHOTS=/some/folder` keeps a full-page screenshot of every page and window."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from hromada.analytics.snapshot import current_snapshot
from hromada.appeals import actions as appeals
from hromada.appeals.models import Body, Outcome
from hromada.learning import actions as learning
from hromada.learning import evaluation
from hromada.learning.models import Event, EventKind, Presence, Registration, Session
from hromada.legislation import actions as legislation
from hromada.legislation import dialogue, impact
from hromada.legislation.models import MP, Bill, Position, Stance
from hromada.surveys import actions as surveys
from hromada.surveys.actions import submit_answers
from hromada.surveys.models import Invitation, Wave
from hromada.territories.models import TerritoryBoundary
from tests import factories
from tests.analytics.factories import Dataset, make_dataset
from tests.analytics.test_fair import _fires
from tests.e2e.page_checks import page_problems
from tests.e2e.test_official_journey import sign_in
from tests.indicators.factories import make_indicator
from tests.legislation.conftest import FIRST, files
from tests.legislation.test_dialogue import MP_FILES
from tests.surveys.factories import ANSWERS, CHOICES, SURVEY, make_member, open_wave, workbook

SHOTS = os.environ.get("HROMADA_SCREENSHOTS")
WINDOWS = {"laptop": (1366, 800), "phone": (375, 740)}
PREFIX = {"uk": "", "en": "/en"}
EVALUATION = {"overall": "5", "usefulness": "4", "trainers": "4", "recommend": "yes"}

# What a reader looks for first on each page, in each language.
SAY = {
    "uk": {
        "per_1000": "на 1 000 мешканців",
        "raw_note": "Рейтинг за поданим значенням, яке зростає",
        "profile_compared": "Для порівняння (на мешканця, на 1 000 мешканців чи на км²)",
        "bills_found": "12158",
        "mp": "Приклад Олена Іванівна",
        "impact": "Зміна власних доходів",
        "evaluation": "Середнє 4,7 з 3 відповідей",
        "oblast": "Полтавська",
        "other_oblast": "Сумська",
        "pdf": "Альфа",
    },
    "en": {
        "per_1000": "per 1,000 residents",
        "raw_note": "Ranked by the value as reported",
        "profile_compared": "Compared (per resident, per 1,000 residents or per km²)",
        "bills_found": "12158",
        "mp": "Приклад Олена Іванівна",
        "impact": "Зміна власних доходів",
        "evaluation": "Mean 4.7 of 3 answers",
        "oblast": "Poltavska",
        "other_oblast": "Sumska",
        "pdf": "H0",
    },
}


@dataclass
class World:
    data: Dataset
    position: Position
    event: Event
    official_registration: Registration
    wave: Wave
    survey_pk: int


def _square(x: float) -> dict[str, object]:
    ring = [[x, 50.0], [x + 1, 50.0], [x + 1, 51.0], [x, 51.0], [x, 50.0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _legislation(data: Dataset, analyst: object) -> Position:
    legislation.import_bills(files(*FIRST), by=analyst)
    dialogue.import_mps(files(*MP_FILES), by=analyst)
    dialogue.set_group(MP.objects.get(rada_id="70001"), by=analyst, in_group=True)
    position = legislation.save_position(
        None,
        by=analyst,
        values={
            "bill": Bill.objects.get(number="12101"),
            "title": "ПДФО — громадам",
            "stance": Stance.AMEND,
            "summary": "Частка 64 %.",
            "proposals": "",
            "evidence": "",
        },
        subjects=[],
    )
    impact.save_impact(
        position,
        by=analyst,
        values={
            "label": "Зміна власних доходів",
            "formula": "budget.revenue.own * (0.64 / 0.60 - 1)",
            "year": 2024,
            "unit": "тис. грн",
            "decimals": 1,
            "assumptions": "Частка ПДФО зростає з 60 % до 64 %, база 2024 року.",
            "additive": True,
        },
    )
    return legislation.publish_position(position, by=analyst)


def _learning(data: Dataset, analyst: object, official_email: str) -> tuple[Event, Registration]:
    event = Event.objects.create(
        title="Бюджетний процес у громаді",
        kind=EventKind.COURSE,
        programme="Планування, виконання, звітність.",
        capacity=4,
        credits=Decimal("1.0"),
    )
    start = timezone.now() + dt.timedelta(days=1)
    session = Session.objects.create(
        event=event,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=6),
        place="Київ, вул. Шовковична, 28",
        hours=Decimal(6),
    )
    emails = ["p0@example.org", "p1@example.org", "p2@example.org", official_email]
    people = [
        learning.register(
            event, by=analyst, full_name=f"Учасник {n}", email=email, hromada=data.hromadas[0]
        )
        for n, email in enumerate(emails)
    ]
    # Registered while it was ahead; it took place 20 days ago.
    back = dt.timedelta(days=21)
    event.sessions.update(starts_at=F("starts_at") - back, ends_at=F("ends_at") - back)
    session.refresh_from_db()
    learning.mark_attendance(session, by=analyst, marks={r.pk: Presence.PRESENT for r in people})
    evaluation.open_evaluation(event, by=analyst)
    for registration, overall in zip(people[:3], ("5", "5", "4"), strict=True):
        invitation = Invitation.objects.get(reference=evaluation.reference(registration.pk))
        submit_answers(invitation, {**EVALUATION, "overall": overall})
    return event, people[3]


def _survey(data: Dataset, analyst: object) -> Wave:
    make_indicator("services.asc.staff")
    alpha, delta = data.hromadas[0], data.hromadas[3]
    make_member(alpha)
    make_member(delta, email="delta@example.org")
    survey = surveys.create_survey(
        surveys.SurveySpec(code="cnap", title_uk="Послуги ЦНАП", title_en="ASC services"),
        by=analyst,
    )
    surveys.upload_form(survey, "cnap.xlsx", workbook(SURVEY, CHOICES), by=analyst)
    wave = open_wave(
        survey, analyst, data.oblast, panel_kind="codes", panel_value=f"{alpha.code} {delta.code}"
    )
    surveys.submit_answers(wave.invitations.get(hromada=alpha), ANSWERS)
    return wave


def _appeals(data: Dataset, official: object, analyst: object) -> None:
    mof, _ = Body.objects.get_or_create(
        code="mof", defaults={"name_uk": "Міністерство фінансів України", "kind": "ministry"}
    )
    for title, tags in (("Затримка освітньої субвенції", "освіта"), ("Ремонт доріг", "дороги")):
        problem = appeals.raise_problem(
            by=official, hromada=data.hromadas[0], title=title, description="Опис."
        )
        appeals.accept_problem(problem, by=analyst, tags=tags)
        (letter,) = appeals.send_letters(
            problem, by=analyst, bodies=[mof], sent_on=dt.date(2026, 1, 5)
        )
    appeals.record_answer(
        letter,
        by=analyst,
        received_on=dt.date(2026, 1, 20),
        summary="Відремонтують у 2027 році.",
        outcome=Outcome.REFUSED,
    )


@pytest.fixture
def world(transactional_db: None) -> World:
    cache.clear()
    data = make_dataset()
    for n, hromada in enumerate(data.hromadas):
        TerritoryBoundary.objects.create(territory=hromada, geometry=_square(30.0 + n))
    _fires(data)
    official = factories.make_official(data.hromadas[0], username="official")
    factories.make_coordinator(data.oblast, username="coordinator")
    analyst = factories.make_analyst(username="analyst")
    position = _legislation(data, analyst)
    event, registration = _learning(data, analyst, official.email)
    wave = _survey(data, analyst)
    _appeals(data, official, analyst)
    current_snapshot()
    return World(data, position, event, registration, wave, wave.survey_id)


@pytest.fixture
def tester(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="uk-UA", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def look(page: Page, base: str, language: str, path: str, name: str) -> list[str]:
    """Open the page in both windows; what is wrong with it, one line each."""
    found = []
    for window, (width, height) in WINDOWS.items():
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(base + PREFIX[language] + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        page.wait_for_load_state("networkidle")
        _shot(page, f"{name}-{language}-{window}")
        found += [f"{language} {window} {path}: {each}" for each in page_problems(page)]
    return found


def table_fits_a_laptop(page: Page, selector: str) -> bool:
    """The table shows every column at 1366 px, without its own sideways scroll."""
    page.set_viewport_size({"width": 1366, "height": 800})
    box = page.locator(selector).first
    return bool(box.evaluate("el => el.scrollWidth <= el.clientWidth"))


def main(page: Page) -> str:
    return page.get_by_role("main").inner_text()


@pytest.mark.parametrize("language", list(PREFIX))
def test_a_visitor_sees_fair_rankings_bills_and_positions(
    live_server: LiveServer, tester: Page, world: World, language: str
) -> None:
    page, base, say = tester, live_server.url, SAY[language]
    alpha = world.data.hromadas[0]
    problems = look(page, base, language, "/analytics/indicator/safety.fires/?year=2024", "rank")
    header = page.locator("#ranking thead").inner_text()
    assert say["per_1000"] in header, header
    row = page.locator("#ranking tbody tr", has_text=re.compile("Альфа|H0"))
    cells = row.locator("td").all_inner_texts()
    # The compared measure (100 fires for 50,000 residents) and the count as reported beside.
    assert any(c.startswith("2,00" if language == "uk" else "2.00") for c in cells), cells
    assert "100" in cells, cells
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    assert table_fits_a_laptop(page, ".table-scroll:has(#ranking)")

    problems += look(
        page, base, language, "/analytics/indicator/safety.fires/?year=2024&measure=raw", "raw"
    )
    assert say["raw_note"] in main(page)

    problems += look(page, base, language, f"/analytics/profile/{alpha.code}/", "profile")
    assert say["profile_compared"] in (page.locator("main").text_content() or "")

    pdf = page.request.get(f"{base}{PREFIX[language]}/analytics/profile/{alpha.code}/pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert say["pdf"] in text and "Зміна власних доходів" in text
    if SHOTS:
        (Path(SHOTS) / f"profile-{language}.txt").write_text(text)

    problems += look(page, base, language, "/legislation/?q=земельного", "bills")
    assert say["bills_found"] in main(page) and "12101" not in main(page)
    problems += look(page, base, language, "/legislation/mp-group/", "mp-group")
    assert say["mp"] in main(page)
    problems += look(page, base, language, f"/legislation/positions/{world.position.pk}/", "pos")
    expect(page.locator("#impact")).to_contain_text(say["impact"])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", list(PREFIX))
def test_organisers_see_evaluations_survey_rates_and_the_appeals_board(
    live_server: LiveServer, tester: Page, world: World, language: str
) -> None:
    page, base, say = tester, live_server.url, SAY[language]
    sign_in(page, base, "analyst")
    problems = look(page, base, language, f"/learning/{world.event.pk}/", "event")
    assert say["evaluation"] in main(page), main(page)
    problems += look(page, base, language, "/learning/reach/", "reach")
    assert world.event.title in main(page)

    problems += look(page, base, language, f"/surveys/waves/{world.wave.pk}/", "wave")
    rates = main(page)
    assert say["oblast"] in rates and say["other_oblast"] in rates, rates
    problems += look(page, base, language, f"/surveys/{world.survey_pk}/build/", "build")
    expect(page.locator("#unshown")).to_be_visible()  # its workbook has a condition
    wave = evaluation.wave_of(world.event)
    assert wave is not None
    problems += look(page, base, language, f"/surveys/{wave.survey_id}/build/", "build-eval")
    # The event's evaluation opens with its questions, to be changed rather than retyped.
    expect(page.locator("input[value^='Загальна оцінка заходу']")).to_have_count(1)
    expect(page.locator("#unshown")).to_have_count(0)

    problems += look(page, base, language, "/appeals/board/", "board")
    assert "Міністерство фінансів України" in main(page)
    assert table_fits_a_laptop(page, "main .table-scroll")
    problems += look(page, base, language, "/appeals/board/?by=subject", "board-subject")
    assert "дороги" in main(page)
    for what in ("problems", "letters"):
        csv = page.request.get(f"{base}/appeals/export/?what={what}&format=csv")
        assert csv.ok and "Ремонт доріг" in csv.text(), csv.text()[:300]
        xlsx = page.request.get(f"{base}/appeals/export/?what={what}&format=xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body())).active
        assert sheet is not None
        assert any(
            "Ремонт доріг" in str(c) for row in sheet.iter_rows(values_only=True) for c in row
        )
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", list(PREFIX))
def test_an_attendee_finds_and_opens_the_evaluation_link(
    live_server: LiveServer, tester: Page, world: World, language: str
) -> None:
    page, base = tester, live_server.url
    sign_in(page, base, "official")
    problems = look(page, base, language, "/learning/record/", "record")
    link = f"/learning/registrations/{world.official_registration.pk}/evaluate/"
    assert page.locator(f"main a[href$='{link}']").count() == 1
    problems += look(page, base, language, link, "evaluate")
    expect(page.locator("main form")).to_be_visible()
    assert problems == [], "\n".join(problems)
