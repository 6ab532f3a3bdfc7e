"""Full-text search over bills (hromada/legislation/search.py explains the rule).

- `search_body`: the text of the drafts members were consulted on, filled for existing bills.
- PostgreSQL: the pg_trgm extension (the typo fallback) and a GIN index on the very expression
  `search.vector()` that the search queries, so the index needs no keeping in step.
- SQLite: an FTS5 table with one row per bill (rowid = the bill's id), filled from the bills and
  kept in step by triggers on `legislation_bill`. Django rebuilds a SQLite table to alter one of
  its columns and the rebuild drops its triggers: a later migration that alters
  `legislation_bill` must create these triggers again (tests/legislation/test_search.py fails
  when the index stops following the bills).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from hromada.territories.search import normalise

INDEX = "bill_search_gin"
FTS_TABLE = "legislation_bill_fts"
ROW = "replace(new.search_text, '''', ''), replace(new.search_body, '''', '')"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON legislation_bill BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, {ROW}); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_text, search_body "
    f"ON legislation_bill BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, {ROW}); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON legislation_bill BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) SELECT id, replace(search_text, '''', ''), "
    "replace(search_body, '''', '') FROM legislation_bill",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def fill_bodies(apps, schema_editor):
    """The drafts' text of every bill already consulted on (as search.body_text writes it)."""
    Bill = apps.get_model("legislation", "Bill")
    for bill in Bill.objects.filter(consultations__isnull=False).distinct():
        parts = []
        for consultation in bill.consultations.prefetch_related("articles").order_by("pk"):
            parts += [consultation.title, consultation.question]
            parts += [f"{a.label} {a.text}" for a in consultation.articles.all()]
        body = normalise(" ".join(p for p in parts if p))
        Bill.objects.filter(pk=bill.pk).update(search_body=body)


def _postgres_index(apps):
    from hromada.legislation.search import vector

    return apps.get_model("legislation", "Bill"), GinIndex(vector(), name=INDEX)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(*_postgres_index(apps))
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(*_postgres_index(apps))
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("legislation", "0005_watch_once_on_every_database"),
    ]

    operations = [
        migrations.AddField(
            model_name="bill",
            name="search_body",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_bodies, migrations.RunPython.noop),
        TrigramExtension(),  # does nothing on other databases
        migrations.RunPython(create_index, drop_index),
    ]
