from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from hromada.accounts import actions
from hromada.accounts.models import Role, User
from tests.conftest import Personas


def test_only_an_administrator_may_create_users(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_user("x", role=Role.ANALYST, by=personas.analyst)
    created = actions.create_user("x", role=Role.ANALYST, by=personas.administrator)
    assert User.objects.get(username="x") == created.user
    assert created.password_was_generated
    assert created.user.check_password(created.password)
