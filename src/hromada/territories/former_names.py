"""Former names of hromadas from an older codifier edition, for matching files by name.

A codifier import records a renaming when it sees one (sync.py); a database loaded from the
current edition alone never saw the old names. This reads them from an older edition kept as
a table (`katottg_koatuu_map.csv`: `katottg`, `category`, `name`), keeping the names that
differ from today's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from hromada.lib.tabular import TabularError, open_table
from hromada.territories.models import Category, FormerName, Level, Territory
from hromada.territories.problems import ImportRejected, in_file

CODE_COLUMNS = ("katottg", "code", "hromada_code", "код")
NAME_COLUMNS = ("name", "name_uk", "назва")


@dataclass(frozen=True)
class FormerNamesPlan:
    names: list[FormerName]
    already: int


def _column(columns: list[str], choices: tuple[str, ...]) -> str | None:
    lowered = {column.strip().lower(): column for column in columns}
    return next((lowered[c] for c in choices if c in lowered), None)


def plan(path: Path) -> FormerNamesPlan:
    """The former names the file adds; ImportRejected when it cannot be read as such."""
    try:
        table = open_table(path)
    except TabularError as error:
        raise ImportRejected([in_file(str(error))]) from error
    code_column = _column(table.columns, CODE_COLUMNS)
    name_column = _column(table.columns, NAME_COLUMNS)
    if code_column is None or name_column is None:
        raise ImportRejected(
            [in_file(_("The file needs a KATOTTG code column (katottg, code) and a name column."))]
        )
    category = _column(table.columns, ("category", "категорія"))
    hromadas = {t.code: t for t in Territory.objects.filter(level=Level.HROMADA)}
    known = set(FormerName.objects.values_list("territory__code", "name_uk"))
    names: dict[tuple[str, str], FormerName] = {}
    already = 0
    for _row, cells in table:
        code, name = str(cells.get(code_column, "")).strip(), str(cells.get(name_column, ""))
        name = " ".join(name.split())
        hromada = hromadas.get(code)
        if category and str(cells.get(category, "")).strip() != Category.HROMADA:
            continue
        if hromada is None or not name or name == hromada.name_uk:
            continue
        if (code, name) in known:
            already += 1
            continue
        names.setdefault((code, name), FormerName(territory=hromada, name_uk=name))
    return FormerNamesPlan(list(names.values()), already)
