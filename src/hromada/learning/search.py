"""Full-text search over published practices: the library page, the site search and the API
all read it through `queries.practices`.

The rule is `hromada.lib.fulltext`'s (words, prefixes, case and apostrophes ignored, no query
syntax). What is searched: the title in Ukrainian and in English (`Practice.search_title`) and
the rest of the practice (`Practice.search_text`: the problem, the solution and its steps and
the results, in Ukrainian and in English where given, and the hromada's names in both
languages). Both languages are cut into words the same way, so either finds its practice.
Best first: every word in the title, then the better match, then the newest.

- PostgreSQL: the stored `search_vector` of `learning_practice` (migration 0007), GIN-indexed.
  (Migration 0008, adding the English texts, keeps its own copy of `PRACTICES` below.)
- SQLite: the FTS5 table `learning_practice_fts` (migration 0007), ranked by bm25 with a title
  hit weighing five times one in the rest.
"""

from __future__ import annotations

from django.db.models import QuerySet

from hromada.learning.models import Practice
from hromada.lib.fulltext import FullTextIndex, words

PRACTICES = FullTextIndex(
    fts_table="learning_practice_fts",
    title_column="title",
    bm25_weights=(5.0, 1.0),
    fallback_columns=("search_title", "search_text"),
    source_table="learning_practice",
    source_columns=("search_title", "search_text"),
)
NEWEST = ("-published_on", "-pk")


def search(rows: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """The practices among `rows` holding every word of the query, best first; `rows` as they
    are for a query without words, none for one of punctuation only."""
    found = words(query)
    if not found:
        return rows if not query.strip() else rows.none()
    return PRACTICES.ranked(rows, found, *NEWEST)
