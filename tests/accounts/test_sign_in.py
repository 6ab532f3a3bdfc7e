from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import Personas
from tests.factories import PASSWORD


def test_official_signs_in_and_lands_on_my_account(client: Client, personas: Personas) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "official", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:me")
    assert client.get(reverse("accounts:me")).context["user"] == personas.official


def test_sign_in_follows_next_to_the_page_asked_for(client: Client, personas: Personas) -> None:
    target = reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:login"),
        {"username": "analyst", "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_wrong_password_shows_the_form_again_with_an_error(
    client: Client, personas: Personas
) -> None:
    with translation.override("en"):
        url = reverse("accounts:login")
    response = client.post(url, {"username": "official", "password": "not it"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_page_offers_the_password_reset(client: Client, db: None) -> None:
    response = client.get(reverse("accounts:login"))
    assert reverse("accounts:password_reset") in response.content.decode()


def test_sign_out_needs_a_post_and_ends_the_session(client: Client, personas: Personas) -> None:
    client.force_login(personas.official)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert "_auth_user_id" not in client.session


def test_signed_in_pages_send_visitors_to_sign_in(client: Client) -> None:
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
