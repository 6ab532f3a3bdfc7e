"""`hromada create_user USERNAME --role official --territory UA… --email …`"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hromada.accounts import actions
from hromada.accounts.models import Role
from hromada.territories.models import Territory

PUBLIC = "public"


class Command(BaseCommand):
    help = "Create a user in a role; prints the generated password once unless one is given."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[*Role.values, PUBLIC])
        parser.add_argument("--territory", help="KATOTTG code: the hromada or the oblast")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="default: a generated one, printed once")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        role = "" if options["role"] == PUBLIC else options["role"]
        try:
            created = actions.create_user(
                options["username"],
                role=role,
                territory=_territory(options["territory"]),
                email=options["email"],
                password=options["password"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user = created.user
        scope = f" for {user.territory} ({user.territory.code})" if user.territory else ""
        secret = f"; password: {created.password}" if created.password_was_generated else ""
        self.stdout.write(f"Created {options['role']} {user.username!r}{scope}{secret}")


def _territory(code: str | None) -> Territory | None:
    if not code:
        return None
    territory = Territory.objects.filter(code=code.strip().upper()).first()
    if territory is None:
        raise CommandError(f"No territory with the code {code}.")
    return territory
