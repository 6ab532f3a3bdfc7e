from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.demo.actions import DEFAULT_SEED, DemoImpossible, build_demo
from hromada.demo.users import DEMO_PASSWORD
from hromada.lib.progress import ProgressBar


class Command(BaseCommand):
    help = "Build the synthetic demo on the real territories and print the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--rebuild", action="store_true", help="Build again even if this demo exists."
        )

    def handle(self, *args: Any, seed: int, rebuild: bool, **options: Any) -> None:
        progress = ProgressBar(lambda text: self.stderr.write(text, ending=""), self.stderr.flush)
        try:
            summary = build_demo(
                seed=seed, rebuild=rebuild, say=self.stdout.write, progress=progress
            )
        except DemoImpossible as problem:
            raise CommandError(str(problem)) from problem
        finally:
            progress.close()
        if summary.reused:
            self.stdout.write(_("The demo is already built; use --rebuild to build it again."))
        for step in summary.steps:
            self.stdout.write(f"  {step}")
        self.stdout.write(
            _("Demo sign-ins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for login in summary.logins:
            scope = f" — {login.scope}" if login.scope else ""
            self.stdout.write(f"  {login.username:<12} {login.role}{scope}")
