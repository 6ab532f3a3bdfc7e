from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import Personas


def _page(client: Client) -> str:
    with translation.override("en"):
        url = reverse("accounts:me")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_official_sees_role_hromada_and_its_workspace(client: Client, personas: Personas) -> None:
    client.force_login(personas.official)
    page = _page(client)
    code = personas.hromada.code
    assert "Hromada official" in page
    assert "Hromada: Reshetylivska" in page
    assert reverse("territories:detail", kwargs={"code": code}) in page
    assert reverse("members:workspace", kwargs={"code": code}) in page
    assert reverse("admin:index") not in page


def test_coordinator_sees_their_oblast_without_a_workspace(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.coordinator)
    page = _page(client)
    assert "Oblast: Poltavska" in page
    assert reverse("territories:detail", kwargs={"code": personas.oblast.code}) in page
    assert "/workspace/" not in page


def test_analyst_works_country_wide_without_the_admin(client: Client, personas: Personas) -> None:
    client.force_login(personas.analyst)
    page = _page(client)
    assert "The whole country" in page
    assert reverse("territories:browse") in page
    assert reverse("admin:index") not in page


def test_administrator_gets_a_link_to_the_admin(client: Client, personas: Personas) -> None:
    client.force_login(personas.administrator)
    assert reverse("admin:index") in _page(client)


def test_user_without_a_role_learns_how_to_get_one(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    page = _page(client)
    assert "Member of the public" in page
    assert "An administrator of the association gives roles" in page


def test_my_account_takes_a_constant_number_of_queries(
    client: Client, personas: Personas, django_assert_num_queries: object
) -> None:
    client.force_login(personas.official)
    # The fifth asks for open campaigns (the work to do; none here).
    with django_assert_num_queries(5):  # type: ignore[operator]
        client.get(reverse("accounts:me"))
