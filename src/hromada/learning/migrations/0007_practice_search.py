"""Full-text search over practices (hromada/lib/fulltext.py and learning/search.py explain it).

- `search_title`: the practice's title, normalised; `search_text` is written again without the
  title (problem, solution and steps, results, the hromada's names in both languages).
- PostgreSQL: a stored generated column `search_vector` (the title weighted A, the rest B;
  the model does not carry it, so Django never writes it) with a GIN index.
- SQLite: an FTS5 table with one row per practice (rowid = the practice's id), filled from the
  practices and kept in step by triggers on `learning_practice`. Django rebuilds a SQLite table
  to alter one of its columns and the rebuild drops its triggers: after every `migrate` the
  app makes the missing ones again (hromada.lib.fulltext.keep_sqlite_index).
"""

from django.db import migrations, models

from hromada.territories.search import normalise

NO_APOSTROPHE = "replace({}, '''', '')"  # the apostrophes fulltext.words() drops
VECTOR = "to_tsvector('simple', " + NO_APOSTROPHE.format("coalesce({}, '')") + ")"
POSTGRES_FORWARD = [
    "ALTER TABLE learning_practice ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(" + VECTOR.format("search_title") + ", 'A') || "
    "setweight(" + VECTOR.format("search_text") + ", 'B')) STORED",
    "CREATE INDEX practice_search_gin ON learning_practice USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS practice_search_gin",
    "ALTER TABLE learning_practice DROP COLUMN IF EXISTS search_vector",
]
FTS_TABLE = "learning_practice_fts"
ROW = NO_APOSTROPHE.format("new.search_title") + ", " + NO_APOSTROPHE.format("new.search_text")
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON learning_practice BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, {ROW}); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_title, search_text "
    f"ON learning_practice BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, {ROW}); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON learning_practice BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) SELECT id, "
    + NO_APOSTROPHE.format("search_title")
    + ", "
    + NO_APOSTROPHE.format("search_text")
    + " FROM learning_practice",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def fill_texts(apps, schema_editor):
    """Every practice's two texts, as Practice.refresh_search_text writes them."""
    Practice = apps.get_model("learning", "Practice")
    for practice in Practice.objects.select_related("hromada").iterator():
        parts = [practice.problem, practice.solution, practice.results]
        parts += [practice.hromada.name_uk, practice.hromada.name_en]
        Practice.objects.filter(pk=practice.pk).update(
            search_title=normalise(practice.title),
            search_text=normalise(" ".join(p for p in parts if p)),
        )


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0006_remove_old_evaluation"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="search_title",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_texts, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
