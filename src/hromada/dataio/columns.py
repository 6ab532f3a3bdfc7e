"""What each column of a file means: a key column, an indicator, or nothing.

Key columns are recognised by name in Ukrainian or English (`код`, `katottg`, `territory`,
`рік`, `year` ...). A long file has an indicator column and a value column; anything else
is wide: one column per indicator. A mapping (from the preview page, a saved ColumnMapping
or a `--mapping` file) says which indicator a wide column holds, with a scale factor, and
optionally the year and sex of its values; "skip" leaves a column out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from hromada.dataio.markers import name_key, parse_number, parse_sex, parse_year
from hromada.lib.tabular import open_table

SKIP = "skip"

ALIASES: dict[str, set[str]] = {
    "territory": {
        "territory",
        "territory_code",
        "katottg",
        "katottg_code",
        "kattotg",
        "hromada_code",
        "code",
        "код",
        "код_катотг",
        "код_громади",
        "код_території",
        "катотг",
        "кодифікатор",
    },
    "territory_name": {
        "territory_name",
        "name",
        "name_uk",
        "hromada",
        "hromada_name",
        "назва",
        "громада",
        "назва_громади",
        "територія",
    },
    "oblast": {"oblast", "oblast_name", "область", "назва_області", "region"},
    # міська / селищна / сільська: tells apart hromadas of one oblast with the same name.
    "territory_type": {"type", "тип", "type_uk", "hromada_type", "тип_громади"},
    "indicator": {"indicator", "indicator_code", "показник", "код_показника"},
    "year": {"year", "рік", "період", "period"},
    "sex": {"sex", "стать", "gender"},
    "value": {"value", "значення", "величина"},
    "missing": {"missing", "why_missing", "причина_відсутності", "відсутність"},
    "note": {"note", "примітка", "коментар", "comment"},
}
# Descriptive columns of exports and registries that a wide import leaves alone.
DESCRIPTIVE = {
    "indicator_name",
    "unit",
    "status",
    "одиниця",
    "статус",
    "raion",
    "raion_name",
    "raion_code",
    "oblast_code",
    "район",
    "source",
    "джерело",
    "source_file",
}


def normalise_header(name: str) -> str:
    return name_key(name).replace(" ", "_").replace("-", "_")


@dataclass(frozen=True)
class ColumnRule:
    """A wide column's meaning: indicator code ("skip" to leave it out), factor, year, sex."""

    column: str
    indicator: str
    factor: float = 1.0
    year: int | None = None
    sex: str = ""

    @property
    def skipped(self) -> bool:
        return self.indicator == SKIP


@dataclass(frozen=True)
class Layout:
    """The roles found in a header: key column name per role, and the remaining columns."""

    keys: dict[str, str]
    others: list[str]

    @property
    def is_long(self) -> bool:
        return "indicator" in self.keys and "value" in self.keys

    @property
    def has_territory(self) -> bool:
        return "territory" in self.keys or {"territory_name", "oblast"} <= self.keys.keys()


def detect_layout(columns: list[str]) -> Layout:
    keys: dict[str, str] = {}
    others: list[str] = []
    for column in columns:
        if not column:
            continue
        header = normalise_header(column)
        role = next((r for r, names in ALIASES.items() if header in names), None)
        if role and role not in keys:
            keys[role] = column
        elif header not in DESCRIPTIVE:
            others.append(column)
    return Layout(keys, others)


def rules_to_json(rules: list[ColumnRule]) -> list[dict[str, object]]:
    return [asdict(rule) for rule in rules]


class MappingError(ValueError):
    pass


def rule_from(entry: Mapping[str, object]) -> ColumnRule:
    """A rule from a dict with `column`, `indicator` and optional `factor`, `year`, `sex`."""
    column = str(entry.get("column") or "").strip()
    indicator = str(entry.get("indicator") or "").strip() or SKIP
    if not column:
        raise MappingError(_("A mapping entry has no column."))
    factor_cell = entry.get("factor")
    factor = 1.0 if factor_cell in (None, "") else parse_number(str(factor_cell))
    if factor is None or factor == 0:
        raise MappingError(
            _("Column %(column)s: the factor %(factor)s is not a number.")
            % {"column": column, "factor": factor_cell}
        )
    year_cell = entry.get("year")
    year = None if year_cell in (None, "") else parse_year(year_cell)
    if year_cell not in (None, "") and year is None:
        raise MappingError(
            _("Column %(column)s: %(year)s is not a year.") % {"column": column, "year": year_cell}
        )
    sex = parse_sex(str(entry.get("sex") or ""))
    if sex is None:
        raise MappingError(_("Column %(column)s: sex must be f, m or empty.") % {"column": column})
    skip = indicator.lower() in {SKIP, "-", "пропустити"}
    return ColumnRule(column, SKIP if skip else indicator, factor, year, sex)


def rules_from_json(data: object) -> list[ColumnRule]:
    """Rules from `[{"column": ..}, ..]`, `{"columns": [..]}` or `{column: code | {..}}`."""
    if isinstance(data, dict) and isinstance(data.get("columns"), list):
        data = data["columns"]
    if isinstance(data, list):
        return [rule_from(e) for e in data if isinstance(e, dict)]
    if isinstance(data, dict):
        return [
            rule_from({"column": k, **v} if isinstance(v, dict) else {"column": k, "indicator": v})
            for k, v in data.items()
        ]
    raise MappingError(_("The mapping must be a JSON list or object."))


def read_mapping_file(path: Path) -> list[ColumnRule]:
    """A mapping from a JSON file or a CSV/XLSX table with columns column, indicator, factor."""
    if path.suffix.lower() == ".json":
        try:
            return rules_from_json(json.loads(path.read_text(encoding="utf-8-sig")))
        except json.JSONDecodeError as error:
            raise MappingError(f"{path.name}: {error}") from error
    table = open_table(path)
    entries = [{normalise_header(k): v for k, v in row.items()} for _, row in table]
    return [rule_from(entry) for entry in entries]
