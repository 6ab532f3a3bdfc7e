"""The `hromada` console script: Django's management entry with the settings preset."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else ["hromada", *argv]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
