from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.members.models import Dues, Membership, Section
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_dues, make_membership, make_person
from tests.members.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(personas: Personas) -> Membership:
    membership = make_membership(personas.hromada, decision="рішення Правління № 7")
    finance = Section.objects.get(code="finance")
    make_person(personas.hromada, full_name="Мельник Ірина Петрівна", sections=[finance])
    make_person(
        personas.hromada,
        full_name="Савчук Тарас Іванович",
        email="hidden@example.org",
        consent=False,
    )
    make_dues(membership, 2023, paid_on=dt.date(2023, 5, 1))
    make_dues(membership, 2024)
    return membership


def page(client: Client, name: str, membership: Membership) -> Any:
    return client.get(reverse(f"members:{name}", args=[membership.territory.code]))


def test_member_page_is_public_but_hides_contacts(client: Client, member: Membership) -> None:
    response = page(client, "member", member)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Решетилівська" in html and "Полтавська" in html
    assert "Мельник Ірина Петрівна" in html
    assert "olena.kovalenko@example.org" not in html
    assert reverse("members:workspace", args=[member.territory.code]) not in html


def test_a_person_without_consent_is_never_shown_to_the_public(
    client: Client, member: Membership
) -> None:
    assert "Савчук" not in page(client, "member", member).content.decode()


def test_staff_see_contacts_of_consenting_people_only(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.coordinator)
    html = page(client, "member", member).content.decode()
    assert "olena.kovalenko@example.org" in html
    assert "Савчук" not in html and "hidden@example.org" not in html


def test_analysts_also_see_people_without_consent_marked_as_such(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.analyst)
    response = page(client, "member", member)
    assert "Савчук" in response.content.decode()
    assert [p.consent for p in response.context["persons"]] == [True, False]


def test_a_hromada_that_is_not_a_member_has_no_member_page(
    client: Client, personas: Personas
) -> None:
    url = reverse("members:member", args=[personas.other_hromada.code])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_for_the_workspace(
    client: Client, member: Membership
) -> None:
    response = page(client, "workspace", member)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", ["official", "coordinator", "analyst", "administrator"])
def test_the_hromada_its_coordinator_and_analysts_open_the_workspace(
    client: Client, personas: Personas, member: Membership, who: str
) -> None:
    client.force_login(getattr(personas, who))
    response = page(client, "workspace", member)
    assert response.status_code == 200
    html = response.content.decode()
    assert "olena.kovalenko@example.org" in html
    assert "рішення Правління № 7" in html
    assert personas.coordinator.email in html
    assert [d.year for d in response.context["space"].dues] == [2024, 2023]
    assert [s.code for s in response.context["space"].sections] == ["finance"]


def test_outsiders_and_other_officials_get_403_on_the_workspace(
    client: Client, personas: Personas, member: Membership
) -> None:
    other_official = factories.make_official(personas.other_hromada, username="other")
    for user in (personas.outsider, other_official):
        client.force_login(user)
        assert page(client, "workspace", member).status_code == 403


def test_only_analysts_see_the_management_forms(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.official)
    assert "Савчук" not in page(client, "workspace", member).content.decode()
    assert page(client, "workspace", member).context["status_form"] is None
    client.force_login(personas.analyst)
    assert page(client, "workspace", member).context["status_form"] is not None


def test_analyst_suspends_a_member_from_the_workspace(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.analyst)
    url = reverse("members:change_status", args=[member.territory.code])
    data = {"status": "suspended", "on": "2024-02-01", "reason": "несплата"}
    response = client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "suspended"


def test_an_official_cannot_post_to_the_management_forms(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.official)
    url = reverse("members:record_dues", args=[member.territory.code])
    response = client.post(url, {"year": "2025", "amount": "1", "paid_on": ""})
    assert response.status_code == 403
    assert not Dues.objects.filter(year=2025).exists()


def test_analyst_records_dues_from_the_workspace(
    client: Client, personas: Personas, member: Membership
) -> None:
    client.force_login(personas.analyst)
    url = reverse("members:record_dues", args=[member.territory.code])
    client.post(url, {"year": "2024", "amount": "15000", "paid_on": "2024-06-01"})
    dues = member.dues.get(year=2024)
    assert dues.paid_on == dt.date(2024, 6, 1)


def test_workspace_queries_do_not_grow_with_people_and_dues(
    client: Client, personas: Personas, member: Membership, django_assert_num_queries: Any
) -> None:
    client.force_login(personas.analyst)
    url = reverse("members:workspace", args=[member.territory.code])
    few = queries_of(client, url)
    sections = list(Section.objects.all()[:3])
    for n in range(10):
        make_person(personas.hromada, full_name=f"Особа {n}", sections=sections)
    for year in range(2015, 2023):
        make_dues(member, year)
    with django_assert_num_queries(few):
        client.get(url)
