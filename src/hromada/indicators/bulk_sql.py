"""Raw bulk statements for the one hot write path (`record_observations`).

The ORM's bulk_create on SQLite splits rows into batches of ~76 (999 parameters) and
bulk_update builds CASE expressions; both dominate an import. A prepared statement run
with executemany is several times faster on SQLite and pipelined by psycopg on PostgreSQL.
Only column lists live here; what to write is decided in actions.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Q

from hromada.indicators.models import Observation, ObservationHistory

Key = tuple[int, int, int, str]  # territory_id, indicator_id, year, sex


class Stored(NamedTuple):
    pk: int
    value: float | None
    missing: str
    status: str


def _table(model: type[Any]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def stamp(moment: datetime) -> Any:
    """A datetime as this database's driver wants it in a raw statement."""
    return connection.ops.adapt_datetimefield_value(moment)


def existing(keys: Sequence[Key]) -> dict[Key, Stored]:
    """The stored rows for these keys in one query.

    When the keys are close to a full cross product of their territories, indicators and
    years (a wide file: a few territories x all their columns), three IN lists are the
    cheapest query; otherwise one condition per (indicator, year) avoids reading rows that
    were not asked for.
    """
    if not keys:
        return {}
    territories = {k[0] for k in keys}
    indicators = {k[1] for k in keys}
    years = {k[2] for k in keys}
    rows = Observation.all_objects.all()
    if len(territories) * len(indicators) * len(years) <= 4 * len(keys):
        rows = rows.filter(
            territory_id__in=territories, indicator_id__in=indicators, year__in=years
        )
    else:
        groups: dict[tuple[int, int], set[int]] = {}
        for territory, indicator, year, _sex in keys:
            groups.setdefault((indicator, year), set()).add(territory)
        condition = Q()
        for (indicator, year), ids in groups.items():
            condition |= Q(indicator_id=indicator, year=year, territory_id__in=ids)
        rows = rows.filter(condition)
    wanted = set(keys)
    found: dict[Key, Stored] = {}
    fields = ("pk", "territory_id", "indicator_id", "year", "sex", "value", "missing", "status")
    for pk, territory, indicator, year, sex, value, missing, status in rows.values_list(*fields):
        key = (territory, indicator, year, sex)
        if key in wanted:
            found[key] = Stored(pk, value, missing, status)
    return found


OBSERVATION_COLUMNS = (
    "territory_id",
    "indicator_id",
    "year",
    "sex",
    "value",
    "missing",
    "status",
    "source",
    "note",
    "batch_id",
    "updated_by_id",
    "updated_at",
)
UPDATE_COLUMNS = OBSERVATION_COLUMNS[4:]
HISTORY_COLUMNS = (
    "observation_id",
    "territory_id",
    "indicator_id",
    "year",
    "sex",
    "old_value",
    "old_missing",
    "old_status",
    "new_value",
    "new_missing",
    "new_status",
    "reason",
    "comment",
    "batch_id",
    "changed_by_id",
    "changed_at",
)


def _insert(model: type[Any], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {_table(model)} ({names}) VALUES ({marks})", rows)  # noqa: S608


def insert_observations(rows: Sequence[Sequence[Any]]) -> None:
    _insert(Observation, OBSERVATION_COLUMNS, rows)


def insert_history(rows: Sequence[Sequence[Any]]) -> None:
    _insert(ObservationHistory, HISTORY_COLUMNS, rows)


def update_observations(rows: Sequence[Sequence[Any]]) -> None:
    """Rows are the UPDATE_COLUMNS values followed by the primary key."""
    if not rows:
        return
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in UPDATE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {_table(Observation)} SET {assignments} WHERE id = %s",  # noqa: S608
            rows,
        )
