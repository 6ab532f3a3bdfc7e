from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts.models import Role, User
from tests import factories
from tests.conftest import Personas
from tests.factories import PASSWORD

ADMIN_LOGIN = "/admin/login/"


@pytest.mark.parametrize("persona", ["outsider", "official", "coordinator", "analyst"])
def test_admin_is_refused_to_everyone_but_administrators(
    client: Client, personas: Personas, persona: str
) -> None:
    user = getattr(personas, persona)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    for url in (reverse("admin:index"), reverse("admin:accounts_user_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ADMIN_LOGIN)


def test_staff_analyst_cannot_sign_in_to_the_admin(client: Client, personas: Personas) -> None:
    personas.analyst.is_staff = True
    personas.analyst.save(update_fields=["is_staff"])
    response = client.post(
        reverse("admin:login"),
        {"username": "analyst", "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("admin:index")).status_code == 302


def test_administrator_without_staff_flag_signs_in_and_manages_users(
    client: Client, db: None
) -> None:
    factories.UserFactory(username="boss", role=Role.ADMINISTRATOR)
    response = client.post(
        reverse("admin:login"),
        {"username": "boss", "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response["Location"] == reverse("admin:index")
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert changelist.status_code == 200
    assert "boss" in changelist.content.decode()


def test_administrator_sees_role_and_territory_of_a_user(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.administrator)
    page = client.get(reverse("admin:accounts_user_change", args=[personas.official.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form.initial["role"] == Role.OFFICIAL
    assert form.initial["territory"] == personas.hromada.pk


def test_admin_refuses_an_official_without_a_hromada(client: Client, personas: Personas) -> None:
    client.force_login(personas.administrator)
    url = reverse("admin:accounts_user_change", args=[personas.official.pk])
    data = {
        "username": "official",
        "email": personas.official.email,
        "role": Role.OFFICIAL,
        "territory": personas.oblast.pk,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["territory"]
    personas.official.refresh_from_db()
    assert personas.official.territory == personas.hromada


def test_user_changelist_takes_a_constant_number_of_queries(
    client: Client, personas: Personas, django_assert_max_num_queries: object
) -> None:
    client.force_login(personas.administrator)
    url = reverse("admin:accounts_user_changelist")
    client.get(url)
    for _ in range(5):
        factories.make_official(factories.make_hromada())
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert client.get(url).status_code == 200


def test_admin_adds_a_coordinator_only_with_an_oblast(client: Client, personas: Personas) -> None:
    client.force_login(personas.administrator)
    data = {
        "username": "petro",
        "email": "petro@example.org",
        "usable_password": "true",
        "password1": "a long chosen phrase",
        "password2": "a long chosen phrase",
        "role": Role.COORDINATOR,
        "territory": personas.hromada.pk,
    }
    refused = client.post(reverse("admin:accounts_user_add"), data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["territory"]
    accepted = client.post(
        reverse("admin:accounts_user_add"), {**data, "territory": personas.oblast.pk}
    )
    assert accepted.status_code == 302
    assert User.objects.get(username="petro").territory == personas.oblast


def test_territory_of_a_user_is_picked_by_typing_its_name(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.administrator)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "user", "field_name": "territory", "term": "Решет"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(personas.hromada.pk)]
