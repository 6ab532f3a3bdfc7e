"""Sign-in throttling (django-axes): wrong passwords lock a username from one address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import Personas
from tests.factories import PASSWORD


def _sign_in(client: Client, password: str, *, address: str = "203.0.113.7") -> Any:
    data = {"username": "official", "password": password}
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=address)


def test_the_right_password_is_refused_after_five_wrong_ones(
    client: Client, personas: Personas
) -> None:
    statuses = [_sign_in(client, "guess").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth mistake locks
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Забагато неправильних паролів" in response.content.decode()


def test_the_lock_out_page_speaks_english_on_the_english_site(
    client: Client, personas: Personas
) -> None:
    with translation.override("en"):
        url = reverse("accounts:login")
    for _ in range(6):
        response = client.post(url, {"username": "official", "password": "guess"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many wrong passwords for this account from your address" in page
    assert "15 minutes" in page


def test_another_address_can_still_sign_in_to_the_same_account(
    client: Client, personas: Personas
) -> None:
    for _ in range(5):
        _sign_in(client, "guess")
    response = _sign_in(client, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302


def test_the_account_opens_again_after_the_cool_off(client: Client, personas: Personas) -> None:
    for _ in range(5):
        _sign_in(client, "guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client, PASSWORD).status_code == 302


def test_a_successful_sign_in_forgets_earlier_mistakes(client: Client, personas: Personas) -> None:
    for _ in range(4):
        _sign_in(client, "guess")
    assert _sign_in(client, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        _sign_in(client, "guess")
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_limit_follows_the_setting(client: Client, personas: Personas, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _sign_in(client, "guess")
    assert _sign_in(client, PASSWORD).status_code == 429


def test_behind_a_proxy_the_client_address_comes_from_the_named_header(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(
            url,
            {"username": "official", "password": "guess"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    # Another client behind the same proxy is not locked out by the first one's mistakes.
    response = client.post(
        url,
        {"username": "official", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="198.51.100.20",
    )
    assert response.status_code == 302
