"""COPY on PostgreSQL through Django's connection, visible like any other query.

psycopg's `cursor.copy()` is reached through the driver's cursor, below Django's wrapper;
without this, a COPY would be missing from `connection.queries`, the debug log and the tests
that count queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any


@contextmanager
def copy(cursor: Any, sql: str) -> Iterator[Any]:
    """`with copy(cursor, "COPY ...") as stream:` for a Django cursor on PostgreSQL."""
    logging = cursor.debug_sql(sql) if hasattr(cursor, "debug_sql") else nullcontext()
    # Driver errors become Django's (IntegrityError ...), as for any other statement.
    errors = cursor.db.wrap_database_errors if hasattr(cursor, "db") else nullcontext()
    with logging, errors, cursor.cursor.copy(sql) as stream:
        yield stream
