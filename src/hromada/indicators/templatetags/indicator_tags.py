"""Template helpers for indicator pages."""

from __future__ import annotations

from django import template

from hromada.indicators.units import unit_label as _unit_label

register = template.Library()


@register.filter
def unit_label(unit: str) -> str:
    """The unit key as the reader's language shows it."""
    return _unit_label(unit)
