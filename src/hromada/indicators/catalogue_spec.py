"""What an indicator's definition is, as plain data: read, checked, compared.

The seed files, the JSON and XLSX exchange files and the edit form all end up as the same
`IndicatorSpec`. Its `definition()` is the versioned part: when it differs from the stored
one, the indicator gets a new version. The display order is kept apart on purpose, so that
moving an indicator within a file does not create a version.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from hromada.indicators.models import (
    Aggregation,
    Area,
    ComparePer,
    Indicator,
    Polarity,
    ValueType,
)

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
AREA_CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CODE_MAX_LENGTH = 80
MAX_DECIMALS = 6

TEXT_FIELDS = ("name_uk", "name_en", "definition_uk", "definition_en", "unit", "source")
REQUIRED_TEXT = ("name_uk", "name_en", "definition_uk", "definition_en", "unit")
CHOICE_FIELDS: dict[str, type[Any]] = {
    "value_type": ValueType,
    "polarity": Polarity,
    "aggregation": Aggregation,
    "compare_per": ComparePer,
}
# The versioned definition, in the order people read it (also the column order of files).
DEFINITION_FIELDS = (
    "area",
    "name_uk",
    "name_en",
    "definition_uk",
    "definition_en",
    "unit",
    "value_type",
    "decimals",
    "polarity",
    "aggregation",
    "compare_per",
    "min_value",
    "max_value",
    "hard_min",
    "hard_max",
    "source",
    "by_sex",
    "formula",
    "is_active",
)
FILE_FIELDS = ("code", *DEFINITION_FIELDS, "order")
# Fields added after versions were first stored, with the value older versions meant.
ADDED_FIELDS: dict[str, Any] = {"compare_per": ""}
AREA_FIELDS = ("code", "name_uk", "name_en", "description_uk", "description_en", "order")

MSG_REQUIRED = _("This field is required.")
MSG_CODE = _(
    "A code is lower-case Latin letters, digits and underscores in at least two parts "
    "joined by dots, for example budget.revenue.own (at most %(limit)s characters)."
)
MSG_AREA_CODE = _("An area code is lower-case Latin letters, digits and underscores.")
MSG_CHOICE = _("'%(value)s' is not one of: %(choices)s.")
MSG_NUMBER = _("'%(value)s' is not a number.")
MSG_WHOLE = _("'%(value)s' is not a whole number between 0 and %(limit)s.")
MSG_BOOLEAN = _("'%(value)s' is not yes or no (true/false, 1/0).")
MSG_RANGE = _("The plausible minimum is larger than the maximum.")
MSG_HARD_RANGE = _("The impossible-below limit is larger than the impossible-above limit.")
MSG_DERIVED_AGGREGATION = _(
    "A derived indicator is recomputed from aggregated inputs: its aggregation must be 'none'."
)
MSG_UNKNOWN_FIELD = _("Unknown field '%(name)s'.")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalogue: where (file, row), which indicator, which field."""

    where: str
    message: str
    code: str = ""
    field: str = ""

    def __str__(self) -> str:
        parts = [self.where] if self.where else []
        if self.code:
            parts.append(self.code)
        if self.field:
            parts.append(self.field)
        return f"{': '.join(parts)}: {self.message}" if parts else self.message


class CatalogueError(Exception):
    """A catalogue that cannot be written; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name_uk: str
    name_en: str
    description_uk: str = ""
    description_en: str = ""
    order: int = 0
    where: str = ""


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    area: str
    name_uk: str
    name_en: str
    definition_uk: str
    definition_en: str
    unit: str
    value_type: str
    decimals: int
    polarity: str
    aggregation: str
    min_value: float | None
    max_value: float | None
    hard_min: float | None
    hard_max: float | None
    source: str
    by_sex: bool
    formula: str
    compare_per: str = ""
    is_active: bool = True
    order: int = 0
    where: str = field(default="", compare=False)

    def definition(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in DEFINITION_FIELDS}

    def as_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILE_FIELDS}


@dataclass
class Catalogue:
    """Areas and indicators read from one source, in reading order."""

    areas: list[AreaSpec] = field(default_factory=list)
    indicators: list[IndicatorSpec] = field(default_factory=list)


def definition_of(indicator: Indicator, area_code: str | None = None) -> dict[str, Any]:
    """The stored indicator as a definition snapshot (same shape as IndicatorSpec's)."""
    values = {name: getattr(indicator, name) for name in DEFINITION_FIELDS if name != "area"}
    values["area"] = area_code if area_code is not None else indicator.area.code
    return {name: values[name] for name in DEFINITION_FIELDS}


def spec_of(indicator: Indicator) -> IndicatorSpec:
    return IndicatorSpec(code=indicator.code, order=indicator.order, **definition_of(indicator))


def area_spec_of(area: Area) -> AreaSpec:
    return AreaSpec(**{name: getattr(area, name) for name in AREA_FIELDS})


class _Reader:
    """Turns one mapping (a TOML table, a JSON object, a spreadsheet row) into clean values."""

    def __init__(self, data: Mapping[str, Any], where: str, code: str = "") -> None:
        self.data = data
        self.where = where
        self.code = code
        self.problems: list[Problem] = []

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.where, message, self.code, name))

    def text(self, name: str, *, required: bool = False) -> str:
        raw = self.data.get(name)
        value = "" if raw is None else str(raw).strip()
        if required and not value:
            self.fail(name, str(MSG_REQUIRED))
        return value

    def optional_choice(self, name: str) -> str:
        """A choice whose empty value ("" or "none") is allowed."""
        value = self.text(name)
        value = "" if value.lower() == "none" else value
        choices = CHOICE_FIELDS[name]
        if value not in choices.values:
            listed = ", ".join(v or "none" for v in choices.values)
            self.fail(name, str(MSG_CHOICE % {"value": value, "choices": listed}))
            return ""
        return value

    def choice(self, name: str, default: str | None = None) -> str:
        value = self.text(name) or (default or "")
        choices = CHOICE_FIELDS[name]
        if not value:
            self.fail(name, str(MSG_REQUIRED))
        elif value not in choices.values:
            self.fail(
                name, str(MSG_CHOICE % {"value": value, "choices": ", ".join(choices.values)})
            )
        return value

    def number(self, name: str) -> float | None:
        raw = self.data.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        try:
            value = float(str(raw).strip().replace(",", ".").replace(" ", ""))
        except ValueError:
            value = math.nan
        if isinstance(raw, bool) or not math.isfinite(value):
            self.fail(name, str(MSG_NUMBER % {"value": raw}))
            return None
        return value

    def whole(self, name: str, default: int, limit: int) -> int:
        raw = self.data.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return default
        number = self.number(name)
        if number is None:
            return default
        if not number.is_integer() or not 0 <= number <= limit:
            self.fail(name, str(MSG_WHOLE % {"value": raw, "limit": limit}))
            return default
        return int(number)

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.data.get(name)
        if raw is None or raw == "":
            return default
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"true", "1", "yes", "так", "1.0"}:
            return True
        if text in {"false", "0", "no", "ні", "0.0"}:
            return False
        self.fail(name, str(MSG_BOOLEAN % {"value": raw}))
        return default

    def unknown(self, allowed: tuple[str, ...]) -> None:
        for name in self.data:
            if name not in allowed:
                self.fail(name, str(MSG_UNKNOWN_FIELD % {"name": name}))


def check_code(code: str) -> str | None:
    """The message for a malformed indicator code, or None when it is well formed."""
    if len(code) > CODE_MAX_LENGTH or not CODE_PATTERN.match(code):
        return str(MSG_CODE % {"limit": CODE_MAX_LENGTH})
    return None


def read_indicator(
    data: Mapping[str, Any], *, where: str, area: str = "", order: int = 0
) -> tuple[IndicatorSpec | None, list[Problem]]:
    """An IndicatorSpec from a mapping, or None and the problems that prevent it."""
    code = str(data.get("code") or "").strip()
    reader = _Reader(data, where, code)
    reader.unknown(FILE_FIELDS)
    if not code:
        reader.fail("code", str(MSG_REQUIRED))
    elif (message := check_code(code)) is not None:
        reader.fail("code", message)
    texts = {name: reader.text(name, required=name in REQUIRED_TEXT) for name in TEXT_FIELDS}
    formula = " ".join(reader.text("formula").split())
    area_code = reader.text("area") or area
    low, high = reader.number("min_value"), reader.number("max_value")
    hard_low, hard_high = reader.number("hard_min"), reader.number("hard_max")
    aggregation = reader.choice("aggregation", Aggregation.NONE if formula else None)
    spec = IndicatorSpec(
        code=code,
        area=area_code,
        name_uk=texts["name_uk"],
        name_en=texts["name_en"],
        definition_uk=texts["definition_uk"],
        definition_en=texts["definition_en"],
        unit=texts["unit"],
        value_type=reader.choice("value_type"),
        decimals=reader.whole("decimals", 0, MAX_DECIMALS),
        polarity=reader.choice("polarity", Polarity.NEUTRAL),
        aggregation=aggregation,
        min_value=low,
        max_value=high,
        hard_min=hard_low,
        hard_max=hard_high,
        source=texts["source"],
        by_sex=reader.boolean("by_sex", False),
        formula=formula,
        compare_per=reader.optional_choice("compare_per"),
        is_active=reader.boolean("is_active", True),
        order=reader.whole("order", order, 32767),
        where=where,
    )
    if not area_code:
        reader.fail("area", str(MSG_REQUIRED))
    if low is not None and high is not None and low > high:
        reader.fail("min_value", str(MSG_RANGE))
    if hard_low is not None and hard_high is not None and hard_low > hard_high:
        reader.fail("hard_min", str(MSG_HARD_RANGE))
    if formula and aggregation != Aggregation.NONE:
        reader.fail("aggregation", str(MSG_DERIVED_AGGREGATION))
    if reader.problems:
        return None, reader.problems
    return spec, []


def read_area(data: Mapping[str, Any], *, where: str) -> tuple[AreaSpec | None, list[Problem]]:
    code = str(data.get("code") or "").strip()
    reader = _Reader(data, where, code)
    reader.unknown(AREA_FIELDS)
    if not AREA_CODE_PATTERN.match(code) or len(code) > 40:
        reader.fail("code", str(MSG_AREA_CODE))
    names = {name: reader.text(name, required=True) for name in ("name_uk", "name_en")}
    descriptions = {name: reader.text(name) for name in ("description_uk", "description_en")}
    order = reader.whole("order", 0, 32767)
    if reader.problems:
        return None, reader.problems
    return AreaSpec(code=code, order=order, where=where, **names, **descriptions), []
