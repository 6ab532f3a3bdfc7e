"""Raw bulk statements for the one hot write path (`record_observations`).

The ORM's bulk_create on SQLite splits rows into batches of ~76 (999 parameters) and
bulk_update builds CASE expressions; both dominate an import. A prepared statement run
with executemany is several times faster on SQLite and pipelined by psycopg on PostgreSQL.
Only column lists live here; what to write is decided in actions.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Sized
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NamedTuple

from django.db import IntegrityError, connection

from hromada.indicators.models import Indicator, Observation, ObservationHistory
from hromada.lib import copying
from hromada.territories.models import Territory

Key = tuple[int, int, int, str]  # territory_id, indicator_id, year, sex
# From this many territories in a chunk on, its (indicator, year) pairs are read whole.
WHOLE_GROUPS = 500
# At most this many (indicator, year) conditions joined by OR in one query: SQLite's
# expression tree is at most 1,000 deep.
GROUPS_PER_QUERY = 200


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


def existing(keys: Sequence[Key], *, for_update: bool = False) -> dict[Key, Stored]:
    """The stored rows for these keys in one query (a few, for many scattered pairs);
    `for_update` also locks them (PostgreSQL) until the transaction ends, for a few keys only
    (the conditions may match a few more rows).

    When the keys are close to a full cross product of their territories, indicators and
    years (a wide file: a few territories x all their columns; a long file sorted by
    indicator), three IN lists are the cheapest query; otherwise one condition per
    (indicator, year) avoids reading rows that were not asked for. Raw SQL: building the same
    query with the ORM cost more than running it.
    """
    if not keys:
        return {}
    territories = sorted({k[0] for k in keys})
    indicators = sorted({k[1] for k in keys})
    years = sorted({k[2] for k in keys})
    if len(territories) >= WHOLE_GROUPS and len(indicators) * len(years) * 2 <= len(keys):
        # Many territories for few (indicator, year) pairs (a long file sorted by indicator):
        # one range of the unique index per pair, from the lowest to the highest territory,
        # is cheaper than a seek per territory; rows of other territories are dropped below.
        where = (
            f"indicator_id IN ({_marks(indicators)}) AND year IN ({_marks(years)}) "
            "AND territory_id BETWEEN %s AND %s"
        )
        params = [*indicators, *years, territories[0], territories[-1]]
        return _select(keys, [(where, params)], for_update=for_update)
    if len(territories) * len(indicators) * len(years) <= 4 * len(keys):
        where = f"indicator_id IN ({_marks(indicators)}) AND year IN ({_marks(years)}) AND " + (
            f"territory_id IN ({_marks(territories)})"
        )
        return _select(keys, [(where, [*indicators, *years, *territories])], for_update=for_update)
    groups: dict[tuple[int, int], set[int]] = {}
    for territory, indicator, year, _sex in keys:
        groups.setdefault((indicator, year), set()).add(territory)
    return _select(keys, _group_conditions(groups), for_update=for_update)


def _group_conditions(groups: dict[tuple[int, int], set[int]]) -> list[tuple[str, list[int]]]:
    """One condition per (indicator, year), at most GROUPS_PER_QUERY joined by OR in one
    query: SQLite refuses a deeper expression tree (a file in random order can bring a
    thousand pairs into one chunk)."""
    queries: list[tuple[str, list[int]]] = []
    pairs = list(groups.items())
    for start in range(0, len(pairs), GROUPS_PER_QUERY):
        conditions: list[str] = []
        params: list[int] = []
        for (indicator, year), ids in pairs[start : start + GROUPS_PER_QUERY]:
            conditions.append(
                f"(indicator_id = %s AND year = %s AND territory_id IN ({_marks(ids)}))"
            )
            params += [indicator, year, *sorted(ids)]
        queries.append((" OR ".join(conditions), params))
    return queries


def _select(
    keys: Sequence[Key], queries: list[tuple[str, list[int]]], *, for_update: bool = False
) -> dict[Key, Stored]:
    """The stored rows of `keys` found by these WHERE clauses (rows not asked for dropped)."""
    columns = "id, territory_id, indicator_id, year, sex, value, missing, status"
    wanted = set(keys)
    found: dict[Key, Stored] = {}
    with connection.cursor() as cursor:
        for where, params in queries:
            sql = f"SELECT {columns} FROM {_table(Observation)} WHERE {where}"  # noqa: S608
            if for_update and connection.vendor == "postgresql":
                sql += " ORDER BY id FOR UPDATE"
            cursor.execute(sql, params)
            for pk, territory, indicator, year, sex, value, missing, status in cursor.fetchall():
                key = (territory, indicator, year, sex)
                if key in wanted:
                    found[key] = Stored(pk, value, missing, status)
    return found


def writers_overlap() -> bool:
    """PostgreSQL runs writers side by side; SQLite one at a time (IMMEDIATE transactions),
    so there a row read inside the write transaction cannot change before it is written."""
    return connection.vendor == "postgresql"


def lock_rows(ids: Sequence[int]) -> dict[int, Stored]:
    """Lock these observation rows until the transaction ends and read them as they are now
    (PostgreSQL waits for a writer holding one to finish, then returns its committed values).
    Rows deleted meanwhile are absent. On SQLite the write transaction already excludes every
    other writer, so this only reads."""
    if not ids:
        return {}
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    found: dict[int, Stored] = {}
    ordered = sorted(ids)  # one order for every writer: no two can deadlock on these rows
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), 5000):
            part = ordered[start : start + 5000]
            cursor.execute(
                f"SELECT id, value, missing, status FROM {_table(Observation)} "  # noqa: S608
                f"WHERE id IN ({_marks(part)}) ORDER BY id{lock}",
                part,
            )
            for pk, value, missing, status in cursor.fetchall():
                found[pk] = Stored(pk, value, missing, status)
    return found


@contextmanager
def references_checked_here() -> Iterator[None]:
    """For a big write on SQLite: the database's own foreign-key checks off, ours on.

    SQLite checks each reference of each inserted row (territory, indicator, batch; for a
    history row also its observation), a fifth of the time of an import. Within this block
    `record_observations` checks the territories and indicators of each chunk itself, with
    one query, inside the write transaction that keeps anyone else from deleting them; the
    other references are rows the same transaction made. The pragma only takes effect
    outside a transaction, so inside one (or on PostgreSQL) nothing changes.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.constraint_checks_disabled():
        yield


def database_checks_references() -> bool:
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        return bool(cursor.fetchone()[0])


def verify_references(keys: Sequence[Key]) -> None:
    """Raise IntegrityError unless every territory and indicator of `keys` exists."""
    for model, ids in ((Territory, {k[0] for k in keys}), (Indicator, {k[1] for k in keys})):
        if not ids:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {_table(model)} WHERE id IN ({_marks(ids)})",  # noqa: S608
                list(ids),
            )
            if cursor.fetchone()[0] != len(ids):
                raise IntegrityError(f"A value names a {model.__name__.lower()} that is gone.")


def _marks(values: Sized) -> str:
    return ", ".join(["%s"] * len(values))


def reserve_ids(model: type[Any], count: int) -> list[int]:
    """`count` fresh primary keys for rows about to be inserted, so the history rows can name
    them without reading the new rows back.

    PostgreSQL draws them from the column's sequence. SQLite has no sequence object: the
    write transaction (IMMEDIATE, see settings) holds the database's only write lock, so the
    keys after the largest used one (AUTOINCREMENT remembers deleted ones too) stay free.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT MAX(id) FROM {_table(model)}"  # noqa: S608 - the model's own table
        )
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        remembered = cursor.fetchone()
        first = max(largest, remembered[0] if remembered else 0) + 1
    return list(range(first, first + count))


OBSERVATION_COLUMNS = (
    "id",
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
UPDATE_COLUMNS = OBSERVATION_COLUMNS[5:]
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
    """executemany on SQLite; COPY on PostgreSQL, its fastest way in for many rows."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with copying.copy(cursor, f"COPY {_table(model)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {_table(model)} ({names}) VALUES ({marks})", rows)  # noqa: S608


def insert_observations(rows: Sequence[Sequence[Any]]) -> None:
    _insert(Observation, OBSERVATION_COLUMNS, rows)


def insert_history(rows: Sequence[Sequence[Any]]) -> None:
    _insert(ObservationHistory, HISTORY_COLUMNS, rows)


def history_of_created(ids: Sequence[int], stamp: Sequence[Any]) -> None:
    """One history row per newly inserted observation, made in SQL from the rows themselves
    (set-based: nothing is sent per row). `stamp` is (reason, comment, batch_id, changed_by_id,
    changed_at), the same for all of them."""
    if not ids:
        return
    history = ", ".join(connection.ops.quote_name(c) for c in HISTORY_COLUMNS)
    params: list[Any]
    if ids[-1] - ids[0] + 1 == len(ids):  # reserve_ids on SQLite: one run of keys
        which, params = "id BETWEEN %s AND %s", [ids[0], ids[-1]]
    elif connection.vendor == "postgresql":
        which, params = "id = ANY(%s)", [list(ids)]
    else:
        which, params = f"id IN ({_marks(ids)})", list(ids)
    sql = (
        f"INSERT INTO {_table(ObservationHistory)} ({history}) "  # noqa: S608 - constant names
        "SELECT id, territory_id, indicator_id, year, sex, NULL, '', '', value, missing, status, "
        f"%s, %s, %s, %s, %s FROM {_table(Observation)} WHERE {which} ORDER BY id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*stamp, *params])


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
