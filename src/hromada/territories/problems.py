"""What is wrong with an import file, said so that a person can find and fix it.

Every importer collects all problems before writing anything and raises ImportRejected
with the whole list; commands print the first LISTING_LIMIT and the count of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LISTING_LIMIT = 50


@dataclass(frozen=True)
class Problem:
    text: str

    def __str__(self) -> str:
        return self.text


def in_file(message: str) -> Problem:
    return Problem(message)


def at_cell(row: int, column: str, message: str) -> Problem:
    return Problem(
        _("Row %(row)s, column “%(column)s”: %(message)s")
        % {"row": row, "column": column, "message": message}
    )


def at_feature(index: int, message: str) -> Problem:
    return Problem(_("Feature %(index)s: %(message)s") % {"index": index, "message": message})


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems

    def listing(self, limit: int = LISTING_LIMIT) -> list[str]:
        lines = [str(problem) for problem in self.problems[:limit]]
        rest = len(self.problems) - limit
        if rest > 0:
            lines.append(
                ngettext("… and %(count)s more problem.", "… and %(count)s more problems.", rest)
                % {"count": rest}
            )
        return lines

    def summary(self) -> str:
        count = len(self.problems)
        return ngettext(
            "%(count)s problem found; nothing was imported.",
            "%(count)s problems found; nothing was imported.",
            count,
        ) % {"count": count}
