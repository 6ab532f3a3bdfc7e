"""The practice's texts in English, optional (title, problem, solution, cost, duration,
results), and the search texts written again to hold them (learning/search.py).

Adding a column rebuilds the table on SQLite, which drops the FTS5 index's triggers: they are
made again here, from the index as migration 0007 built it, and the FTS5 table refilled, so
the index is whole when this migration ends, whether or not a post_migrate signal follows
(hromada.lib.fulltext.keep_sqlite_index does the same after every `migrate`); and backwards too.
"""

from django.db import migrations, models

from hromada.lib.fulltext import FullTextIndex, keep_sqlite_index
from hromada.territories.search import normalise

# As migration 0007 built it (learning/search.py declares the same).
INDEX = FullTextIndex(
    fts_table="learning_practice_fts",
    title_column="title",
    bm25_weights=(5.0, 1.0),
    fallback_columns=("search_title", "search_text"),
    source_table="learning_practice",
    source_columns=("search_title", "search_text"),
)


def fill_texts(apps, schema_editor):
    """Every practice's two search texts, as Practice.refresh_search_text writes them now."""
    Practice = apps.get_model("learning", "Practice")
    for practice in Practice.objects.select_related("hromada").iterator():
        titles = [practice.title, practice.title_en]
        parts = [practice.problem, practice.solution, practice.results]
        parts += [practice.problem_en, practice.solution_en, practice.results_en]
        parts += [practice.hromada.name_uk, practice.hromada.name_en]
        Practice.objects.filter(pk=practice.pk).update(
            search_title=normalise(" ".join(p for p in titles if p)),
            search_text=normalise(" ".join(p for p in parts if p)),
        )


def mend_sqlite_index(apps, schema_editor):
    keep_sqlite_index(INDEX, schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0007_practice_search'),
    ]

    operations = [
        # Backwards, the columns' removal rebuilds the table too: the triggers made again last.
        migrations.RunPython(migrations.RunPython.noop, mend_sqlite_index),
        migrations.AddField(
            model_name='practice',
            name='cost_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='cost in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='duration_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='how long it took, in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='problem_en',
            field=models.TextField(blank=True, verbose_name='the problem it solved, in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='results_en',
            field=models.TextField(blank=True, verbose_name='results in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='solution_en',
            field=models.TextField(blank=True, verbose_name='the solution and its steps, in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='title_en',
            field=models.CharField(blank=True, max_length=300, verbose_name='title in English'),
        ),
        migrations.RunPython(mend_sqlite_index, migrations.RunPython.noop),
        migrations.RunPython(fill_texts, migrations.RunPython.noop),
    ]
