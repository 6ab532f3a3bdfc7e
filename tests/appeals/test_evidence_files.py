"""Evidence files on problems: only real documents within the limits, stored 0600, and only
ever handed out to those who may see the problem."""

from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.appeals import actions, file_actions
from hromada.appeals.models import Answer, Body, EvidenceFile, Problem
from hromada.audit.models import AuditEntry
from tests import factories
from tests.conftest import Personas

PDF = b"%PDF-1.4\n% evidence\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def problem(personas: Personas) -> Problem:
    return actions.raise_problem(
        by=personas.official,
        hromada=personas.hromada,
        title="Не надходить освітня субвенція",
        description="Затримка 40 днів.",
    )


def _messages(response: object) -> str:
    return " ".join(str(m) for m in response.context["messages"])  # type: ignore[attr-defined]


def test_an_official_adds_a_pdf_that_only_people_of_the_problem_can_download(
    personas: Personas, problem: Problem, client: Client
) -> None:
    client.force_login(personas.official)
    mine = problem.participations.get()
    response = client.post(
        f"/appeals/{problem.pk}/files/",
        {
            "title": "Лист казначейства",
            "participation": mine.pk,
            "file": SimpleUploadedFile("../../etc/лист.pdf", PDF),
        },
        follow=True,
    )
    assert "Файл додано" in _messages(response)
    item = EvidenceFile.objects.get()
    assert item.file_name == "лист.pdf" and item.participation == mine
    stored = Path(settings.MEDIA_ROOT) / item.file.name
    assert stored.read_bytes() == PDF
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert AuditEntry.objects.filter(action="appeals.evidence.upload").count() == 1
    page = client.get(f"/appeals/{problem.pk}/").content.decode()
    assert "Лист казначейства" in page

    served = client.get(f"/appeals/files/{item.pk}/")
    assert served.status_code == 200 and served.content == PDF
    assert served["Content-Type"] == "application/pdf"
    assert Client().get(f"/appeals/files/{item.pk}/").status_code == 302  # sign in first

    # Publishing the problem publishes its summary, never its files.
    actions.publish_problem(problem, by=personas.analyst, summary="Субвенція надходить пізно.")
    outsider = Client()
    outsider.force_login(factories.make_official(personas.other_hromada, username="other"))
    assert outsider.get(f"/appeals/files/{item.pk}/").status_code == 404
    assert "Лист казначейства" not in outsider.get(f"/appeals/{problem.pk}/").content.decode()


def test_a_renamed_program_an_unknown_kind_and_an_oversized_file_are_refused(
    personas: Personas, problem: Problem, client: Client, settings: object
) -> None:
    client.force_login(personas.official)
    mine = problem.participations.get().pk

    def send(name: str, content: bytes) -> str:
        response = client.post(
            f"/appeals/{problem.pk}/files/",
            {"participation": mine, "file": SimpleUploadedFile(name, content)},
            follow=True,
        )
        return _messages(response)

    assert "насправді не є файлом PDF" in send("довідка.pdf", b"MZ\x90\x00 a program")
    assert "не приймаємо" in send("run.exe", b"MZ\x90\x00")
    settings.HROMADA_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    assert "щонайбільше 1,0" in send("великий.pdf", PDF + b"0" * (1024 * 1024))
    assert not EvidenceFile.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))  # type: ignore[attr-defined]


def test_an_office_file_that_would_unpack_beyond_the_limit_is_refused(
    personas: Personas, problem: Problem, settings: object
) -> None:
    settings.HROMADA_UPLOAD_MAX_UNZIPPED_MB = 1  # type: ignore[attr-defined]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (3 * 1024 * 1024))
    assert len(packed.getvalue()) < 50_000
    with pytest.raises(ValidationError, match="розпаковується"):
        file_actions.upload_evidence(
            problem,
            by=personas.official,
            title="",
            file_name="таблиця.docx",
            content=packed.getvalue(),
        )


def test_only_the_hromadas_of_the_problem_add_files_and_the_uploader_removes_them(
    personas: Personas,
    problem: Problem,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    other = factories.make_official(personas.other_hromada, username="other")
    with pytest.raises(PermissionDenied):
        file_actions.upload_evidence(problem, by=other, title="", file_name="a.pdf", content=PDF)
    joined = actions.join_problem(
        problem, by=other, hromada=personas.other_hromada, details="Теж маємо."
    )
    # Joining lets it add files for itself, not for the hromada that raised the problem.
    with pytest.raises(PermissionDenied):
        file_actions.upload_evidence(problem, by=other, title="", file_name="a.pdf", content=PDF)
    item = file_actions.upload_evidence(
        problem, by=other, title="Наші дані", file_name="a.pdf", content=PDF, participation=joined
    )
    stored = Path(settings.MEDIA_ROOT) / item.file.name
    client.force_login(personas.official)  # sees the file, did not upload it: cannot remove it
    assert client.get(f"/appeals/files/{item.pk}/").status_code == 200
    assert client.post(f"/appeals/files/{item.pk}/delete/").status_code == 403
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/appeals/files/{item.pk}/delete/")
    assert not EvidenceFile.objects.exists() and not stored.exists()
    assert AuditEntry.objects.filter(action="appeals.evidence.delete").count() == 1


def test_an_answers_pdf_is_kept_and_served_only_to_people_of_the_problem(
    personas: Personas, problem: Problem, client: Client
) -> None:

    (letter,) = actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=[Body.objects.get(code="mof")],
        sent_on=dt.date(2026, 1, 5),
    )
    client.force_login(personas.analyst)
    fields = {"received_on": "2026-01-20", "summary": "Перераховано.", "outcome": "solved"}
    refused = client.post(
        f"/appeals/letters/{letter.pk}/answer/",
        {**fields, "document": SimpleUploadedFile("answer.pdf", b"<html>not a pdf")},
        follow=True,
    )
    assert "насправді не є файлом PDF" in _messages(refused) and not Answer.objects.exists()
    client.post(
        f"/appeals/letters/{letter.pk}/answer/",
        {**fields, "document": SimpleUploadedFile("answer.pdf", PDF)},
    )
    answer = Answer.objects.get()
    client.force_login(personas.official)
    served = client.get(f"/appeals/answers/{answer.pk}/pdf/")
    assert b"".join(served.streaming_content) == PDF
    client.force_login(factories.make_official(personas.other_hromada, username="other"))
    assert client.get(f"/appeals/answers/{answer.pk}/pdf/").status_code == 404
    bodies = Client().get("/appeals/bodies/", {"format": "csv"}).content.decode("utf-8-sig")
    assert bodies.startswith("code,name_uk") and "mof,Міністерство фінансів" in bodies
