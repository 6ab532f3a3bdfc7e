"""Practices proposed before the full-text index are indexed by its migration (0007)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Back to the latest migrations after each test (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("latest_migrations_after")

BEFORE = [("learning", "0006_remove_old_evaluation")]
# On through the practices' later migrations, so the model's columns are there to read.
AFTER = [("learning", "0008_practice_english")]


@pytest.mark.django_db(transaction=True)
def test_existing_practices_are_found_after_the_migration() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    hromada = apps.get_model("territories", "Territory").objects.create(
        code="UA00000000000000001",
        level="hromada",
        name_uk="Кам’янська",
        name_en="Kamianska",
        valid_from=dt.date(2020, 1, 1),
    )
    apps.get_model("learning", "Practice").objects.create(
        title="Енергоаудит шкіл",
        hromada=hromada,
        problem="Великі рахунки за тепло.",
        solution="Утеплення.",
        results="Економія.",
        state="published",
        search_text="енергоаудит шкіл великі рахунки",  # as the old proposal wrote it
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from hromada.learning import queries

    def titles(text: str) -> list[str]:
        return [p.title for p in queries.practices(queries.PracticeFilters(text=text))]

    assert titles("енергоауд") == ["Енергоаудит шкіл"]
    assert titles("утеплення економія") == ["Енергоаудит шкіл"]
    assert titles("КАМЯНСЬКА") == ["Енергоаудит шкіл"] and titles("kamiansk") == titles("шкіл")
