"""SQLite: a migration that rebuilds a searched table drops its FTS5 triggers (Django rebuilds
an SQLite table to alter a column); the next `migrate` makes them again and refills the index,
so the practice library and the bill search keep finding what was written since."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from hromada.learning import queries
from hromada.learning.models import Practice, PracticeState
from hromada.learning.search import PRACTICES
from hromada.legislation.search import BILLS
from hromada.lib.fulltext import FullTextIndex, keep_sqlite_index, sqlite_triggers
from tests.conftest import Personas

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")


def _triggers(index: FullTextIndex) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [index.source_table],
        )
        return {name: " ".join(sql.split()) for name, sql in cursor.fetchall()}


def _drop(index: FullTextIndex) -> None:
    with connection.cursor() as cursor:
        for name in sqlite_triggers(index):
            cursor.execute(f"DROP TRIGGER {name}")


def _titles(text: str) -> list[str]:
    return [p.title for p in queries.practices(queries.PracticeFilters(text=text))]


@pytest.mark.django_db
@pytest.mark.parametrize("index", [PRACTICES, BILLS], ids=["practices", "bills"])
def test_the_declared_triggers_are_those_the_migration_made(index: FullTextIndex) -> None:
    made = _triggers(index)
    _drop(index)

    assert sorted(keep_sqlite_index(index, connection)) == sorted(made)
    assert _triggers(index) == made


@pytest.mark.django_db
@pytest.mark.parametrize("index", [PRACTICES, BILLS], ids=["practices", "bills"])
def test_nothing_is_made_when_the_triggers_are_there(index: FullTextIndex) -> None:
    assert keep_sqlite_index(index, connection) == []


@pytest.mark.django_db(transaction=True)
def test_migrate_mends_the_index_a_table_rebuild_left_behind(personas: Personas) -> None:
    practice = Practice(
        hromada=personas.hromada,
        title="Енергосервіс у школах",
        problem="Холодні класи.",
        solution="—",
        results="—",
        state=PracticeState.PUBLISHED,
    )
    practice.refresh_search_text()
    practice.save()
    _drop(PRACTICES)  # as a rebuild of learning_practice by a later migration does
    practice.title = "Сонячні панелі на амбулаторіях"
    practice.refresh_search_text()
    practice.save()
    assert _titles("сонячні") == []  # the index no longer follows the practices

    call_command("migrate", verbosity=0)

    assert _titles("сонячні") == ["Сонячні панелі на амбулаторіях"]
    assert _titles("енергосервіс") == []
    assert set(_triggers(PRACTICES)) == set(sqlite_triggers(PRACTICES))
