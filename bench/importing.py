"""The import measurement: Hromada's import path against a raw load of the same CSV.

The file holds one new year (2026) of the first 100 collected indicators for every hromada
(146,900 values at national scale) in the long layout: territory, indicator, year, value;
an empty value is "not reported". Before each run that year is deleted again (untimed), so
every run inserts the same rows into a table that already holds the generated 15 years.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bench.generate import KINDS, indicators, territories, value_panels
from bench.load import TABLE, write_observations
from bench.targets import Scale, Target

IMPORT_YEAR = 2026
IMPORT_INDICATORS = 100
HEADER = ["territory", "indicator", "year", "value"]


def write_csv(path: Path, scale: Scale, seed: int) -> int:
    """The import file, from the generator with another stream of the seed; returns rows."""
    places = territories(scale.hromadas, seed)
    codes = [places.codes[i] for i in places.hromada_positions()]
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        specs = indicators(scale.indicators, seed)[:IMPORT_INDICATORS]
        for spec, values in value_panels(places, specs, seed + 1):
            decimals = KINDS[spec.kind][2]
            for code, value in zip(codes, values[:, -1].tolist(), strict=True):
                text = "" if np.isnan(value) else f"{value:.{decimals}f}"
                writer.writerow([code, spec.code, IMPORT_YEAR, text])
                rows += 1
    return rows


def clear(target: Target) -> None:
    """Remove what an earlier run imported (history, the import year, the batches)."""
    connection = target.connect()
    cursor = connection.cursor()
    cursor.execute("DELETE FROM indicators_observationhistory")
    cursor.execute(f"DELETE FROM {TABLE} WHERE year = {IMPORT_YEAR}")
    cursor.execute("DELETE FROM indicators_importbatch")
    connection.commit()
    if target.vendor == "sqlite":
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def _lookups(cursor: Any) -> tuple[dict[str, int], dict[str, int]]:
    cursor.execute("SELECT code, id FROM territories_territory")
    places = dict(cursor.fetchall())
    cursor.execute("SELECT code, id FROM indicators_indicator")
    return places, dict(cursor.fetchall())


def _parsed(path: Path, places: dict[str, int], codes: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for territory, indicator, year, value in reader:
            number = float(value) if value else None
            reason = "" if value else "not_reported"
            yield places[territory], codes[indicator], int(year), number, reason


def raw_load(target: Target, path: Path) -> None:
    """The baseline: csv module, two dictionaries, executemany (or COPY) in one transaction."""
    connection = target.connect()  # with the app's SQLite pragmas
    cursor = connection.cursor()
    places, codes = _lookups(cursor)
    write_observations(cursor, target, _parsed(path, places, codes), status="draft")
    connection.commit()
    connection.close()


def raw_executemany(target: Target, path: Path) -> None:
    """executemany also on PostgreSQL (write_observations uses COPY there)."""
    connection = target.connect()
    cursor = connection.cursor()
    places, codes = _lookups(cursor)
    names = (
        "territory_id, indicator_id, year, value, missing, sex, status, source, note, updated_at"
    )
    rows = (
        (*row, "", "draft", "", "", "2026-01-01 00:00:00+00")
        for row in _parsed(path, places, codes)
    )
    cursor.executemany(f"INSERT INTO {TABLE} ({names}) VALUES ({', '.join(['%s'] * 10)})", rows)
    connection.commit()
    connection.close()


def app_available() -> bool:
    from django.conf import settings

    return "hromada.dataio" in settings.INSTALLED_APPS


def app_import(path: Path) -> int:
    """`import_values`' own action when the dataio app is installed, else the path it uses."""
    if app_available():
        from hromada.dataio.actions import import_file
        from hromada.dataio.convert import Options

        report = import_file(path, by=None, options=Options())
        if not report.ok:
            raise RuntimeError(f"import refused: {report.problems[:3]}")
        return report.new
    return _record_observations(path)


def _record_observations(path: Path) -> int:
    from hromada.indicators.actions import ValueInput, record_observations
    from hromada.indicators.models import Indicator, ObservationHistory
    from hromada.territories.models import Territory

    places = dict(Territory.objects.values_list("code", "pk"))
    codes = dict(Indicator.objects.values_list("code", "pk"))
    values = (ValueInput(t, i, y, "", v, m) for t, i, y, v, m in _parsed(path, places, codes))
    summary = record_observations(values, by=None, reason=ObservationHistory.Reason.IMPORT)
    return summary.new
