"""A section's page: its people, its meetings and documents, and what other rooms hold for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from hromada.appeals.models import Problem, ProblemState
from hromada.audit.models import AuditEntry
from hromada.learning.models import Event
from hromada.members.models import Section
from hromada.workspaces import actions
from hromada.workspaces.actions import MeetingInput
from hromada.workspaces.models import Document, Meeting
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person
from tests.workspaces.factories import a_section, make_chair, make_meeting

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def section(personas: Personas) -> Section:
    return a_section()


def _page(client: Client, section: Section) -> str:
    response = client.get(reverse("workspaces:section", args=[section.code]))
    assert response.status_code == 200
    return response.content.decode()


def _member_user(personas: Personas, section: Section, email: str = "member@example.org"):  # type: ignore[no-untyped-def]
    make_membership(personas.hromada)
    make_person(personas.hromada, email=email, full_name="Мельник Ганна", sections=[section])
    return factories.UserFactory(email=email.upper(), username="member")


def test_the_public_sees_published_meetings_but_not_internal_ones(
    client: Client, section: Section
) -> None:
    make_meeting(section, title="Відкрите засідання", is_published=True)
    make_meeting(section, title="Закрита нарада", is_published=False)
    page = _page(client, section)
    assert "Відкрите засідання" in page
    assert "Закрита нарада" not in page


def test_a_section_member_matched_by_email_sees_internal_meetings(
    client: Client, personas: Personas, section: Section
) -> None:
    make_meeting(section, title="Закрита нарада", is_published=False)
    client.force_login(_member_user(personas, section))
    assert "Закрита нарада" in _page(client, section)


def test_a_member_of_another_section_does_not_see_internal_meetings(
    client: Client, personas: Personas, section: Section
) -> None:
    other = Section.objects.exclude(pk=section.pk).first()
    assert other is not None
    make_meeting(section, title="Закрита нарада", is_published=False)
    client.force_login(_member_user(personas, other))
    assert "Закрита нарада" not in _page(client, section)


def test_members_are_listed_but_contacts_only_for_staff(
    client: Client, personas: Personas, section: Section
) -> None:
    make_membership(personas.hromada)
    make_person(personas.hromada, email="olena@example.org", sections=[section])
    page = _page(client, section)
    assert "Коваленко Олена Іванівна" in page
    assert "olena@example.org" not in page
    client.force_login(personas.coordinator)
    assert "olena@example.org" in _page(client, section)


def test_people_without_consent_are_hidden_from_the_public(
    client: Client, personas: Personas, section: Section
) -> None:
    make_membership(personas.hromada)
    make_person(personas.hromada, full_name="Без Згоди", consent=False, sections=[section])
    assert "Без Згоди" not in _page(client, section)


def test_the_chair_records_a_meeting_with_minutes_and_decisions(
    client: Client, personas: Personas, section: Section
) -> None:
    user = _member_user(personas, section)
    make_chair(section, section.persons.get())
    client.force_login(user)
    response = client.post(
        reverse("workspaces:meeting_new", args=[section.code]),
        {
            "held_on": "2026-04-02",
            "title": "Весняне засідання",
            "agenda": "Земельні питання",
            "minutes": "Присутні 12 осіб.",
            "decisions": "Підготувати позицію.",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(section=section)
    assert meeting.decisions == "Підготувати позицію." and meeting.is_published
    assert AuditEntry.objects.filter(action="workspaces.meeting.create").count() == 1
    client.logout()
    assert "Підготувати позицію." in _page(client, section)


def test_a_plain_member_may_not_record_meetings(
    client: Client, personas: Personas, section: Section
) -> None:
    client.force_login(_member_user(personas, section))
    response = client.get(reverse("workspaces:meeting_new", args=[section.code]))
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.save_meeting(
            section,
            MeetingInput(held_on=dt.date(2026, 1, 1), title="x", agenda="y"),
            by=personas.official,
        )


def test_a_chair_cannot_change_another_sections_meeting(
    client: Client, personas: Personas, section: Section
) -> None:
    user = _member_user(personas, section)
    make_chair(section, section.persons.get())
    other = Section.objects.exclude(pk=section.pk).first()
    assert other is not None
    foreign = make_meeting(other, title="Чуже засідання")
    client.force_login(user)
    url = reverse("workspaces:meeting_edit", args=[other.code, foreign.pk])
    assert client.get(url).status_code == 403
    url = reverse("workspaces:meeting_edit", args=[section.code, foreign.pk])
    assert client.get(url).status_code == 404


def test_only_members_of_the_section_can_be_appointed_chair(
    personas: Personas, section: Section
) -> None:
    outsider = make_person(personas.hromada, full_name="Сторонній Петро")
    with pytest.raises(ValidationError, match="Сторонній Петро"):
        actions.appoint_chair(section, outsider, dt.date(2026, 1, 1), by=personas.analyst)
    with pytest.raises(PermissionDenied):
        actions.appoint_chair(section, outsider, dt.date(2026, 1, 1), by=personas.coordinator)


def test_an_analyst_appoints_the_chair_shown_on_the_page(
    client: Client, personas: Personas, section: Section
) -> None:
    make_membership(personas.hromada)
    person = make_person(personas.hromada, full_name="Головна Марія", sections=[section])
    client.force_login(personas.analyst)
    response = client.post(
        reverse("workspaces:chair_appoint", args=[section.code]),
        {"person": person.pk, "since": "2026-02-01"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="workspaces.chair.appoint").count() == 1
    client.logout()
    page = _page(client, section)
    assert "Головна Марія" in page.split('id="people-h"')[1].split("</p>")[0]


def test_an_internal_document_is_downloaded_by_members_only(
    client: Client, personas: Personas, section: Section
) -> None:
    document = actions.upload_document(
        section,
        title="Проєкт протоколу",
        file_name="protokol.pdf",
        content=PDF,
        is_published=False,
        by=personas.analyst,
    )
    url = reverse("workspaces:document", args=[section.code, document.pk])
    assert client.get(url).status_code == 404
    assert "Проєкт протоколу" not in _page(client, section)
    client.force_login(_member_user(personas, section))
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"


def test_a_chair_uploads_a_document_through_the_page(
    client: Client, personas: Personas, section: Section
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = _member_user(personas, section)
    make_chair(section, section.persons.get())
    client.force_login(user)
    upload = SimpleUploadedFile("rishennia.pdf", PDF, content_type="application/pdf")
    client.post(
        reverse("workspaces:document_upload", args=[section.code]),
        {"title": "Рішення секції", "file": upload, "is_published": "on"},
    )
    client.logout()
    assert "Рішення секції" in _page(client, section)


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("virus.exe", b"MZ\x90\x00", "Файл virus.exe не приймаємо"),
        ("fake.pdf", b"MZ\x90\x00", "fake.pdf насправді не є файлом PDF"),
        ("empty.pdf", b"", "Файл empty.pdf порожній"),
        ("huge.pdf", b"%PDF-" + b"0" * actions.MAX_DOCUMENT_BYTES, "huge.pdf має розмір 10,0"),
    ],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_is_stored(
    personas: Personas, section: Section, name: str, content: bytes, complaint: str
) -> None:
    with pytest.raises(ValidationError, match=complaint):
        actions.upload_document(
            section,
            title="",
            file_name=name,
            content=content,
            is_published=True,
            by=personas.analyst,
        )
    assert not Document.objects.exists()


def test_the_page_gathers_the_sections_open_problems_and_events(
    client: Client, personas: Personas, section: Section
) -> None:
    Problem.objects.create(
        title="Відкрита публічна проблема",
        description="…",
        hromada=personas.hromada,
        section=section,
        is_public=True,
    )
    Problem.objects.create(
        title="Розв'язана проблема",
        description="…",
        hromada=personas.hromada,
        section=section,
        is_public=True,
        state=ProblemState.SOLVED,
    )
    Problem.objects.create(
        title="Непублічна проблема", description="…", hromada=personas.hromada, section=section
    )
    Event.objects.create(
        title="Вебінар секції",
        kind="webinar",
        programme="…",
        section=section,
        capacity=30,
        credits=1,
    )
    page = _page(client, section)
    assert "Відкрита публічна проблема" in page
    assert "Розв&#x27;язана проблема" not in page and "Розв'язана проблема" not in page
    assert "Непублічна проблема" not in page
    assert "Вебінар секції" in page
    client.force_login(personas.analyst)
    assert "Непублічна проблема" in _page(client, section)


def test_the_section_page_reads_in_a_bounded_number_of_queries(
    client: Client, personas: Personas, section: Section, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make_membership(personas.hromada)
    for number in range(5):
        make_person(personas.hromada, full_name=f"Особа {number}", sections=[section])
        make_meeting(section, title=f"Засідання {number}", is_published=True)
    with django_assert_max_num_queries(25):
        _page(client, section)


def test_an_unknown_section_is_not_found(client: Client, personas: Personas) -> None:
    assert client.get(reverse("workspaces:section", args=["no-such"])).status_code == 404


def test_the_page_lists_the_indicators_of_the_sections_field_with_the_latest_release(
    client: Client, personas: Personas, section: Section
) -> None:
    from django.utils import timezone

    from hromada.releases.models import Release
    from hromada.workspaces.models import SectionArea
    from tests.indicators.factories import make_indicator

    pupils = make_indicator("education.pupils", area="education", name_uk="Кількість учнів")
    make_indicator("health.doctors", area="health", name_uk="Кількість лікарів")
    page = _page(client, section)
    assert "Кількість учнів" not in page  # no field chosen for the section yet
    SectionArea.objects.create(section=section, area=pupils.area)
    page = _page(client, section)
    assert "Кількість учнів" in page and "Кількість лікарів" not in page
    assert "Жоден випуск ще не опубліковано" in page
    Release.objects.create(
        name_uk="Остаточні дані 2025",
        kind="final",
        first_year=2025,
        last_year=2025,
        published_at=timezone.now(),
    )
    assert "Остаточні дані 2025" in _page(client, section)


def test_the_section_page_lists_its_surveys_published_ones_to_the_public(
    client: Client, personas: Personas, section: Section
) -> None:
    import datetime as dt

    from hromada.surveys.models import Wave
    from tests.surveys.factories import make_survey, open_wave

    survey = make_survey(personas.analyst)
    make_membership(personas.hromada)
    make_person(personas.hromada, email="contact@example.org", sections=[section])
    kept = open_wave(survey, personas.analyst, personas.oblast, panel_kind="section",
                     panel_value=section.code, role="section", section=section)  # fmt: skip
    assert "Послуги ЦНАП, 2026" not in _page(client, section)
    client.force_login(personas.analyst)
    assert reverse("surveys:wave", args=[kept.pk]) in _page(client, section)
    client.logout()
    Wave.objects.filter(pk=kept.pk).update(results_published_on=dt.date(2026, 11, 1))
    page = _page(client, section)
    assert "Послуги ЦНАП, 2026" in page and "/api/v1/surveys/cnap/waves/2026/results" in page


def test_a_file_over_the_limit_is_refused_by_its_size_with_a_message(
    client: Client, personas: Personas, section: Section
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hromada.workspaces.actions import MAX_DOCUMENT_BYTES

    user = _member_user(personas, section)
    make_chair(section, section.persons.get())
    client.force_login(user)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "application/pdf")
    page = client.post(
        reverse("workspaces:document_upload", args=[section.code]),
        {"title": "Завеликий", "file": big},
        follow=True,
    )
    assert "Файл більший за 10 МБ." in page.content.decode()
    assert "Завеликий" not in _page(client, section)
