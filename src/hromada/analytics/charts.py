"""Chart specifications for static/analytics/charts.js, each with its data-table fallback.

A chart is a dict: `id`, `title`, `description`, `spec` (what charts.js draws, as JSON) and
`table` (`header` and `rows` of formatted text) shown in a <details> under the chart.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from hromada.analytics.formatting import number, numbers

Chart = dict[str, object]


def lines(
    chart_id: str,
    title: str,
    description: str,
    years: Sequence[int],
    series: Sequence[dict[str, object]],
    decimals: int,
    unit: str,
) -> Chart:
    header = ["", *[str(y) for y in years]]
    rows = [
        [str(s["name"]), *[number(v, decimals) for v in s["values"]]]  # type: ignore[attr-defined]
        for s in series
    ]
    spec = {
        "kind": "lines",
        "years": list(years),
        "series": list(series),
        "decimals": decimals,
        "unit": unit,
    }
    return {
        "id": chart_id,
        "json_id": f"{chart_id}-spec",
        "title": title,
        "description": description,
        "spec": spec,
        "table": {"header": header, "rows": rows},
    }


def bars(
    chart_id: str,
    title: str,
    description: str,
    names: Sequence[str],
    values: Sequence[float | None],
    decimals: int,
    unit: str,
) -> Chart:
    rows = [[name, number(value, decimals)] for name, value in zip(names, values, strict=True)]
    spec = {
        "kind": "bars",
        "names": list(names),
        "values": list(values),
        "decimals": decimals,
        "unit": unit,
    }
    return {
        "id": chart_id,
        "json_id": f"{chart_id}-spec",
        "title": title,
        "description": description,
        "spec": spec,
        "table": {"header": ["", unit], "rows": rows},
    }


def histogram(
    chart_id: str,
    title: str,
    description: str,
    data: dict[str, object],
    decimals: int,
    count_label: str,
    value_label: str = "",
) -> Chart:
    """Bars of how many hromadas fall in each range; the axes are named by
    `value_label` (the values, with their unit) and `count_label` (the count)."""
    edges = list(data.get("edges", []))  # type: ignore[call-overload]
    counts = list(data.get("counts", []))  # type: ignore[call-overload]
    labels = [
        f"{number(low, decimals)} – {number(high, decimals)}"
        for low, high in itertools.pairwise(edges)
    ]
    spec = {
        "kind": "histogram",
        "labels": labels,
        "counts": counts,
        "selected": data.get("selected_bin"),
        "decimals": 0,
        "x_name": value_label,
        "y_name": count_label,
    }
    rows = [[label, str(count)] for label, count in zip(labels, counts, strict=True)]
    return {
        "id": chart_id,
        "json_id": f"{chart_id}-spec",
        "title": title,
        "description": description,
        "spec": spec,
        "table": {"header": ["", count_label], "rows": rows},
    }


def choropleth(
    chart_id: str,
    title: str,
    description: str,
    geo_url: str,
    values: Sequence[dict[str, object]],
    polarity: str,
    decimals: int,
    unit: str,
) -> Chart:
    spec = {
        "kind": "map",
        "geo_url": geo_url,
        "values": list(values),
        "polarity": polarity,
        "decimals": decimals,
    }
    # Formatted together: the separators of the language are looked up once, not per hromada.
    raw = [np.nan if v["value"] is None else v["value"] for v in values]
    shown = numbers(np.array(raw, dtype=np.float64), decimals)
    rows = [[str(v["label"]), text] for v, text in zip(values, shown, strict=True)]
    return {
        "id": chart_id,
        "json_id": f"{chart_id}-spec",
        "title": title,
        "description": description,
        "spec": spec,
        "table": {"header": ["", unit], "rows": rows},
    }
