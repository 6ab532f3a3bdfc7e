"""Read the seed catalogue: one TOML file per area in indicators/seed/.

Each file has an `[area]` table and an `[[indicator]]` array of tables; an indicator's area
is its file's area and its display order is its position in the file unless `order` says
otherwise. Problems name the file and, where they can, the indicator and the field.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from hromada.indicators.catalogue_spec import (
    Catalogue,
    CatalogueError,
    Problem,
    read_area,
    read_indicator,
)

SEED_DIR = Path(__file__).resolve().parent / "seed"
MSG_NO_FILES = _("No catalogue files (*.toml) in %(path)s.")
MSG_NOT_TOML = _("This is not a valid TOML file: %(reason)s")
MSG_NO_AREA = _("The file has no [area] table.")
MSG_AREA_FIELD = _("An indicator of this file names the area '%(area)s', not the file's area.")


def read_seed(path: Path = SEED_DIR) -> Catalogue:
    """The catalogue in `path` (a folder of .toml files, or one file); raises CatalogueError."""
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise CatalogueError([Problem(str(path), str(MSG_NO_FILES % {"path": path}))])
    catalogue = Catalogue()
    problems: list[Problem] = []
    for file in files:
        problems += _read_file(file, catalogue)
    if problems:
        raise CatalogueError(problems)
    return catalogue


def _read_file(file: Path, catalogue: Catalogue) -> list[Problem]:
    where = file.name
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return [Problem(where, str(MSG_NOT_TOML % {"reason": error}))]
    if not isinstance(data.get("area"), dict):
        return [Problem(where, str(MSG_NO_AREA))]
    area, problems = read_area(data["area"], where=where)
    if area is None:
        return problems
    catalogue.areas.append(area)
    for position, table in enumerate(data.get("indicator", []), start=1):
        code = str(table.get("code", ""))
        if table.get("area", area.code) != area.code:
            message = str(MSG_AREA_FIELD % {"area": table["area"]})
            problems.append(Problem(where, message, code, "area"))
            continue
        spec, found = read_indicator(table, where=where, area=area.code, order=position * 10)
        problems += found
        if spec is not None:
            catalogue.indicators.append(spec)
    return problems
