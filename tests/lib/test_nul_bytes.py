"""A NUL character in an address or a form is refused with 400 on both databases."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_nul_character_with_a_problem_document(client: Client) -> None:
    response = client.get("/api/v1/bills", {"subject": "land\x00"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]
    assert client.get("/api/v1/rankings", {"indicator": "\x00"}).status_code == 400


def test_a_page_refuses_a_nul_character_in_its_query_and_forms(client: Client) -> None:
    assert client.get("/legislation/", {"q": "бюджет\x00"}).status_code == 400
    assert (
        client.post("/accounts/login/", {"username": "a\x00", "password": "x"}).status_code == 400
    )
    assert client.get("/legislation/", {"q": "бюджет"}).status_code == 200
