"""International partnerships: the association's memberships and its partner projects, shown
on the section, branch and hromada pages they touch once published; analysts record them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.members.models import RegionalBranch
from hromada.workspaces.models import Affiliation, NewsState, Partner, Project
from tests.conftest import Personas
from tests.workspaces.factories import a_section, make_news

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _form(personas: Personas, **changes: object) -> dict[str, object]:
    cemr = Partner.objects.create(name_uk="Рада європейських муніципалітетів", country="BE")
    funder = Partner.objects.create(name_uk="Уряд Швеції", name_en="Government of Sweden")
    data: dict[str, object] = {
        "title_uk": "Енергоефективні громади",
        "title_en": "Energy-efficient hromadas",
        "summary_uk": "Аудит будівель і план заходів.",
        "programme": "U-LEAD",
        "partners": [cemr.pk],
        "funders": [funder.pk],
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "hromadas": f"{personas.hromada.code}\n{personas.other_hromada.code.lower()}",
        "sections": [a_section().pk],
        "results": "12 будівель утеплено.",
        "is_published": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def project(client: Client, personas: Personas) -> Project:
    client.force_login(personas.analyst)
    response = client.post(reverse("workspaces:project_new"), _form(personas))
    assert response.status_code == 302
    client.logout()
    return Project.objects.get()


def test_an_analyst_records_a_project_with_its_hromadas_and_it_is_audited(
    project: Project, personas: Personas
) -> None:
    assert set(project.hromadas.all()) == {personas.hromada, personas.other_hromada}
    assert project.funders.get().name_en == "Government of Sweden"
    entry = AuditEntry.objects.get(action="workspaces.project.create")
    assert entry.changes["title_uk"] == [None, "Енергоефективні громади"]
    assert personas.hromada.name_uk in str(entry.changes["hromadas"])


def test_the_public_sees_a_published_project_where_it_belongs(
    client: Client, project: Project, personas: Personas
) -> None:
    Affiliation.objects.create(
        name_uk="Рада європейських муніципалітетів і регіонів",
        acronym="CEMR",
        since=dt.date(2017, 1, 1),
    )
    index = client.get(reverse("workspaces:international")).content.decode()
    assert "CEMR" in index and "Енергоефективні громади" in index
    detail = client.get(reverse("workspaces:project", args=[project.pk])).content.decode()
    for text in ("Уряд Швеції", "U-LEAD", "12 будівель утеплено", personas.hromada.name_uk):
        assert text in detail
    section = client.get(reverse("workspaces:section", args=[a_section().code])).content
    assert "Енергоефективні громади" in section.decode()
    territory = client.get(reverse("territories:detail", args=[personas.hromada.code]))
    assert "Енергоефективні громади" in territory.content.decode()
    branch = RegionalBranch.objects.create(oblast=personas.oblast, name_uk="Полтавське")
    page = client.get(reverse("workspaces:branch", args=[branch.oblast.code])).content.decode()
    assert "Енергоефективні громади" in page


def test_an_unpublished_project_is_hidden_from_everyone_but_analysts(
    client: Client, project: Project, personas: Personas
) -> None:
    project.is_published = False
    project.save()
    assert client.get(reverse("workspaces:project", args=[project.pk])).status_code == 404
    assert "Енергоефективні" not in client.get(reverse("workspaces:international")).content.decode()
    territory = client.get(reverse("territories:detail", args=[personas.hromada.code]))
    assert "Енергоефективні" not in territory.content.decode()
    client.force_login(personas.official)
    assert client.get(reverse("workspaces:project", args=[project.pk])).status_code == 404
    client.force_login(personas.analyst)
    assert client.get(reverse("workspaces:project", args=[project.pk])).status_code == 200


def test_only_analysts_record_projects(client: Client, personas: Personas) -> None:
    client.force_login(personas.coordinator)
    response = client.post(reverse("workspaces:project_new"), _form(personas))
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_unknown_hromada_codes_and_an_end_before_the_start_are_refused_with_reasons(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    page = client.post(
        reverse("workspaces:project_new"), _form(personas, hromadas="UA99999999999999999")
    ).content.decode()
    assert "UA99999999999999999" in page
    response = client.post(
        reverse("workspaces:project_new"),
        _form(personas, starts_on="2026-01-01", ends_on="2025-01-01"),
    )
    assert not Project.objects.exists()
    assert response.status_code == 200


def test_project_documents_are_served_with_a_published_project_and_linked_drafts_stay_hidden(
    client: Client, project: Project, personas: Personas
) -> None:
    published = make_news(title="Стартував проєкт")
    draft = make_news(title="Чернетка про проєкт", state=NewsState.DRAFT)
    project.news.set([published, draft])
    client.force_login(personas.analyst)
    client.post(
        reverse("workspaces:project_document_upload", args=[project.pk]),
        {"title": "Звіт", "file": SimpleUploadedFile("report.pdf", PDF)},
    )
    renamed = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00program")
    client.post(
        reverse("workspaces:project_document_upload", args=[project.pk]),
        {"title": "Підробка", "file": renamed},
    )
    assert project.documents.count() == 1
    client.logout()
    page = client.get(reverse("workspaces:project", args=[project.pk])).content.decode()
    assert "Стартував проєкт" in page and "Чернетка про проєкт" not in page
    document = project.documents.get()
    response = client.get(reverse("workspaces:project_document", args=[project.pk, document.pk]))
    assert response.status_code == 200 and response.content == PDF
    project.is_published = False
    project.save()
    response = client.get(reverse("workspaces:project_document", args=[project.pk, document.pk]))
    assert response.status_code == 404


def test_the_partnerships_page_reads_a_bounded_number_of_queries(
    client: Client, project: Project, personas: Personas, django_assert_max_num_queries: object
) -> None:
    for number in range(5):
        copy = Project.objects.create(
            title_uk=f"Проєкт {number}",
            summary_uk="—",
            starts_on=dt.date(2024, 1, 1),
            is_published=True,
        )
        copy.partners.set(Partner.objects.all())
    with django_assert_max_num_queries(15):  # type: ignore[operator]
        client.get(reverse("workspaces:international"))
