"""The board per subject and per section, and the letter template analysts edit."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from hromada.appeals import actions, file_actions, letters, queries
from hromada.appeals.models import Body, Dispatch, LetterTemplate, Outcome, Problem
from hromada.audit.models import AuditEntry
from hromada.members.models import Section
from tests import factories
from tests.conftest import Personas


def _problem(personas: Personas, title: str, tags: str, section: Any = None) -> Problem:
    problem = actions.raise_problem(
        by=personas.official, hromada=personas.hromada, title=title, description="Опис."
    )
    actions.accept_problem(problem, by=personas.analyst, tags=tags, section=section)
    return problem


def test_the_board_by_subject_counts_a_problem_under_each_of_its_subjects(
    personas: Personas, client: Client
) -> None:
    mof = Body.objects.get(code="mof")
    finance, _ = Section.objects.get_or_create(
        code="finance-test", defaults={"name_uk": "Фінанси", "name_en": "Finance"}
    )
    subvention = _problem(personas, "Субвенція", "освіта, Субвенції", section=finance)
    roads = _problem(personas, "Дороги", "дороги")
    untagged = _problem(personas, "Інше", "")
    (late,) = actions.send_letters(
        subvention, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 1, 5)
    )
    actions.record_answer(
        late,
        by=personas.analyst,
        received_on=dt.date(2026, 3, 2),
        summary="Ні.",
        outcome=Outcome.REFUSED,
    )
    actions.send_letters(roads, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 1, 5))
    actions.send_letters(untagged, by=personas.analyst, bodies=[mof], sent_on=dt.date(2025, 6, 1))

    rows = {r.label: r for r in queries.board(2026, by="subject", today=dt.date(2026, 12, 1))}
    assert set(rows) == {"освіта", "Субвенції", "дороги"}
    assert (rows["освіта"].answered, rows["освіта"].on_time) == (1, 0)
    assert rows["освіта"].outcomes[Outcome.REFUSED] == 1
    assert (rows["дороги"].sent, rows["дороги"].overdue) == (1, 1)
    every_year = [r.label for r in queries.board(by="subject", today=dt.date(2026, 12, 1))]
    assert every_year[-1] == "без теми"  # the letters of problems without a subject, last

    by_section = {r.label: r for r in queries.board(by="section")}
    assert by_section["Фінанси"].problems == 1 and by_section["без секції"].problems == 2

    page = client.get("/appeals/board/", {"by": "subject", "year": 2026}).content.decode()
    assert "Субвенції" in page and "Тема" in page
    csv_text = client.get("/appeals/board/", {"by": "section", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("section,problems,sent,answered,on_time,overdue")
    assert "Фінанси,1,1,1,0,0,0,0,1,0" in csv_text
    xlsx = client.get("/appeals/board/", {"by": "subject", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [c.value for c in sheet[1]][:2] == ["subject", "problems"]
    api = client.get("/api/v1/appeals/board", {"by": "subject", "year": 2026}).json()
    assert {r["name"] for r in api} == set(rows) and api[0]["body"] is None


def test_a_template_with_an_unknown_placeholder_or_a_stray_brace_is_refused(
    personas: Personas,
) -> None:
    with pytest.raises(ValidationError) as refused:
        file_actions.save_letter_template(by=personas.analyst, text="{title} {hromadaz} {deadline}")
    assert "{hromadaz}" in " ".join(refused.value.messages)
    assert "{hromadas}" in " ".join(refused.value.messages)  # required and missing
    with pytest.raises(ValidationError, match="дужка"):
        file_actions.save_letter_template(by=personas.analyst, text="{hromadas} {deadline} {")
    with pytest.raises(ValidationError):
        file_actions.save_letter_template(
            by=personas.analyst, text="{hromadas} {deadline} {title.__class__}"
        )
    with pytest.raises(PermissionDenied):
        file_actions.save_letter_template(by=personas.official, text=letters.DEFAULT_TEXT)
    assert not LetterTemplate.objects.exists()


def test_letters_are_made_from_the_version_current_when_they_were_sent(
    personas: Personas, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    problem = actions.raise_problem(
        by=personas.official,
        hromada=personas.hromada,
        title="Не надходить субвенція",
        description="Опис.",
    )
    file_actions.upload_evidence(
        problem,
        by=personas.official,
        title="Виписка казначейства",
        file_name="виписка.pdf",
        content=b"%PDF-1.4 x",
    )
    client.force_login(personas.analyst)
    response = client.post(
        "/appeals/template/",
        {
            "text": "Шановні колеги з {body}!\n{hromadas}\nДодатки:\n{evidence}\n"
            "Відповідь просимо до {deadline}. Фігурні дужки: {{ і }}.",
            "note": "коротше",
        },
        follow=True,
    )
    assert "Версію 1 збережено" in response.content.decode()
    first = LetterTemplate.objects.get()
    assert AuditEntry.objects.filter(action="appeals.template.save").count() == 1
    mof = Body.objects.get(code="mof")
    with django_capture_on_commit_callbacks(execute=True):
        (dispatch,) = actions.send_letters(
            problem, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 11, 27)
        )
    dispatch = Dispatch.objects.get(pk=dispatch.pk)
    assert dispatch.template == first and dispatch.letter.name.endswith(".pdf")
    text = letters.render_letter(dispatch)
    assert text.startswith("Шановні колеги з Міністерство фінансів України!")
    assert "1. Решетилівська" in text and "Виписка казначейства" in text
    assert f"до {dispatch.deadline:%d.%m.%Y}" in text and "{ і }" in text

    file_actions.save_letter_template(by=personas.analyst, text="Нова: {hromadas} {deadline}")
    # The letter sent earlier keeps the words it was made from.
    assert letters.render_letter(dispatch).startswith("Шановні колеги")
    page = client.get("/appeals/template/").content.decode()
    assert "Нова:" in page and "коротше" in page


def test_the_api_gives_a_published_problem_with_its_letters_and_nothing_unpublished(
    personas: Personas, client: Client
) -> None:
    problem = _problem(personas, "Субвенція", "освіта")
    cabinet, mof = Body.objects.get(code="cabinet"), Body.objects.get(code="mof")
    (first,) = actions.send_letters(
        problem, by=personas.analyst, bodies=[cabinet], sent_on=dt.date(2026, 10, 1)
    )
    actions.record_answer(
        first,
        by=personas.analyst,
        received_on=dt.date(2026, 10, 8),
        summary="До Мінфіну.",
        outcome=Outcome.REDIRECTED,
        redirected_to=mof,
    )
    assert client.get(f"/api/v1/appeals/problems/{problem.pk}").status_code == 404
    actions.publish_problem(problem, by=personas.analyst, summary="Субвенція запізнюється.")
    found = client.get(f"/api/v1/appeals/problems/{problem.pk}").json()
    assert found["subjects"] == ["освіта"] and found["summary"] == "Субвенція запізнюється."
    assert [(x["body"], x["outcome"], x["redirected_from"]) for x in found["letters"]] == [
        ("cabinet", "redirected", None),
        ("mof", None, "cabinet"),
    ]
    assert found["letters"][0]["on_time"] is True and "До Мінфіну" not in str(found)


def test_analysts_change_subjects_after_sending_and_the_board_follows(
    personas: Personas, client: Client
) -> None:
    problem = _problem(personas, "Субвенція", "освіта")
    actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=[Body.objects.get(code="mof")],
        sent_on=dt.date(2026, 11, 2),
    )
    client.force_login(personas.analyst)
    client.post(f"/appeals/{problem.pk}/accept/", {"tags": "Бюджет, бюджет , освіта"})
    problem.refresh_from_db()
    assert problem.tags == "Бюджет, освіта" and problem.state == "sent"
    entry = AuditEntry.objects.filter(action="appeals.problem.classify").latest("pk")
    assert entry.changes["tags"] == ["освіта", "Бюджет, освіта"]
    assert {row.label for row in queries.board(by="subject")} == {"Бюджет", "освіта"}
    client.force_login(personas.official)
    assert client.post(f"/appeals/{problem.pk}/accept/", {"tags": "інше"}).status_code == 403


def test_the_export_lists_only_the_problems_and_letters_the_person_may_see(
    personas: Personas, client: Client
) -> None:
    mine = _problem(personas, "Субвенція", "освіта")
    other_official = factories.make_official(personas.other_hromada, username="other")
    actions.raise_problem(
        by=other_official, hromada=personas.other_hromada, title="Чужа", description="…"
    )
    (letter,) = actions.send_letters(
        mine,
        by=personas.analyst,
        bodies=[Body.objects.get(code="mof")],
        sent_on=dt.date(2026, 1, 5),
    )
    client.force_login(personas.official)
    problems = client.get("/appeals/export/", {"what": "problems"}).content.decode("utf-8-sig")
    assert "Субвенція" in problems and "Чужа" not in problems
    assert problems.splitlines()[0].startswith("id,title,state,raised_by")
    letters_xlsx = client.get("/appeals/export/", {"what": "letters", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(letters_xlsx.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1][:4] == [letter.pk, mine.pk, "Субвенція", "mof"]
    assert rows[1][-1] is True  # unanswered and past its deadline
    client.force_login(personas.analyst)
    every = client.get("/appeals/export/", {"what": "problems"}).content.decode()
    assert "Чужа" in every
    assert client.get("/appeals/export/", {"what": "secrets"}).status_code == 404


def test_a_preview_fills_the_text_from_the_newest_letter_and_saves_nothing(
    personas: Personas, client: Client
) -> None:
    problem = _problem(personas, "Субвенція", "освіта")
    mof = Body.objects.get(code="mof")
    actions.send_letters(problem, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 1, 5))
    client.force_login(personas.analyst)
    page = client.post(
        "/appeals/template/", {"text": "До {body}: {hromadas}, до {deadline}.", "preview": "1"}
    ).content.decode()
    assert "До Міністерство фінансів України: 1. Решетилівська" in page
    assert not LetterTemplate.objects.exists()
    refused = client.post("/appeals/template/", {"text": "{title}", "preview": "1"})
    assert "Лист має містити {hromadas}" in refused.content.decode()
