"""Attendance from a sheet: a preview first, messages with row and column, all or nothing."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from hromada.audit.models import AuditEntry
from hromada.learning import actions
from hromada.learning.attendance_sheet import read_sheet
from hromada.learning.models import Attendance, Event, Registration
from tests.conftest import Personas


def _people(event: Event, personas: Personas) -> list[Registration]:
    return [
        actions.register(
            event,
            by=personas.analyst,
            full_name=name,
            email=f"{name.lower()}@example.org",
            hromada=personas.hromada,
        )
        for name in ("Olena", "Taras")
    ]


def _day(event: Event, index: int) -> str:
    return timezone.localtime(event.sessions.all()[index].starts_at).strftime("%d.%m.%Y")


def test_a_good_sheet_is_previewed_then_saved_with_one_audit_entry(
    personas: Personas, event: Event, client: Client
) -> None:
    olena, taras = _people(event, personas)
    text = (
        f"ПІБ;E-mail;{_day(event, 0)};2\nОлена;OLENA@example.org;+;п\nТарас;taras@example.org;-;\n"
    )
    client.force_login(personas.analyst)
    url = f"/learning/{event.pk}/attendance-sheet/"
    page = client.post(url, {"sheet": SimpleUploadedFile("marks.csv", text.encode())})
    plan = page.context["plan"]
    assert (plan.people, plan.new, plan.changed, plan.problems) == (2, 3, 0, [])
    assert Attendance.objects.count() == 0  # nothing before the confirmation
    assert client.post(url, {"confirm": "1"}).status_code == 302
    olena_marks = Attendance.objects.filter(registration=olena).order_by("session__starts_at")
    assert list(olena_marks.values_list("presence", flat=True)) == ["present", "excused"]
    taras_marks = Attendance.objects.filter(registration=taras)
    assert list(taras_marks.values_list("presence", flat=True)) == ["absent"]
    entry = AuditEntry.objects.get(action="learning.attendance.import")
    assert entry.changes["marks"] == [0, 3]


def test_every_problem_names_its_row_and_column_and_nothing_is_saved(
    personas: Personas, event: Event
) -> None:
    _people(event, personas)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["email", "1", "2"])
    sheet.append(["olena@example.org", "+", "maybe"])
    sheet.append(["stranger@example.org", "+", "+"])
    sheet.append(["olena@example.org", "-", "-"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    plan = read_sheet(event, buffer, name="marks.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(2, "2"), (3, "email"), (4, "email")]
    assert "maybe" in plan.problems[0].message
    assert "stranger@example.org" in plan.problems[1].message
    assert "уже є в рядку 2" in plan.problems[2].message


def test_a_sheet_without_session_columns_is_refused(personas: Personas, event: Event) -> None:
    _people(event, personas)
    plan = read_sheet(event, io.BytesIO(b"email,note\nolena@example.org,x\n"), name="m.csv")
    assert len(plan.problems) == 1 and plan.problems[0].row == 1 and not plan.marks


def test_a_trainer_of_another_event_cannot_upload(
    personas: Personas, event: Event, client: Client
) -> None:
    client.force_login(personas.official)
    url = f"/learning/{event.pk}/attendance-sheet/"
    response = client.post(url, {"sheet": SimpleUploadedFile("m.csv", b"email,1\n")})
    assert response.status_code == 403
