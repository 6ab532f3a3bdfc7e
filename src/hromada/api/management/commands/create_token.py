"""`hromada create_token --user NAME [--hromada CODE] [--scope ...]`: print a new API token once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.api.models import Scope
from hromada.api.tokens import create_token
from hromada.territories.models import Territory


class Command(BaseCommand):
    help = "Create an API token for a user, optionally limited to one hromada; prints it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username the token acts as")
        parser.add_argument("--hromada", default="", help="KATOTTG code the token is limited to")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            default=[],
            help="read_drafts and/or write_drafts (repeat the option for both)",
        )
        parser.add_argument("--name", default="", help="a label to recognise the token by")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(_("No user %(name)s.") % {"name": options["user"]})
        hromada = None
        if options["hromada"]:
            hromada = Territory.objects.filter(code=options["hromada"]).first()
            if hromada is None:
                raise CommandError(_("No territory %(code)s.") % {"code": options["hromada"]})
        name = options["name"] or (hromada.code if hromada else user.get_username())
        try:
            token, secret = create_token(
                by=None, user=user, name=name, scopes=options["scope"], hromada=hromada
            )
        except PermissionDenied as error:
            if hromada is None:
                raise CommandError(
                    _("%(user)s works for one area only: name a hromada of it with --hromada.")
                    % {"user": user.get_username()}
                ) from error
            raise CommandError(
                _("%(user)s may not act for %(code)s.")
                % {"user": user.get_username(), "code": options["hromada"]}
            ) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(secret)
        self.stderr.write(
            _("Token %(name)s created (scopes: %(scopes)s); it is shown only this once.")
            % {"name": token.name, "scopes": ", ".join(token.scopes) or "-"}
        )
