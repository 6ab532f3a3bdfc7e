"""Full-text search over bills: their number, title and headings, and the text of their drafts.

The words of a query, what matches and how each database is asked are the shared rule of
`hromada.lib.fulltext` (used also by the practice library). Hits in the number, title and
headings (`Bill.search_text`) come before hits only in the drafts' articles
(`Bill.search_body`); within each, the better match first.

- PostgreSQL: both texts weighted A and B in the stored `search_vector` (migration 0006).
  When nothing matches, a trigram fallback finds misspelt words: each is replaced by the
  closest words (`pg_trgm` similarity, GIN-indexed) of the bills' number, title and headings,
  and those are looked for in the title part.
- SQLite: the FTS5 table `legislation_bill_fts` (migration 0006), ranked by bm25. SQLite has
  no trigram search, so there is no typo fallback there.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import QuerySet

from hromada.legislation.models import Bill, search_text
from hromada.lib.fulltext import (
    NOT_WORD,
    FullTextIndex,
    StoredVector,
    fts5_query,
    tsquery,
    words,
)

FTS_TABLE = "legislation_bill_fts"  # created by migration 0006 on SQLite
BILLS = FullTextIndex(
    fts_table=FTS_TABLE,
    title_column="title",
    bm25_weights=(10.0, 1.0),
    fallback_columns=("search_text",),  # other databases: the number, title and headings
    source_table="legislation_bill",
    source_columns=("search_text", "search_body"),
)
_FTS_RANKED = BILLS.match_sql() + f" ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), rowid DESC"
_tsquery = tsquery  # the name tests/legislation/test_search.py reads the index with
CORRECTIONS = 3  # close words tried for each word of the query that nothing matched
# pg_trgm's `%`: similarity at least `pg_trgm.similarity_threshold` (0.3 by default), indexed.
_CLOSE_WORDS = (
    "SELECT word FROM legislation_bill_word WHERE word %% %s "
    "ORDER BY similarity(word, %s) DESC, word LIMIT %s"
)


def body_text(bill: Bill) -> str:
    """What a bill's drafts say: its consultations' titles, questions and articles."""
    parts: list[str] = []
    for consultation in bill.consultations.prefetch_related("articles").order_by("pk"):
        parts += [consultation.title, consultation.question]
        parts += [f"{article.label} {article.text}" for article in consultation.articles.all()]
    return search_text(*parts)


def refresh_body(bill: Bill) -> None:
    """Called by the actions that write a bill's drafts; the index follows the column (the
    generated column on PostgreSQL, the FTS5 triggers on SQLite)."""
    bill.search_body = body_text(bill)
    Bill.objects.filter(pk=bill.pk).update(search_body=bill.search_body)


def matching(query: str, rows: QuerySet[Bill] | None = None) -> QuerySet[Bill]:
    """The bills among `rows` (all by default) that match the query, in no particular order."""
    rows = Bill.objects.all() if rows is None else rows
    found = words(query)
    if not found:
        return rows if not query.strip() else rows.none()
    hits = BILLS.matching(rows, found)
    if BILLS.vendor(rows) != "postgresql" or hits.exists():
        return hits
    corrected = _corrected_query(found)
    if corrected is None:
        return rows.none()
    return rows.alias(document=StoredVector()).filter(document=corrected)


def search_bills(query: str, rows: QuerySet[Bill] | None = None) -> list[int]:
    """Ids of the bills among `rows` matching the query, best first: hits in the number, title
    and headings before hits only in the drafts, then by relevance, then the newest."""
    base = Bill.objects.all() if rows is None else Bill.objects.filter(pk__in=rows.values("pk"))
    found = words(query)
    if not found:
        return []
    vendor = BILLS.vendor(base)
    if vendor == "postgresql":
        return _ranked_postgresql(base, found)
    if vendor == "sqlite":
        return _ranked_sqlite(base, found, rows is not None)
    return list(BILLS.ranked(base, found, "-pk").values_list("pk", flat=True))


def _ranked_postgresql(base: QuerySet[Bill], found: list[str]) -> list[int]:
    ids = _ranked_hits(base, tsquery(found), tsquery(found, weight="A"))
    if ids:
        return ids
    corrected = _corrected_query(found)
    return _ranked_hits(base, corrected, corrected) if corrected is not None else []


def _ranked_hits(base: QuerySet[Bill], query: SearchQuery, in_title: SearchQuery) -> list[int]:
    hits = base.alias(document=StoredVector()).filter(document=query)
    return list(BILLS.ranked_postgresql(hits, query, in_title, "-pk").values_list("pk", flat=True))


def _corrected_query(found: list[str]) -> SearchQuery | None:
    """The trigram fallback: each word replaced by the few words of the bills' number, title and
    headings that look most like it (pg_trgm similarity over `legislation_bill_word`, the words
    migration 0006 collects from every bill's title part), looked for in the title part.

    Matching the misspelt word against a short list of distinct words, not against every title,
    keeps the fallback as fast as a search that matches."""
    alternatives: list[str] = []
    with connection.cursor() as cursor:
        for word in found:
            cursor.execute(_CLOSE_WORDS, [word, word, CORRECTIONS])
            close = [w for (w,) in cursor.fetchall() if NOT_WORD.search(w) is None]
            if not close:
                return None
            alternatives.append("(" + " | ".join(f"'{w}':A" for w in close) + ")")
    return SearchQuery(" & ".join(alternatives), search_type="raw", config="simple")


def _ranked_sqlite(base: QuerySet[Bill], found: list[str], narrowed: bool) -> list[int]:
    # bm25 weighs a hit in the title column ten times one in the drafts' text; hits of every
    # word in the title are put first outright, as on PostgreSQL. Over the whole list of
    # bills, one ranked read of the FTS5 table is faster than ranking row by row
    # (`FullTextIndex.ranked`), which the practices' smaller library uses.
    with connection.cursor() as cursor:
        cursor.execute(_FTS_RANKED, [fts5_query(found)])
        ranked = [row[0] for row in cursor.fetchall()]
        cursor.execute(BILLS.match_sql(), [fts5_query(found, column="title")])
        in_title = {row[0] for row in cursor.fetchall()}
    if narrowed:
        allowed = set(
            base.filter(pk__in=BILLS.fts5_ids(fts5_query(found))).values_list("pk", flat=True)
        )
        ranked = [pk for pk in ranked if pk in allowed]
    return sorted(ranked, key=lambda pk: pk not in in_title)
