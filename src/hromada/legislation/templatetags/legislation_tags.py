"""Template helpers of legislative work."""

from __future__ import annotations

from django import template

from hromada.analytics.formatting import number

register = template.Library()


@register.filter
def figure(value: float | None, decimals: int = 0) -> str:
    """A figure in the page language's number format ('—' when there is none)."""
    return number(value, int(decimals)) or "—"
