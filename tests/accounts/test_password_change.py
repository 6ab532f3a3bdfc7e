from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import Personas
from tests.factories import PASSWORD


def test_signed_in_user_changes_the_password(client: Client, personas: Personas) -> None:
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another long phrase",
            "new_password2": "another long phrase",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    personas.coordinator.refresh_from_db()
    assert personas.coordinator.check_password("another long phrase")


def test_password_change_refuses_a_wrong_old_password(client: Client, personas: Personas) -> None:
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "another long phrase",
            "new_password2": "another long phrase",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    personas.coordinator.refresh_from_db()
    assert personas.coordinator.check_password(PASSWORD)
