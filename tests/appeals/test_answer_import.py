"""Answers from a spreadsheet: every row checked with its row and column named, a preview,
then all recorded together or none, audited once."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from hromada.appeals import actions
from hromada.appeals.answer_import import apply_answers, plan_answers
from hromada.appeals.models import Answer, Body, Dispatch, Outcome, Problem, ProblemState
from hromada.audit.models import AuditEntry
from tests.conftest import Personas


@pytest.fixture
def letters(personas: Personas) -> list[Dispatch]:
    problem = actions.raise_problem(
        by=personas.official,
        hromada=personas.hromada,
        title="Не надходить освітня субвенція",
        description="Затримка 40 днів.",
    )
    bodies = [Body.objects.get(code="mof"), Body.objects.get(code="cabinet")]
    return actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=bodies,
        sent_on=dt.date(2026, 10, 1),
        outgoing_number="01-12/345",
    )


def _xlsx(rows: list[list[Any]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


HEADER = ["letter", "received_on", "incoming_number", "outcome", "redirected_to", "summary"]


def test_a_file_with_any_wrong_row_records_nothing_and_names_each_row_and_column(
    personas: Personas, letters: list[Dispatch]
) -> None:
    mof, cabinet = letters
    source = _xlsx(
        [
            HEADER,
            [mof.pk, dt.date(2026, 10, 9), "12/1", "вирішено", "", "Кошти перераховано."],
            [cabinet.pk, "32.10.2026", "", "maybe", "", "Так."],
            [999999, "2026-10-09", "", "refused", "", "Ні."],
            [cabinet.pk, "2026-09-01", "", "redirected", "nobody", ""],
        ]
    )
    plan = plan_answers(source, name="відповіді.xlsx", by=personas.analyst)
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {
        (3, "received_on"),
        (3, "outcome"),
        (4, "letter"),
        (5, "redirected_to"),
        (5, "summary"),
    }
    assert any("32.10.2026" in p.message for p in plan.problems)
    source.seek(0)
    applied = apply_answers(source, name="відповіді.xlsx", by=personas.analyst)
    assert not applied.ok and not Answer.objects.exists()


def test_answers_by_letter_or_by_outgoing_number_are_recorded_together_and_audited_once(
    personas: Personas, letters: list[Dispatch], client: Client
) -> None:
    mof, cabinet = letters
    csv_text = (
        "outgoing_number;body;received_on;incoming_number;outcome;redirected_to;summary\n"
        "01-12/345;mof;09.10.2026;12/1;solved;;Кошти перераховано.\n"
        "01-12/345;cabinet;2026-10-20;;Redirected to another body;msp;До Мінсоцполітики.\n"
    )
    client.force_login(personas.analyst)
    preview = client.post(
        "/appeals/answers/import/",
        {"file": SimpleUploadedFile("answers.csv", csv_text.encode("cp1251"))},
    )
    page = preview.content.decode()
    assert "Кошти перераховано" in page and "Записати 2 відповіді" in page
    assert not Answer.objects.exists()  # a preview writes nothing
    client.post("/appeals/answers/import/", {"apply": "1"})
    assert Answer.objects.get(dispatch=mof).outcome == Outcome.SOLVED
    assert Answer.objects.get(dispatch=cabinet).redirected_to == Body.objects.get(code="msp")
    redirect = Dispatch.objects.get(redirected_from=cabinet)
    assert redirect.body.code == "msp" and redirect.deadline > dt.date(2026, 10, 20)
    assert AuditEntry.objects.filter(action="appeals.answer.import").count() == 1
    assert not AuditEntry.objects.filter(action="appeals.answer.record").exists()
    problem = Problem.objects.get()
    assert problem.state == ProblemState.SENT  # still waiting for the ministry it went to
    # The same file again: every letter already has its answer; nothing changes.
    again = plan_answers(io.BytesIO(csv_text.encode()), name="answers.csv", by=personas.analyst)
    assert [p.row for p in again.problems] == [2, 3]
    assert "уже є відповідь" in again.problems[0].message


def test_the_open_letters_file_comes_back_filled_in(
    personas: Personas, letters: list[Dispatch], client: Client
) -> None:
    client.force_login(personas.analyst)
    download = client.get("/appeals/answers/import/", {"letters": "xlsx"})
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["letter", "body", "outgoing_number", "sent_on"]
    assert {r[0] for r in rows[1:]} == {d.pk for d in letters}
    for row in rows[1:]:
        row[4:] = ["15.10.2026", "", "partly", "", "Частково."]
        sheet.append(row)
    sheet.delete_rows(2, len(letters))
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    plan = apply_answers(filled, name="open.xlsx", by=personas.analyst)
    assert plan.ok and Answer.objects.filter(outcome=Outcome.PARTLY).count() == 2


def test_only_analysts_import_answers(personas: Personas, client: Client) -> None:
    with pytest.raises(PermissionDenied):
        plan_answers(_xlsx([HEADER]), name="a.xlsx", by=personas.official)
    client.force_login(personas.official)
    assert client.get("/appeals/answers/import/").status_code == 403


def test_checking_a_long_file_reads_the_letters_once_not_per_row(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    problem = actions.raise_problem(
        by=personas.official, hromada=personas.hromada, title="Дороги", description="Ремонт."
    )
    mof = Body.objects.get(code="mof")
    sent = [
        actions.send_letters(
            problem, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 10, 1)
        )[0]
        for _ in range(30)
    ]
    rows = [HEADER] + [[d.pk, "2026-10-09", "", "solved", "", "Так."] for d in sent]
    rows.append(["", "2026-10-09", "", "solved", "", "Так."])  # no letter named at all
    with django_assert_max_num_queries(8):
        plan = plan_answers(_xlsx(rows), name="a.xlsx", by=personas.analyst)
    assert len(plan.answers) == 30 and [p.row for p in plan.problems] == [32]
