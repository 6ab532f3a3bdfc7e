"""An official adds an evidence file; an analyst edits the letter template, imports answers
from a spreadsheet and reads the board by subject. The new pages fit a laptop and a phone
in both languages and pass axe-core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hromada.appeals import actions
from hromada.appeals.models import Answer, Body, EvidenceFile, LetterTemplate, Problem
from tests.conftest import Personas
from tests.e2e.page_checks import page_problems
from tests.e2e.test_layout_and_accessibility import LANGUAGES, WINDOWS
from tests.e2e.test_official_journey import sign_in

PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"


@pytest.fixture
def sent(transactional_db: None, personas: Personas) -> Problem:
    # Browser tests empty the tables after each test, seeded bodies included.
    mof, _ = Body.objects.get_or_create(
        code="mof", defaults={"name_uk": "Міністерство фінансів України", "kind": "ministry"}
    )
    problem = actions.raise_problem(
        by=personas.official,
        hromada=personas.hromada,
        title="Затримка освітньої субвенції",
        description="Субвенцію перераховують із запізненням на 40 днів.",
    )
    actions.accept_problem(problem, by=personas.analyst, tags="освіта, міжбюджетні трансферти")
    actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=[mof],
        sent_on=dt.date(2026, 11, 2),
        outgoing_number="01-12/345",
    )
    return problem


@pytest.fixture
def tester(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="uk-UA", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_evidence_template_import_and_the_subject_board(
    live_server: LiveServer, tester: Page, sent: Problem
) -> None:
    page, base = tester, live_server.url
    sign_in(page, base, "official")
    page.goto(f"{base}/appeals/{sent.pk}/")
    page.get_by_text("Додати файл", exact=True).first.click()
    page.get_by_label("Що показує файл").fill("Довідка казначейства")
    page.get_by_label("Файл (PDF").set_input_files(
        files=[{"name": "довідка.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("main").get_by_role("button", name="Додати файл").click()
    expect(page.get_by_role("main")).to_contain_text("Довідка казначейства")
    assert EvidenceFile.objects.get().file_name == "довідка.pdf"

    page.context.clear_cookies()
    sign_in(page, base, "analyst")
    page.goto(f"{base}/appeals/template/")
    letter = "До {body}: {hromadas} — просимо відповісти до {deadline}."
    page.get_by_label("Текст листа").fill(letter + " {unknown}")
    page.get_by_role("button", name="Зберегти як нову версію").click()
    expect(page.get_by_role("main")).to_contain_text("Невідома підстановка {unknown}")
    page.get_by_label("Текст листа").fill(
        "До {body}: {hromadas} — просимо відповісти до {deadline}."
    )
    page.get_by_role("button", name="Зберегти як нову версію").click()
    expect(page.get_by_role("main")).to_contain_text("Версію 1 збережено")
    assert LetterTemplate.objects.get().version == 1

    page.goto(f"{base}/appeals/answers/import/")
    answers = (
        "outgoing_number;body;received_on;outcome;summary\n"
        "01-12/345;mof;20.11.2026;partly;Частково перераховано.\n"
    )
    page.get_by_label("Таблиця відповідей").set_input_files(
        files=[{"name": "відповіді.csv", "mimeType": "text/csv", "buffer": answers.encode()}]
    )
    page.get_by_role("button", name="Перевірити файл").click()
    expect(page.get_by_role("main")).to_contain_text("Частково перераховано.")
    assert not Answer.objects.exists()
    page.get_by_role("button", name="Записати 1 відповідь").click()
    expect(page.get_by_role("main")).to_contain_text("Записано 1 відповідь")
    assert Answer.objects.get().outcome == "partly"

    page.goto(f"{base}/appeals/board/")
    page.get_by_label("Рядки").select_option("subject")
    page.get_by_role("button", name="Показати").click()
    expect(page.get_by_role("main")).to_contain_text("міжбюджетні трансферти")

    found = []
    paths = [
        f"/appeals/{sent.pk}/",
        "/appeals/template/",
        "/appeals/answers/import/",
        "/appeals/board/?by=subject",
    ]
    for language, prefix in LANGUAGES.items():
        for window, (width, height) in WINDOWS.items():
            page.set_viewport_size({"width": width, "height": height})
            for path in paths:
                response = page.goto(base + prefix + path)
                assert response is not None and response.status == 200, path
                found += [f"{language} {window} {path}: {p}" for p in page_problems(page)]
    assert found == [], "\n".join(found)
