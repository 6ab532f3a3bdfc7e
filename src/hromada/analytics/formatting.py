"""Numbers and small SVG sparklines as the pages show them, in the active language."""

from __future__ import annotations

import math

import numpy as np

from hromada.indicators.data_queries import format_number
from hromada.indicators.formula.panel import FloatArray
from hromada.lib.decimals import display_all


def number(value: float | None, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format_number(float(value), decimals)


def numbers(values: FloatArray, decimals: int) -> list[str]:
    """`number` of every value of an array ('' for NaN), the separators looked up once."""
    present = ~np.isnan(values)
    shown = iter(display_all(values[present].tolist(), decimals))
    return [next(shown) if here else "" for here in present.tolist()]


def plain(value: float) -> float | None:
    """A float for JSON: None instead of NaN."""
    return None if math.isnan(value) else round(float(value), 6)


def sparkline_points(values: FloatArray, width: int = 100, height: int = 24) -> str:
    """`x,y x,y ...` for an SVG polyline of the non-missing values; '' with fewer than two."""
    columns = np.flatnonzero(~np.isnan(values))
    if len(columns) < 2:
        return ""
    chosen = values[columns]
    low, high = float(chosen.min()), float(chosen.max())
    span = high - low or 1.0
    last = max(len(values) - 1, 1)
    points = (
        f"{svg_number(column / last * width)},"
        f"{svg_number(height - 2 - (value - low) / span * (height - 4))}"
        for column, value in zip(columns, chosen, strict=True)
    )
    return " ".join(points)


def svg_number(value: float) -> str:
    """A coordinate for SVG: always a decimal point, never the page language's comma.

    A template would print a float as "12,5" on Ukrainian pages, and an SVG renderer
    drops a shape with such a coordinate, so the charts came out blank.
    """
    return f"{value:.1f}"


def svg_bars(
    values: list[float | None], width: int = 300, height: int = 80
) -> list[dict[str, str]]:
    """Rectangles (x, y, w, h) of a bar chart of `values` from zero, for a server-side SVG."""
    present = [v for v in values if v is not None]
    if not present:
        return []
    top = max(max(present), 0.0)
    bottom = min(min(present), 0.0)
    span = (top - bottom) or 1.0
    step = width / max(len(values), 1)
    bars = []
    for n, value in enumerate(values):
        if value is None:
            continue
        y_value = height - (value - bottom) / span * height
        y_zero = height - (0.0 - bottom) / span * height
        bars.append(
            {
                "x": svg_number(n * step + step * 0.1),
                "y": svg_number(min(y_value, y_zero)),
                "w": svg_number(step * 0.8),
                "h": svg_number(max(abs(y_zero - y_value), 0.5)),
            }
        )
    return bars
