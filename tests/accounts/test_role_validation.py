from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hromada.accounts.models import Role, User
from tests.conftest import Personas


def _errors(user: User) -> list[str]:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        user.full_clean(exclude=["password"])
    return [str(message) for message in caught.value.message_dict["territory"]]


def test_official_of_a_hromada_is_valid(personas: Personas) -> None:
    User(username="o2", role=Role.OFFICIAL, territory=personas.hromada).full_clean(
        exclude=["password"]
    )


def test_official_cannot_be_given_an_oblast(personas: Personas) -> None:
    user = User(username="o2", role=Role.OFFICIAL, territory=personas.oblast)
    assert _errors(user) == ["A hromada official needs a hromada; Poltavska is not a hromada."]


def test_coordinator_cannot_be_given_a_hromada(personas: Personas) -> None:
    user = User(username="c2", role=Role.COORDINATOR, territory=personas.hromada)
    assert _errors(user) == [
        "A regional coordinator needs an oblast; Reshetylivska is not an oblast."
    ]


def test_coordinator_of_an_oblast_is_valid(personas: Personas) -> None:
    User(username="c2", role=Role.COORDINATOR, territory=personas.other_oblast).full_clean(
        exclude=["password"]
    )


def test_scoped_role_without_a_territory_is_refused(db: None) -> None:
    user = User(username="o2", role=Role.OFFICIAL)
    assert _errors(user) == ["Choose the territory this role is responsible for."]


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, ""])
def test_country_wide_roles_and_the_public_have_no_territory(personas: Personas, role: str) -> None:
    user = User(username="a2", role=role, territory=personas.oblast)
    assert _errors(user) == ["Only hromada officials and regional coordinators have a territory."]


def test_an_unknown_role_is_refused_as_a_choice(db: None) -> None:
    user = User(username="x", role="mayor")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        user.full_clean(exclude=["password"])
    assert "role" in caught.value.message_dict
