"""Template helpers for indicator pages."""

from __future__ import annotations

from django import template
from django.utils.formats import get_format

from hromada.indicators.models import Missing
from hromada.indicators.units import unit_label as _unit_label
from hromada.lib.decimals import display, plain_text

register = template.Library()


@register.filter
def unit_label(unit: str) -> str:
    """The unit key as the reader's language shows it."""
    return _unit_label(unit)


@register.filter
def shown_number(value: float | None, decimals: int) -> str:
    """A value for reading: the reader's grouping and decimal sign, the indicator's decimals
    (`90 926`, `12,5` in Ukrainian; `90,926`, `12.5` in English)."""
    return "" if value is None else display(value, int(decimals))


@register.filter
def typed_number(value: float | None, decimals: int) -> str:
    """A value put back into an input: no grouping, the reader's decimal sign, the indicator's
    decimals (`90926`, `12,5`), so that saving it again reads the same number."""
    if value is None:
        return ""
    return plain_text(value, int(decimals)).replace(".", str(get_format("DECIMAL_SEPARATOR")))


@register.filter
def missing_label(code: str) -> str:
    """Why a value is missing, in the reader's language (`not_reported` -> "не подано")."""
    return str(Missing(code).label) if code in Missing.values else code
