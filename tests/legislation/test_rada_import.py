"""Bills from the Rada's open data: read in the published columns, idempotent by number."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.audit.models import AuditEntry
from hromada.legislation.actions import import_bills
from hromada.legislation.models import Bill, BillStage
from hromada.legislation.stages import Stage, classify
from tests.conftest import Personas
from tests.legislation.conftest import files


def test_the_sample_files_import_bills_with_committee_initiators_and_stage(
    personas: Personas, rada_files: list[tuple[str, bytes]]
) -> None:
    summary = import_bills(rada_files, by=personas.analyst)
    assert summary.ok and len(summary.new) == 6
    bill = Bill.objects.get(number="12101")
    assert bill.main_committee == "Комітет з питань бюджету"
    assert bill.initiators == ["Приклад Олена Іванівна", "Зразок Петро Миколайович"]
    assert bill.registered_on == dt.date(2026, 9, 2)
    assert (bill.stage, bill.stage_on) == (Stage.COMMITTEE, dt.date(2026, 9, 4))
    assert Bill.objects.get(number="12188").stage == Stage.WITHDRAWN
    audit = AuditEntry.objects.get(action="legislation.bills.import")
    assert audit.actor == personas.analyst and audit.changes["new"] == [0, 6]


def test_importing_the_same_files_again_changes_nothing(
    personas: Personas, rada_files: list[tuple[str, bytes]]
) -> None:
    import_bills(rada_files, by=personas.analyst)
    again = import_bills(rada_files, by=personas.analyst)
    assert (again.new, again.updated, again.unchanged, again.new_stages) == ([], [], 6, 0)
    assert BillStage.objects.count() == 6


def test_a_later_file_adds_each_new_stage_as_a_dated_event(
    personas: Personas, rada_files: list[tuple[str, bytes]]
) -> None:
    import_bills(rada_files, by=personas.analyst)
    update = import_bills(files("billinfo-update-sample.json"), by=personas.analyst)
    assert update.ok and update.new_stages == 2  # "registered" and "first reading" are new
    bill = Bill.objects.get(number="12101")
    assert [(s.stage, s.happened_on) for s in bill.stages.all()] == [
        (Stage.REGISTERED, dt.date(2026, 9, 2)),
        (Stage.COMMITTEE, dt.date(2026, 9, 4)),
        (Stage.FIRST_READING, dt.date(2026, 11, 19)),
    ]
    assert (bill.stage, bill.stage_title) == (Stage.FIRST_READING, "Прийнято в першому читанні")


def test_a_broken_file_names_the_row_and_column_and_writes_nothing(personas: Personas) -> None:
    broken = (
        "bill_id,number,title,registrationDate,currentPhase_title,currentPhase_date\n"
        "1,100,Про щось,2026-01-01,Зареєстровано,2026-01-01\n"
        "2,101,Про інше,31/02/2026,Зареєстровано,2026-01-01\n"
        "3,,Без номера,2026-01-01,,\n"
    ).encode()
    summary = import_bills([("bills_main.csv", broken)], by=personas.analyst)
    assert not summary.ok and not Bill.objects.exists()
    messages = [str(problem) for problem in summary.problems]
    assert any("рядок 3" in m and "registrationDate" in m and "31/02/2026" in m for m in messages)
    assert any("рядок 4" in m and "number" in m for m in messages)


def test_a_file_that_is_not_a_bill_file_is_refused_with_what_is_expected(
    personas: Personas,
) -> None:
    summary = import_bills([("budget.csv", b"code,value\n1,2\n")], by=personas.analyst)
    assert not summary.ok
    assert "bills_main" in str(summary.problems[0]) and not Bill.objects.exists()
    garbage = import_bills([("billinfo.json", b"\xff\xfe{")], by=personas.analyst)
    assert not garbage.ok


@pytest.mark.parametrize("who", ["official", "coordinator", "outsider"])
def test_only_analysts_import_bills(
    personas: Personas, rada_files: list[tuple[str, bytes]], who: str
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_bills(rada_files, by=getattr(personas, who))
    assert not Bill.objects.exists()


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("Зареєстровано", Stage.REGISTERED),
        ("Надано для ознайомлення", Stage.REGISTERED),
        ("Направлено на розгляд Комітету", Stage.COMMITTEE),
        ("Прийнято за основу", Stage.FIRST_READING),
        ("Прийнято в першому читанні", Stage.FIRST_READING),
        ("Підготовлено до другого читання", Stage.SECOND_READING),
        ("Прийнято в цілому", Stage.ADOPTED),
        ("Закон направлено на підпис Президенту України", Stage.ADOPTED),
        ("Повернуто з підписом Президента України", Stage.SIGNED),
        ("Повернуто з пропозиціями Президента", Stage.VETOED),
        ("Відкликано", Stage.WITHDRAWN),
        ("Відхилено", Stage.REJECTED),
        ("Щось зовсім інше", Stage.OTHER),
    ],
)
def test_the_rada_phase_titles_map_onto_the_fixed_stages(title: str, stage: Stage) -> None:
    assert classify(title) == stage


def test_the_command_imports_files_and_reports_counts(personas: Personas, tmp_path: object) -> None:
    import io
    from pathlib import Path

    from django.core.management import call_command

    from tests.legislation.conftest import SEED

    out = io.StringIO()
    call_command(
        "import_bills",
        str(Path(SEED) / "bills_main-sample.csv"),
        "--by",
        personas.analyst.username,
        stdout=out,
    )
    assert out.getvalue().startswith("6 new, 0 updated")
