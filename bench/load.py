"""Write the generated data into a freshly migrated database, bypassing the ORM.

Runs inside a worker process with Django set up (model metadata fills the columns the
generator does not set). Secondary indexes of the observation table are dropped during the
load and rebuilt afterwards; PostgreSQL gets COPY, SQLite executemany.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from django.db import models

from bench import GENERATOR_VERSION
from bench.formulas import recompute_set
from bench.generate import (
    AREAS,
    FIRST_YEAR,
    KINDS,
    YEARS,
    IndicatorSpec,
    Territories,
    indicators,
    territories,
    value_panels,
)
from bench.targets import Scale, Target

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
VALID_FROM = dt.date(2020, 7, 17)
TABLE = "indicators_observation"


def _default(field: models.Field[Any, Any]) -> Any:
    if field.has_default():
        return field.get_default()
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return STAMP
    if field.null:
        return None
    return ""


def insert(
    cursor: Any, target: Target, model: type[models.Model], rows: Iterable[dict[str, Any]]
) -> None:
    """Insert dicts keyed by column, ids included; other columns get the model's defaults."""
    fields = list(model._meta.concrete_fields)
    names = [f.column for f in fields]
    defaults = {f.column: _default(f) for f in fields}
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join([target.marker] * len(names))
    sql = f'INSERT INTO "{model._meta.db_table}" ({quoted}) VALUES ({marks})'
    cursor.executemany(
        sql, [tuple(_adapt(target, row.get(n, defaults[n])) for n in names) for row in rows]
    )


def _adapt(target: Target, value: Any) -> Any:
    if target.vendor == "sqlite" and isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if target.vendor == "sqlite" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _territory_rows(places: Territories) -> Iterator[dict[str, Any]]:
    category = {"oblast": "O", "raion": "P", "hromada": "H"}
    for i, territory_id in enumerate(places.ids.tolist()):
        level = places.levels[i]
        name_uk, name_en = f"Територія {territory_id}", f"Terytoriia {territory_id}"
        yield {
            "id": territory_id,
            "code": places.codes[i],
            "level": level,
            "category": category[level],
            "parent_id": int(places.parent[i]) or None,
            "oblast_id": int(places.oblast[i]) or None,
            "raion_id": int(places.raion[i]) or None,
            "name_uk": name_uk,
            "name_en": name_en,
            "search_text": f"{name_uk} {name_en} {places.codes[i]}".lower(),
            "hromada_type": places.hromada_type[i],
            "is_crimea": False,
            "valid_from": VALID_FROM,
        }


def _indicator_row(spec: IndicatorSpec) -> dict[str, Any]:
    unit, value_type, decimals, aggregation = KINDS[spec.kind]
    bounded = spec.kind in ("percent", "rate")
    return {
        "id": spec.id,
        "code": spec.code,
        "area_id": spec.area + 1,
        "name_uk": spec.name_uk,
        "name_en": spec.name_en,
        "unit": unit,
        "value_type": value_type,
        "decimals": decimals,
        "polarity": spec.polarity,
        "aggregation": aggregation,
        "min_value": 0.0,
        "max_value": (100.0 if spec.kind == "percent" else 1000.0) if bounded else None,
        "formula": spec.formula,
        "order": spec.id,
        "updated_at": STAMP,
    }


def catalogue(scale: Scale, seed: int) -> list[IndicatorSpec]:
    """The collected indicators and, after them, the derived ones of the recompute set."""
    specs = indicators(scale.indicators, seed)
    derived = recompute_set(specs, seed).derived
    start = len(specs) + 1
    return specs + [
        IndicatorSpec(start + i, d.code, 0, "rate", d.code, d.code, "neutral", d.formula)
        for i, d in enumerate(derived)
    ]


def _secondary_indexes(cursor: Any, target: Target) -> list[tuple[str, str]]:
    if target.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = ? AND sql IS NOT NULL",
            (TABLE,),
        )
    else:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND "
            "indexname NOT IN (SELECT conname FROM pg_constraint)",
            (TABLE,),
        )
    return [(str(name), str(sql)) for name, sql in cursor.fetchall()]


def observation_rows(
    panels: Iterable[tuple[IndicatorSpec, Any]], hromada_ids: Any, year: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """(territory_id, indicator_id, year, value, missing) in the unique index's order."""
    for spec, values in panels:
        columns = range(YEARS) if year is None else [year - FIRST_YEAR]
        for column in columns:
            present = values[:, column]
            missing = ["not_reported" if m else "" for m in np.isnan(present).tolist()]
            cells = [None if np.isnan(v) else v for v in present.tolist()]
            yield from zip(
                hromada_ids,
                itertools.repeat(spec.id),
                itertools.repeat(FIRST_YEAR + column),
                cells,
                missing,
                strict=False,
            )


def write_observations(
    cursor: Any, target: Target, rows: Iterable[tuple[Any, ...]], status: str = "published"
) -> None:
    stamp = _adapt(target, STAMP)
    names = (
        '"territory_id", "indicator_id", "year", "value", "missing", "sex", "status", '
        '"source", "note", "updated_at"'
    )
    constant = ("", status, "", "", stamp)
    full = (row + constant for row in rows)
    if target.vendor == "sqlite":
        cursor.executemany(f"INSERT INTO {TABLE} ({names}) VALUES ({', '.join(['?'] * 10)})", full)
        return
    with cursor.copy(f"COPY {TABLE} ({names}) FROM STDIN") as copy:
        for row in full:
            copy.write_row(row)


def generate(target: Target, scale: Scale, seed: int) -> dict[str, Any]:
    from hromada.indicators.models import Area, Indicator
    from hromada.territories.models import Territory

    places = territories(scale.hromadas, seed)
    specs = catalogue(scale, seed)
    connection = target.connect()
    cursor = connection.cursor()
    if target.vendor == "sqlite":
        # No journal while loading: an interrupted load has no meta row and is redone anyway.
        cursor.execute("PRAGMA journal_mode = OFF")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -400000")
    insert(cursor, target, Territory, _territory_rows(places))
    areas = [
        {"id": i + 1, "code": code, "name_uk": uk, "name_en": en, "order": i}
        for i, (code, uk, en) in enumerate(AREAS)
    ]
    insert(cursor, target, Area, areas)
    insert(cursor, target, Indicator, (_indicator_row(s) for s in specs))
    indexes = _secondary_indexes(cursor, target)
    for name, _sql in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    collected = [s for s in specs if not s.formula]
    hromadas = places.ids[places.hromada_positions()].tolist()
    write_observations(
        cursor, target, observation_rows(value_panels(places, collected, seed), hromadas)
    )
    connection.commit()  # PostgreSQL checks the deferred foreign keys here
    for _name, sql in indexes:
        cursor.execute(sql)
    _write_meta(cursor, target, scale, seed)
    connection.commit()
    if target.vendor == "sqlite":
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA journal_mode = WAL")
    else:
        connection.autocommit = True
        cursor.execute("ANALYZE")
    connection.close()
    return {"territories": len(places.ids), "indicators": len(specs)}


def meta_key(scale: Scale, seed: int) -> str:
    return (
        f"generator {GENERATOR_VERSION} seed {seed} hromadas {scale.hromadas} "
        f"indicators {scale.indicators} years {YEARS}"
    )


def _write_meta(cursor: Any, target: Target, scale: Scale, seed: int) -> None:
    cursor.execute("CREATE TABLE bench_meta (key TEXT NOT NULL)")
    cursor.execute(
        f"INSERT INTO bench_meta (key) VALUES ({target.marker})", (meta_key(scale, seed),)
    )
