"""The results as Markdown: one table per scale and database, then how figures grow.

Each ratio compares Hromada with its baseline measured in the same run; every figure is
the median of the repeated runs. Targets are reported, never asserted.
"""

from __future__ import annotations

from statistics import median
from typing import Any

NOT_BUILT = "not built yet"
MIB_LIMIT = 1024
FULL_IMPORT = 11_000_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:,.2f} s" if seconds >= 1 else _ms(seconds)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _import_rows(data: dict[str, Any]) -> list[list[str]]:
    count = data["values"]
    app = data["app"]
    speed = count / median(app["seconds"])
    rows = []
    for key, name in (("executemany", "raw executemany"), ("copy", "raw COPY")):
        if key not in data:
            continue
        base = count / median(data[key]["seconds"])
        ratio = speed / base
        target = "≥ 0.50 of executemany" if key == "executemany" else "(reported)"
        met = _met(ratio >= 0.5) if key == "executemany" else "-"
        rows.append(
            [
                f"import {count:,} values: {app['label']}",
                f"{speed:,.0f} values/s, {median(app['rss']):,.0f} MiB",
                f"{name}: {base:,.0f} values/s, {median(data[key]['rss']):,.0f} MiB",
                f"{ratio:.2f}",
                target,
                met,
            ]
        )
    rss = max(app["rss"])
    rows.append(
        [
            f"peak RSS of the import ({count:,} values)",
            f"{rss:,.0f} MiB",
            "-",
            "-",
            "≤ 1 GiB for an 11 M-value import",
            _met(rss <= MIB_LIMIT) if count >= FULL_IMPORT else "- (not measured at 11 M)",
        ]
    )
    return rows


def _query_row(name: str, data: dict[str, Any]) -> list[str]:
    sql = median(data["sql"]["seconds"])
    limit = 2 * sql + 0.005
    target = f"≤ 2x raw SQL + 5 ms (≤ {_s(limit)})"
    app = data.get("app")
    if app is None:
        return [
            f"{name} ({data['rows']:,} rows)",
            NOT_BUILT,
            f"raw SQL: {_s(sql)}",
            "-",
            target,
            "-",
        ]
    warm, cold = median(app["seconds"]), median(app["cold"])
    return [
        f"{name} ({data['rows']:,} rows): page `{app['address']}`, warm cache",
        f"{_s(warm)} (cold cache: {_s(cold)}), {max(app['rss']):,.0f} MiB",
        f"raw SQL: {_s(sql)}",
        f"{warm / sql:.2f}",
        target,
        _met(warm <= limit),
    ]


def _api_row(data: dict[str, Any]) -> list[str]:
    app, theirs = median(data["app"]["per_second"]), median(data["datasette"]["per_second"])
    errors = sum(data["app"]["errors"]) + sum(data["datasette"]["errors"])
    ratio = app / theirs if theirs else 0.0
    note = f", {errors:,} failed requests" if errors else ""
    return [
        f"API throughput: `{data['address']}`, {data['connections']} connections, "
        f"gunicorn with {data['workers']} workers{note}",
        f"{app:,.1f} requests/s",
        f"Datasette canned query (same SQL as the raw ranking): {theirs:,.1f} requests/s",
        f"{ratio:.2f}",
        "≥ 3x Datasette",
        _met(ratio >= 3),
    ]


def _recompute_rows(data: dict[str, Any]) -> list[list[str]]:
    app, duck = data["app"], median(data["duckdb"]["seconds"])
    total, compute = median(app["seconds"]), median(app["compute"])
    same = data.get("max_difference")
    equal = (
        "not compared"
        if same is None
        else (
            f"equal (max relative difference {same:.1e})"
            if same <= 1e-9
            else f"**different** (max relative difference {same:.1e})"
        )
    )
    rows = []
    cold = f" (cold cache: {_s(median(app['cold']))})" if "cold" in app else ""
    for name, seconds, extra in (
        ("read + compute", total, cold),
        ("compute only", compute, ""),
    ):
        ratio = seconds / duck
        rows.append(
            [
                f"recompute with the formula engine: {data['derived']} derived + oblast "
                f"aggregates ({name}; {data['values']:,} input values)",
                f"{_s(seconds)}{extra}, {median(app['rss']):,.0f} MiB",
                f"DuckDB reference: {_s(duck)}",
                f"{ratio:.2f}",
                "≤ 3x DuckDB",
                _met(ratio <= 3),
            ]
        )
    rows.append(
        [
            "recompute results vs DuckDB",
            equal,
            "-",
            "-",
            "equal",
            _met(same is not None and same <= 1e-9),
        ]
    )
    return rows


def target_table(results: dict[str, Any]) -> str:
    header = ["measurement", "Hromada", "baseline (same run)", "ratio", "target", "met"]
    rows: list[list[str]] = []
    if "import" in results:
        rows += _import_rows(results["import"])
    if "ranking" in results:
        rows.append(_query_row("ranking: one indicator-year, all hromadas", results["ranking"]))
    if "profile" in results:
        rows.append(
            _query_row("profile: one hromada, all indicators and years", results["profile"])
        )
    if "recompute" in results:
        rows += _recompute_rows(results["recompute"])
    if "api" in results:
        rows.append(_api_row(results["api"]))
    return _markdown(header, rows)


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _figures(results: dict[str, Any]) -> dict[str, float]:
    found: dict[str, float] = {}
    if "import" in results:
        found["import (Hromada)"] = median(results["import"]["app"]["seconds"])
        found["import (raw executemany)"] = median(results["import"]["executemany"]["seconds"])
    for name in ("ranking", "profile"):
        if name in results:
            found[f"{name} (raw SQL)"] = median(results[name]["sql"]["seconds"])
            if "app" in results[name]:
                found[f"{name} (Hromada, warm)"] = median(results[name]["app"]["seconds"])
    if "recompute" in results:
        found["recompute (Hromada)"] = median(results["recompute"]["app"]["seconds"])
        found["recompute (DuckDB)"] = median(results["recompute"]["duckdb"]["seconds"])
    return found


def growth_table(small: dict[str, Any], large: dict[str, Any]) -> str:
    before, after = _figures(small), _figures(large)
    rows = []
    for name in before:
        if name in after:
            factor = after[name] / before[name]
            rows.append(
                [
                    name,
                    _s(before[name]),
                    _s(after[name]),
                    f"{factor:.1f}x",
                    "≤ 10x",
                    _met(factor <= 10),
                ]
            )
    return _markdown(["measurement", "1x", "10x", "growth", "target", "met"], rows)


def generation_line(label: str, data: dict[str, Any]) -> str:
    made = data["generation"]
    how = "reused from the cache" if made["reused"] else f"generated in {_s(made['seconds'])}"
    return f"{label} database: {how}."


def document(runs: list[dict[str, Any]]) -> str:
    """latest.md: every run's tables with its machine, versions, date and command."""
    parts = [
        "# Benchmark results",
        "",
        "Written by `python -m bench`; see docs/benchmark.md for how to read it.",
        "",
    ]
    for run in runs:
        scale = run["scale"]
        parts += [
            f"## Scale {scale['name']}: {scale['hromadas']:,} hromadas x "
            f"{scale['indicators']} indicators x 15 years ({scale['values']:,} values)",
            "",
            f"- date: {run['date']}",
            f"- command: `{run['command']}`",
            f"- machine: {run['machine']}",
            f"- versions: {run['versions']}",
            f"- repeats: {run['repeats']} (figures are medians)",
        ]
        for earlier in run.get("earlier", []):
            parts.append(
                f"- {', '.join(earlier['measurements'])} on {earlier['target']}: kept from the "
                f"run of {earlier['date']} (`{earlier['command']}`)"
            )
        parts += [""]
        for label, results in run["targets"].items():
            parts += [
                f"### {label}",
                "",
                generation_line(label, results),
                "",
                target_table(results),
                "",
            ]
    by_scale = {run["scale"]["name"]: run for run in runs}
    if "1" in by_scale and "10" in by_scale:
        parts += ["## Growth from 1x to 10x", ""]
        for label, results in by_scale["10"]["targets"].items():
            small = by_scale["1"]["targets"].get(label)
            if small:
                parts += [f"### {label}", "", growth_table(small, results), ""]
    return "\n".join(parts).rstrip() + "\n"
