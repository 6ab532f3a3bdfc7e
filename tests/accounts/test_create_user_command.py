from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from hromada.accounts.models import Role, User
from tests.conftest import Personas


def _run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_creates_an_official_and_prints_the_generated_password_once(
    personas: Personas,
) -> None:
    output = _run(
        "olena", "--role", "official", "--territory", personas.hromada.code,
        "--email", "olena@example.org",
    )  # fmt: skip
    user = User.objects.get(username="olena")
    assert (user.role, user.territory, user.email) == (
        Role.OFFICIAL,
        personas.hromada,
        "olena@example.org",
    )
    assert output.count("\n") == 1
    assert personas.hromada.code in output
    password = output.rsplit("password: ", 1)[1].strip()
    assert user.check_password(password)


def test_a_given_password_is_used_and_not_printed(personas: Personas) -> None:
    output = _run("ana", "--role", "analyst", "--password", "a long chosen phrase")
    assert "a long chosen phrase" not in output
    assert User.objects.get(username="ana").check_password("a long chosen phrase")


def test_a_weak_password_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="too common"):
        _run("ana", "--role", "analyst", "--password", "password")
    assert not User.objects.filter(username="ana").exists()


def test_coordinator_with_a_hromada_is_refused_with_the_reason(personas: Personas) -> None:
    with pytest.raises(CommandError, match="needs an oblast"):
        _run("petro", "--role", "coordinator", "--territory", personas.hromada.code)


def test_unknown_territory_code_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="No territory with the code UA00"):
        _run("petro", "--role", "coordinator", "--territory", "UA00")


def test_taken_username_is_refused(personas: Personas) -> None:
    with pytest.raises(CommandError, match="already exists"):
        _run("analyst", "--role", "analyst")


def test_public_role_creates_a_user_without_a_role(db: None) -> None:
    _run("guest", "--role", "public")
    assert User.objects.get(username="guest").role == ""
