"""Full-text search over bills (hromada/legislation/search.py explains the rule).

- `search_body`: the text of the drafts members were consulted on, filled for existing bills.
- PostgreSQL: a stored generated column `search_vector` (the weighted tsvector, kept in step by
  PostgreSQL itself; the model does not carry it, so Django never writes it) with a GIN index,
  and, for the typo fallback, the pg_trgm extension and `legislation_bill_word`: the distinct
  words of the bills' number, title and headings, trigram-indexed, kept by a trigger.
- SQLite: an FTS5 table with one row per bill (rowid = the bill's id), filled from the bills and
  kept in step by triggers on `legislation_bill`. Django rebuilds a SQLite table to alter one of
  its columns and the rebuild drops its triggers: after every `migrate` the app makes the
  missing ones again (hromada.lib.fulltext.keep_sqlite_index).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from hromada.territories.search import normalise

NO_APOSTROPHE = "replace({}, '''', '')"  # the apostrophes search.words() drops
TITLE_VECTOR = "to_tsvector('simple', " + NO_APOSTROPHE.format("coalesce({}, '')") + ")"
POSTGRES_FORWARD = [
    "ALTER TABLE legislation_bill ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(" + TITLE_VECTOR.format("search_text") + ", 'A') || "
    "setweight(" + TITLE_VECTOR.format("search_body") + ", 'B')) STORED",
    "CREATE INDEX bill_search_gin ON legislation_bill USING gin (search_vector)",
    # The typo fallback's lexicon: every word of the bills' title parts, trigram-indexed, kept
    # by a trigger (words of changed titles stay: a stale word only finds nothing).
    "CREATE TABLE legislation_bill_word (word text PRIMARY KEY)",
    "CREATE INDEX legislation_bill_word_trgm ON legislation_bill_word "
    "USING gin (word gin_trgm_ops)",
    "CREATE FUNCTION legislation_bill_words() RETURNS trigger LANGUAGE plpgsql AS $body$ "
    "BEGIN INSERT INTO legislation_bill_word (word) "
    "SELECT unnest(tsvector_to_array(" + TITLE_VECTOR.format("NEW.search_text") + ")) "
    "ON CONFLICT DO NOTHING; RETURN NULL; END $body$",
    "CREATE TRIGGER legislation_bill_words AFTER INSERT OR UPDATE OF search_text "
    "ON legislation_bill FOR EACH ROW EXECUTE FUNCTION legislation_bill_words()",
    "INSERT INTO legislation_bill_word (word) SELECT DISTINCT unnest(tsvector_to_array("
    + TITLE_VECTOR.format("search_text")
    + ")) FROM legislation_bill ON CONFLICT DO NOTHING",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS legislation_bill_words ON legislation_bill",
    "DROP FUNCTION IF EXISTS legislation_bill_words()",
    "DROP TABLE IF EXISTS legislation_bill_word",
    "DROP INDEX IF EXISTS bill_search_gin",
    "ALTER TABLE legislation_bill DROP COLUMN IF EXISTS search_vector",
]
FTS_TABLE = "legislation_bill_fts"
ROW = (
    NO_APOSTROPHE.format("new.search_text") + ", " + NO_APOSTROPHE.format("new.search_body")
)
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
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) SELECT id, "
    + NO_APOSTROPHE.format("search_text")
    + ", "
    + NO_APOSTROPHE.format("search_body")
    + " FROM legislation_bill",
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


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


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
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
