"""The English texts' migration (0008) keeps existing practices findable and the index whole:
on SQLite the added columns rebuild the table and drop the FTS5 triggers, which the
migration makes again itself (no post_migrate signal follows `MigrationExecutor.migrate`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Back to the latest migrations after each test (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("latest_migrations_after")

BEFORE = [("learning", "0007_practice_search")]
AFTER = [("learning", "0008_practice_english")]


def _titles(text: str) -> list[str]:
    from hromada.learning import queries

    return [p.title for p in queries.practices(queries.PracticeFilters(text=text))]


@pytest.mark.django_db(transaction=True)
def test_practices_stay_found_and_new_english_words_are_indexed() -> None:
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
    old = apps.get_model("learning", "Practice").objects.create(
        title="Енергоаудит шкіл",
        hromada=hromada,
        problem="Великі рахунки за тепло.",
        solution="Утеплення.",
        results="Економія.",
        state="published",
        search_title="енергоаудит шкіл",  # as 0007 wrote them
        search_text="великі рахунки за тепло. утеплення. економія. кам’янська kamianska",
    )

    MigrationExecutor(connection).migrate(AFTER)

    from hromada.learning.models import Practice

    assert _titles("енергоауд") == ["Енергоаудит шкіл"]
    assert _titles("kamiansk утеплення") == ["Енергоаудит шкіл"]
    # Written after the migration: the triggers are back, so its English words are found.
    practice = Practice.objects.get(pk=old.pk)
    practice.title_en, practice.problem_en = "School energy audit", "Large heating bills."
    practice.refresh_search_text()
    practice.save()
    assert _titles("audit") == _titles("heating bills") == ["Енергоаудит шкіл"]
