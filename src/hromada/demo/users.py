"""Demo sign-ins: one user for every role, with passwords printed for the visitor."""

from __future__ import annotations

from dataclasses import dataclass

from hromada.accounts.models import Role, User
from hromada.territories.models import Territory

# Printed by `hromada demo` on purpose: a demo instance has public sign-ins.
DEMO_PASSWORD = "hromada-demo"  # noqa: S105


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str


def _upsert(username: str, role: str, territory: Territory | None, **names: str) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.role = role
    user.territory = territory
    user.email = f"{username}@demo.hromada.invalid"
    user.first_name = names.get("first_name", "")
    user.last_name = names.get("last_name", "")
    user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def build_demo_users(official_hromada: Territory, coordinator_oblast: Territory) -> list[DemoLogin]:
    """Create or refresh the demo users; the official's hromada must be a demo member."""
    people = [
        ("admin", Role.ADMINISTRATOR, None, "Адміністратор", "Системи"),
        ("analyst", Role.ANALYST, None, "Оксана", "Аналітик"),
        ("coordinator", Role.COORDINATOR, coordinator_oblast, "Петро", "Координатор"),
        ("official", Role.OFFICIAL, official_hromada, "Марія", "Посадовець"),
    ]
    logins = []
    for username, role, territory, first, last in people:
        _upsert(username, role, territory, first_name=first, last_name=last)
        scope = f"{territory.name_uk} ({territory.code})" if territory else ""
        logins.append(DemoLogin(username, str(Role(role).label), scope))
    return logins
