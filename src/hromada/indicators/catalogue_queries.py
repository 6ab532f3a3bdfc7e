"""Reading the catalogue: browse and search, one indicator's page, its version history.

The catalogue is a few hundred rows, so pages read it whole in a fixed number of queries
and search in Python, where Cyrillic case folding and apostrophe variants behave the same
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hromada.indicators.catalogue_spec import (
    ADDED_FIELDS,
    DEFINITION_FIELDS,
    Catalogue,
    area_spec_of,
    spec_of,
)
from hromada.indicators.formula import FormulaError, parse
from hromada.indicators.models import (
    Aggregation,
    Area,
    ComparePer,
    Indicator,
    IndicatorVersion,
    Polarity,
    ValueType,
)
from hromada.indicators.units import unit_label
from hromada.territories.search import normalise, query_words

_CODE_IN_FORMULA = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
_CHOICES: dict[str, Any] = {
    "value_type": ValueType,
    "polarity": Polarity,
    "aggregation": Aggregation,
    "compare_per": ComparePer,
}


def current_catalogue() -> Catalogue:
    """Everything stored, inactive indicators included, ready to export."""
    indicators = Indicator.objects.select_related("area").order_by("area__order", "order", "code")
    return Catalogue(
        areas=[area_spec_of(area) for area in Area.objects.all()],
        indicators=[spec_of(indicator) for indicator in indicators],
    )


@dataclass
class AreaGroup:
    area: Area
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.indicators)


def _matches(indicator: Indicator, words: list[str]) -> bool:
    text = normalise(f"{indicator.name_uk} {indicator.name_en} {indicator.code}")
    return all(word in text for word in words)


def browse(query: str = "", area_code: str = "", *, inactive: bool = False) -> list[AreaGroup]:
    """Areas in order with their matching indicators; areas without matches are left out."""
    groups = {area.pk: AreaGroup(area) for area in Area.objects.all()}
    indicators: QuerySet[Indicator] = Indicator.objects.all()
    if not inactive:
        indicators = indicators.filter(is_active=True)
    words = query_words(query)
    for indicator in indicators.order_by("order", "code"):
        group = groups[indicator.area_id]
        if (not area_code or group.area.code == area_code) and _matches(indicator, words):
            group.indicators.append(indicator)
    return [group for group in groups.values() if group.indicators]


@dataclass(frozen=True)
class FormulaPart:
    text: str
    indicator: Indicator | None = None


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class VersionEntry:
    version: IndicatorVersion
    changes: list[FieldChange]


@dataclass
class IndicatorPage:
    indicator: Indicator
    formula: list[FormulaPart]
    inputs: list[Indicator]
    used_by: list[Indicator]
    history: list[VersionEntry]


def indicator_page(indicator: Indicator) -> IndicatorPage:
    """The indicator with its formula's inputs, the formulas that use it, and its history."""
    others = Indicator.objects.only("code", "name_uk", "name_en", "formula", "is_active")
    by_code = {other.code: other for other in others}
    used_by = [other for other in by_code.values() if indicator.code in _references(other)]
    inputs = [by_code[code] for code in sorted(_references(indicator)) if code in by_code]
    versions = list(indicator.versions.select_related("changed_by").order_by("version"))
    return IndicatorPage(
        indicator=indicator,
        formula=formula_parts(indicator.formula, by_code),
        inputs=inputs,
        used_by=sorted(used_by, key=lambda other: other.code),
        history=list(reversed(_history(versions))),
    )


def _references(indicator: Indicator) -> frozenset[str]:
    if not indicator.formula:
        return frozenset()
    try:
        return parse(indicator.formula).references()
    except FormulaError:
        return frozenset()


def formula_parts(formula: str, by_code: dict[str, Indicator]) -> list[FormulaPart]:
    """The formula cut into plain text and indicator codes (linked where they exist)."""
    parts: list[FormulaPart] = []
    position = 0
    for match in _CODE_IN_FORMULA.finditer(formula):
        if match.start() > position:
            parts.append(FormulaPart(formula[position : match.start()]))
        parts.append(FormulaPart(match.group(), by_code.get(match.group())))
        position = match.end()
    if position < len(formula):
        parts.append(FormulaPart(formula[position:]))
    return parts


def _history(versions: list[IndicatorVersion]) -> list[VersionEntry]:
    entries: list[VersionEntry] = []
    previous: dict[str, Any] = {}
    for version in versions:
        current = version.definition
        changes = [] if not previous else definition_changes(previous, current)
        entries.append(VersionEntry(version, changes))
        previous = current
    return entries


def field_label(name: str) -> str:
    if name == "area":
        return str(Area._meta.verbose_name)
    model_field = Indicator._meta.get_field(name)
    return str(getattr(model_field, "verbose_name", name))


def display_value(name: str, value: Any) -> str:
    """A definition value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name in _CHOICES and value in _CHOICES[name].values:
        return str(_CHOICES[name](value).label)
    if name == "unit":
        return unit_label(str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def definition_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Field by field, what differs between two definition snapshots."""
    return [
        FieldChange(
            field_label(name),
            display_value(name, old.get(name)),
            display_value(name, new.get(name)),
        )
        for name in DEFINITION_FIELDS
        if old.get(name, ADDED_FIELDS.get(name)) != new.get(name, ADDED_FIELDS.get(name))
    ]
