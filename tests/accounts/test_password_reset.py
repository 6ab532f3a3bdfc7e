from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import Personas

LINK = re.compile(r"https?://[^/\s]+(/\S*/password/reset/\S+/\S+/)")


def _ask_for_reset(client: Client, email: str) -> str:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    match = LINK.search(str(mail.outbox[0].body))
    assert match, mail.outbox[0].body
    return match.group(1)


def test_reset_mail_carries_a_link_that_sets_a_new_password(
    client: Client, personas: Personas
) -> None:
    link = _ask_for_reset(client, personas.official.email)
    assert mail.outbox[0].to == [personas.official.email]

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "a fresh long phrase", "new_password2": "a fresh long phrase"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")

    client.logout()
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "official", "password": "a fresh long phrase"},
    )
    assert signed_in["Location"] == reverse("accounts:me")


def test_reset_link_points_at_the_public_address_of_the_site(
    client: Client, personas: Personas, settings: object
) -> None:
    settings.SITE_URL = "https://stat.example.org/"  # type: ignore[attr-defined]
    _ask_for_reset(client, personas.analyst.email)
    assert "https://stat.example.org/accounts/password/reset/" in str(mail.outbox[0].body)


def test_a_used_reset_link_no_longer_works(client: Client, personas: Personas) -> None:
    link = _ask_for_reset(client, personas.official.email)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "a fresh long phrase", "new_password2": "a fresh long phrase"},
    )
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_unknown_address_gets_the_same_answer_and_no_mail(client: Client, db: None) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_mail_speaks_the_language_of_the_page(client: Client, personas: Personas) -> None:
    with translation.override("en"):
        url = reverse("accounts:password_reset")
    client.post(url, {"email": personas.coordinator.email})
    body = str(mail.outbox[0].body)
    assert "Hello, coordinator." in body
    assert "/en/accounts/password/reset/" in body
