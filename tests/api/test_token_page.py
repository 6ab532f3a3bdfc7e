"""The API tokens page: people make tokens within their scope, see the secret once, revoke."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.api.models import ApiToken
from hromada.api.tokens import digest
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
PAGE = "/en/api-tokens/"


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_an_official_makes_a_token_for_their_hromada_and_sees_it_once(
    personas: Personas,
) -> None:
    client = signed_in(personas.official)
    form = {"name": "ERP", "hromada": personas.hromada.code, "scopes": ["write_drafts"]}
    page = client.post(PAGE, form).content.decode()
    token = ApiToken.objects.get()
    secret = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert digest(secret) == token.key_hash
    assert (token.hromada, token.user, token.scopes) == (
        personas.hromada,
        personas.official,
        ["write_drafts"],
    )
    assert secret not in client.get(PAGE).content.decode()


def test_an_official_cannot_pick_another_hromada(personas: Personas) -> None:
    client = signed_in(personas.official)
    form = {"name": "x", "hromada": personas.other_hromada.code}
    response = client.post(PAGE, form)
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_an_analyst_makes_a_personal_token(personas: Personas) -> None:
    signed_in(personas.analyst).post(PAGE, {"name": "R", "hromada": "", "scopes": ["read_drafts"]})
    token = ApiToken.objects.get()
    assert token.hromada is None and token.user == personas.analyst


def test_a_person_without_a_role_is_told_to_ask_for_one(personas: Personas) -> None:
    page = signed_in(personas.outsider).get(PAGE).content.decode()
    assert "Ask an administrator for a role" in page
    assert 'name="name"' not in page


def test_revoking_stops_the_token_and_only_its_owner_may(personas: Personas) -> None:
    owner = signed_in(personas.official)
    owner.post(PAGE, {"name": "ERP", "hromada": personas.hromada.code})
    token = ApiToken.objects.get()
    other = signed_in(personas.analyst).post(f"/en/api-tokens/{token.pk}/revoke/")
    assert other.status_code == 403
    response = owner.post(f"/en/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_lists_tokens_in_constant_queries(
    personas: Personas, django_assert_num_queries: object
) -> None:
    client = signed_in(personas.official)
    client.post(PAGE, {"name": "one", "hromada": personas.hromada.code})
    with django_assert_num_queries(5):  # type: ignore[operator]
        client.get(PAGE)
    for n in range(3):
        client.post(PAGE, {"name": f"t{n}", "hromada": personas.hromada.code})
    with django_assert_num_queries(5):  # type: ignore[operator]
        client.get(PAGE)


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_coordinator_picks_a_hromada_from_a_list_in_ukrainian_alphabetical_order(
    personas: Personas,
) -> None:
    from tests import factories

    raion = personas.hromada.parent
    for name in ["Іванівська", "Вінницька", "Вовчанська"]:
        factories.make_hromada(raion, name_uk=name, name_en=name)
    page = signed_in(personas.coordinator).get("/api-tokens/").content.decode()
    positions = [page.index(f">{name}<") for name in ["Вінницька", "Вовчанська", "Іванівська"]]
    assert positions == sorted(positions)
    assert page.index(">Іванівська<") < page.index(">Решетилівська<")
