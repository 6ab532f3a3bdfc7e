from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.members.models import Membership, Person, Section
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person
from tests.members.queries import queries_of

pytestmark = pytest.mark.django_db


def test_analyst_admits_a_hromada_by_its_code(client: Client, personas: Personas) -> None:
    client.force_login(personas.analyst)
    data = {"code": personas.hromada.code.lower(), "joined_on": "2020-11-03", "decision": "№ 1"}
    response = client.post(reverse("members:admit"), data)
    assert response.status_code == 302
    membership = Membership.objects.get(territory=personas.hromada)
    assert membership.changes.get().changed_by == personas.analyst


def test_admitting_an_oblast_shows_the_reason_and_admits_nothing(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    data = {"code": personas.oblast.code, "joined_on": "2020-11-03"}
    response = client.post(reverse("members:admit"), data, follow=True)
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    assert not Membership.objects.exists()


def test_coordinators_cannot_admit_members(client: Client, personas: Personas) -> None:
    client.force_login(personas.coordinator)
    assert client.get(reverse("members:admit")).status_code == 403


def test_analyst_adds_and_edits_an_official_of_a_member(client: Client, personas: Personas) -> None:
    make_membership(personas.hromada)
    client.force_login(personas.analyst)
    finance = Section.objects.get(code="finance")
    data: dict[str, Any] = {
        "full_name": "Бондаренко Оксана Петрівна",
        "position": "секретар ради",
        "email": "o.bondarenko@example.org",
        "phone": "+380 00 000 0007",
        "sections": [finance.pk],
        "consent": "on",
    }
    create = reverse("members:person_create", args=[personas.hromada.code])
    assert client.post(create, data).status_code == 302
    person = Person.objects.get()
    assert person.hromada == personas.hromada
    assert person.consent_on is not None
    data["position"] = "міський голова"
    edit = reverse("members:person_edit", args=[personas.hromada.code, person.pk])
    assert client.get(edit).context["form"].initial["full_name"] == person.full_name
    client.post(edit, data)
    person.refresh_from_db()
    assert person.position == "міський голова"
    assert AuditEntry.objects.filter(action__startswith="members.person.").count() == 2


def test_officials_cannot_edit_people_even_of_their_own_hromada(
    client: Client, personas: Personas
) -> None:
    make_membership(personas.hromada)
    person = make_person(personas.hromada)
    client.force_login(personas.official)
    edit = reverse("members:person_edit", args=[personas.hromada.code, person.pk])
    assert client.post(edit, {"full_name": "X"}).status_code == 403
    person.refresh_from_db()
    assert person.full_name != "X"


def test_a_person_of_another_hromada_cannot_be_edited_through_this_one(
    client: Client, personas: Personas
) -> None:
    make_membership(personas.hromada)
    stranger = make_person(personas.other_hromada)
    client.force_login(personas.analyst)
    edit = reverse("members:person_edit", args=[personas.hromada.code, stranger.pk])
    assert client.get(edit).status_code == 404


def test_member_page_queries_do_not_grow_with_people(
    client: Client, personas: Personas, django_assert_num_queries: Any
) -> None:
    make_membership(personas.hromada)
    make_person(personas.hromada)
    client.force_login(personas.coordinator)
    url = reverse("members:member", args=[personas.hromada.code])
    few = queries_of(client, url)
    for n in range(8):
        make_person(personas.hromada, full_name=f"Коваль {n}", sections=Section.objects.all())
    with django_assert_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    "model",
    ["membership", "membershipchange", "dues", "regionalbranch", "section", "person"],
)
def test_every_registry_table_is_in_the_admin(
    client: Client, personas: Personas, model: str
) -> None:
    make_person(make_membership(personas.hromada).territory)
    client.force_login(personas.administrator)
    response = client.get(reverse(f"admin:members_{model}_changelist"), {"q": "Реш"})
    assert response.status_code == 200


def test_saving_a_person_in_the_admin_goes_through_the_action(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.administrator)
    data = {
        "full_name": "Руденко Юрій Іванович",
        "position": "радник",
        "hromada": "",
        "email": "",
        "phone": "",
        "consent": "on",
        "consent_on": "2024-03-01",
        "sections": [Section.objects.get(code="legal").pk],
    }
    response = client.post(reverse("admin:members_person_add"), data)
    assert response.status_code == 302
    person = Person.objects.get()
    assert [s.code for s in person.sections.all()] == ["legal"]
    assert AuditEntry.objects.get().action == "members.person.create"


def test_a_membership_added_in_the_admin_has_its_admission_in_history(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.administrator)
    data = {"territory": personas.hromada.pk, "joined_on": "2019-05-05", "decision": "", "note": ""}
    response = client.post(reverse("admin:members_membership_add"), data)
    assert response.status_code == 302
    assert Membership.objects.get().changes.count() == 1
