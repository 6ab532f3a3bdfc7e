from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.members.models import Section
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_branch, make_membership, make_person
from tests.members.queries import queries_of

pytestmark = pytest.mark.django_db
BRANCHES = reverse("members:branches")
SECTIONS = reverse("members:sections")


def test_sections_are_seeded_in_both_languages() -> None:
    sections = Section.objects.all()
    assert 14 <= sections.count() <= 16
    codes = set(sections.values_list("code", flat=True))
    required = {"education", "health-care", "housing-utilities", "social-protection"}
    assert required | {"land-resources", "finance"} <= codes
    assert all(s.name_uk and s.name_en and s.description_en for s in sections)


def test_branches_list_their_coordinators_and_member_counts(
    client: Client, personas: Personas
) -> None:
    make_branch(personas.oblast, email="poltava@example.org", is_demo=True)
    make_branch(personas.other_oblast)
    make_membership(personas.hromada)
    make_membership(personas.other_hromada, status="suspended")
    response = client.get(BRANCHES)
    rows = {row.branch.oblast.name_uk: row for row in response.context["rows"]}
    assert [u.username for u in rows["Полтавська"].coordinators] == ["coordinator"]
    assert (rows["Полтавська"].members, rows["Сумська"].members) == (1, 0)
    html = response.content.decode()
    assert "poltava@example.org" in html
    assert html.count('class="badge warn"') == 1


def test_branches_page_queries_do_not_grow_with_branches(
    client: Client, personas: Personas, django_assert_num_queries: Any
) -> None:
    make_branch(personas.oblast)
    few = queries_of(client, BRANCHES)
    for n in range(5):
        oblast = factories.make_oblast(f"Область{n}", f"Oblast{n}")
        make_branch(oblast)
        factories.make_coordinator(oblast)
    with django_assert_num_queries(few):
        client.get(BRANCHES)


def test_sections_count_people_of_active_member_hromadas(
    client: Client, personas: Personas
) -> None:
    finance = Section.objects.get(code="finance")
    make_membership(personas.hromada)
    make_membership(personas.other_hromada, status="left", left_on="2023-01-01")
    make_person(personas.hromada, sections=[finance])
    make_person(personas.other_hromada, sections=[finance])
    counts = {s.code: s.people for s in client.get(SECTIONS).context["sections"]}
    assert counts["finance"] == 1
    assert counts["education"] == 0


def test_sections_page_queries_do_not_grow_with_people(
    client: Client, personas: Personas, django_assert_num_queries: Any
) -> None:
    make_membership(personas.hromada)
    few = queries_of(client, SECTIONS)
    for n in range(10):
        make_person(personas.hromada, full_name=f"Особа {n}", sections=Section.objects.all())
    with django_assert_num_queries(few):
        client.get(SECTIONS)


def test_inactive_sections_are_hidden_from_the_public_but_not_from_analysts(
    client: Client, personas: Personas
) -> None:
    Section.objects.filter(code="legal").update(is_active=False)
    public = {s.code for s in client.get(SECTIONS).context["sections"]}
    client.force_login(personas.analyst)
    analyst = {s.code for s in client.get(SECTIONS).context["sections"]}
    assert "legal" not in public
    assert "legal" in analyst


def test_analyst_adds_and_edits_a_section(client: Client, personas: Personas) -> None:
    client.force_login(personas.analyst)
    data = {
        "code": "water",
        "name_uk": "Водопостачання",
        "name_en": "Water supply",
        "description_uk": "",
        "description_en": "",
        "order": "200",
        "is_active": "on",
    }
    assert client.post(reverse("members:section_create"), data).status_code == 302
    data["name_en"] = "Water and sewerage"
    client.post(reverse("members:section_edit", args=["water"]), data)
    assert Section.objects.get(code="water").name_en == "Water and sewerage"
    updated = AuditEntry.objects.get(action="members.section.update")
    assert updated.changes == {"name_en": ["Water supply", "Water and sewerage"]}


@pytest.mark.parametrize("who", ["official", "coordinator", "outsider"])
def test_only_analysts_may_open_the_section_forms(
    client: Client, personas: Personas, who: str
) -> None:
    client.force_login(getattr(personas, who))
    assert client.get(reverse("members:section_create")).status_code == 403
    assert client.get(reverse("members:section_edit", args=["finance"])).status_code == 403
    assert "section_edit" not in client.get(SECTIONS).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_for_the_section_forms(client: Client) -> None:
    assert client.get(reverse("members:section_create")).status_code == 302
