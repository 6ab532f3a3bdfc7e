"""Read the project's own JSON exports back as a long table, so every export re-imports.

Two shapes are understood: the plain export `{"columns": [...], "observations": [{...}]}`
and a JSON-stat 2.0 dataset with the dimensions `territory`, `indicator`, `year` and `sex`
(any order; `value` dense or keyed by position, gaps' reasons in `status`). A JSON file is
parsed whole: JSON has no rows to stream, so very large data goes in as CSV or XLSX.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hromada.lib.file_limits import upload_limits
from hromada.lib.tabular import TabularError

Cell = str | int | float
Rows = tuple[list[str], Iterator[list[Cell]]]
JSONSTAT_COLUMNS = ["territory", "indicator", "year", "sex", "value", "missing"]
JSONSTAT_DIMENSIONS = ("territory", "indicator", "year", "sex")
SEX_OF_ID = {"T": "", "F": "f", "M": "m"}


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return str(value).strip()


def read_json(path: Path) -> Rows:
    """The header and the rows of a JSON export; TabularError when it is neither shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise TabularError(TabularError.UNDECODABLE, str(error)) from error
    except json.JSONDecodeError as error:
        raise TabularError(TabularError.BROKEN, str(error)) from error
    if isinstance(data, dict) and isinstance(data.get("observations"), list):
        return _plain(data)
    if isinstance(data, dict) and data.get("class") == "dataset":
        return _jsonstat(data)
    raise TabularError(
        TabularError.BROKEN,
        'neither {"columns": …, "observations": […]} nor a JSON-stat dataset',
    )


def _plain(data: dict[str, Any]) -> Rows:
    observations = [o for o in data["observations"] if isinstance(o, dict)]
    columns = data.get("columns")
    if not isinstance(columns, list) or not columns:
        columns = list(dict.fromkeys(key for o in observations for key in o))
    if not columns:
        raise TabularError(TabularError.EMPTY)
    names = [str(c) for c in columns]
    return names, ([_cell(o.get(name)) for name in names] for o in observations)


def _categories(dimension: dict[str, Any], name: str) -> list[str]:
    entry = dimension.get(name)
    category = entry.get("category") if isinstance(entry, dict) else None
    index = category.get("index") if isinstance(category, dict) else None
    if isinstance(index, dict):  # JSON-stat also allows {id: position}
        return [key for key, _ in sorted(index.items(), key=lambda pair: pair[1])]
    if not isinstance(index, list):
        raise TabularError(TabularError.BROKEN, f"dimension {name} has no category index")
    return [str(key) for key in index]


def _jsonstat(data: dict[str, Any]) -> Rows:
    ids = data.get("id")
    if not isinstance(ids, list) or sorted(map(str, ids)) != sorted(JSONSTAT_DIMENSIONS):
        raise TabularError(
            TabularError.BROKEN,
            "a JSON-stat dataset needs the dimensions territory, indicator, year and sex",
        )
    dimension = data.get("dimension")
    if not isinstance(dimension, dict):
        raise TabularError(TabularError.BROKEN, "a JSON-stat dataset needs its dimensions")
    categories = [_categories(dimension, name) for name in ids]
    # Every position of the cube is visited: a small file naming huge dimensions is refused
    # by the same cell limit as any other upload, before anything is read.
    limit = upload_limits().max_cells
    if math.prod(len(c) for c in categories) > limit:
        raise TabularError(TabularError.TOO_MANY_CELLS, row=1, limit=limit)
    values = data.get("value")
    statuses = data.get("status") or {}
    if not isinstance(values, list | dict | None) or not isinstance(statuses, list | dict):
        raise TabularError(TabularError.BROKEN, "value and status must be lists or objects")

    def value_at(position: int) -> object:
        if isinstance(values, list):
            return values[position] if position < len(values) else None
        return (values or {}).get(str(position))

    def status_at(position: int) -> str:
        if isinstance(statuses, list):
            return str(statuses[position] or "") if position < len(statuses) else ""
        return str(statuses.get(str(position)) or "")

    def rows() -> Iterator[list[Cell]]:
        for position, labels in enumerate(itertools.product(*categories)):
            value, status = value_at(position), status_at(position)
            if value is None and not status:
                continue  # no observation in this cell
            key = dict(zip(ids, labels, strict=True))
            sex = SEX_OF_ID[key["sex"]] if key["sex"] in SEX_OF_ID else key["sex"]
            yield [key["territory"], key["indicator"], key["year"], sex, _cell(value), status]

    return list(JSONSTAT_COLUMNS), rows()
