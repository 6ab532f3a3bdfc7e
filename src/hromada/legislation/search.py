"""Full-text search over bills: their number, title and headings, and the text of their drafts.

One rule for every caller (the bill list, the site search, the API): a query is cut into
words (letters and digits only; quotes, `*`, `-`, `NEAR`-style operators and other
punctuation are separators, so no input can break the search syntax), lower-cased and freed
of apostrophes (' ’ ʼ ` ‘ are all dropped, so "Кам’янець" and "камʼянець" are one word, as the
indexed texts are written the same way). A bill matches when it holds every word, each as a
word or the beginning of one ("бюджет" finds "бюджетного"). Hits in the number, title and
headings (`Bill.search_text`) come before hits only in the drafts' articles
(`Bill.search_body`); within each, the better match first.

- PostgreSQL: `to_tsvector('simple', ...)` over both texts (weighted A and B), stored in a
  generated column with a GIN index (migration 0006), and a prefix `tsquery`. The 'simple'
  configuration, because PostgreSQL ships no Ukrainian dictionary or stemmer: Ukrainian
  stemmed as English would be mangled, so words are kept whole and prefix matching stands in
  for word forms.
  `websearch_to_tsquery` cannot express prefixes, so the (already sanitised) words are joined
  into a raw `tsquery`. When nothing matches, a trigram fallback finds misspelt words: each is
  replaced by the closest words (`pg_trgm` similarity, GIN-indexed) of the bills' number, title
  and headings, and those are looked for in the title part.
- SQLite: an FTS5 table (`legislation_bill_fts`, tokenizer `unicode61 remove_diacritics 2`)
  kept in step with the bills by triggers (migration 0006), queried with prefix phrases and
  ranked by bm25. SQLite has no trigram search, so there is no typo fallback there.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import Expression, RawSQL

from hromada.legislation.models import Bill, search_text
from hromada.territories.search import normalise

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_WORD_CHARS = 60
FTS_TABLE = "legislation_bill_fts"  # created by migration 0006 on SQLite
_FTS_MATCH = "SELECT rowid FROM legislation_bill_fts WHERE legislation_bill_fts MATCH %s"
_FTS_RANKED = _FTS_MATCH + " ORDER BY bm25(legislation_bill_fts, 10.0, 1.0), rowid DESC"
_NOT_WORD = re.compile(r"[\W_]+")
CORRECTIONS = 3  # close words tried for each word of the query that nothing matched
# pg_trgm's `%`: similarity at least `pg_trgm.similarity_threshold` (0.3 by default), indexed.
_CLOSE_WORDS = (
    "SELECT word FROM legislation_bill_word WHERE word %% %s "
    "ORDER BY similarity(word, %s) DESC, word LIMIT %s"
)


def words(query: str) -> list[str]:
    """The query's words: letters and digits only, lower case, without apostrophes."""
    text = normalise(query[:MAX_QUERY_CHARS]).replace("'", "")
    found = [w[:MAX_WORD_CHARS] for w in _NOT_WORD.split(text) if w]
    return list(dict.fromkeys(found))[:MAX_WORDS]


class StoredVector(Expression):
    """`legislation_bill.search_vector`, PostgreSQL only: a stored generated column (migration
    0006) that Django's model does not carry, so Django never writes it and SQLite never has it.
    Stored rather than computed in the query, so ranking a thousand hits does not tokenise their
    drafts again; GIN-indexed."""

    output_field = SearchVectorField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."search_vector"', []


def _tsquery(found: list[str], weight: str = "") -> SearchQuery:
    # The words hold only letters and digits, so quoting them cannot break the tsquery;
    # `:*` asks for the word's beginning, a weight letter for hits in that part only.
    # A one-letter word is looked for whole (as a beginning it would match nearly everything).
    marks = [("*" if len(w) > 1 else "") + weight for w in found]
    raw = " & ".join(f"'{w}':{m}" if m else f"'{w}'" for w, m in zip(found, marks, strict=True))
    return SearchQuery(raw, search_type="raw", config="simple")


def _fts5_query(found: list[str], column: str = "") -> str:
    phrases = " ".join(f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in found)
    return f"{column} : ({phrases})" if column else phrases


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
    if connection.vendor == "postgresql":
        hits = rows.alias(document=StoredVector()).filter(document=_tsquery(found))
        if hits.exists():
            return hits
        corrected = _corrected_query(found)
        if corrected is None:
            return rows.none()
        return rows.alias(document=StoredVector()).filter(document=corrected)
    if connection.vendor == "sqlite":
        return rows.filter(pk__in=_fts5_ids_sql(_fts5_query(found)))
    # Another database: every word somewhere in the number, title or headings.
    for word in found:
        rows = rows.filter(search_text__contains=word)
    return rows


def search_bills(query: str, rows: QuerySet[Bill] | None = None) -> list[int]:
    """Ids of the bills among `rows` matching the query, best first: hits in the number, title
    and headings before hits only in the drafts, then by relevance, then the newest."""
    base = Bill.objects.all() if rows is None else Bill.objects.filter(pk__in=rows.values("pk"))
    found = words(query)
    if not found:
        return []
    if connection.vendor == "postgresql":
        return _ranked_postgresql(base, found)
    if connection.vendor == "sqlite":
        return _ranked_sqlite(base, found, rows is not None)
    return list(matching(query, base).order_by("-pk").values_list("pk", flat=True))


def _ranked_postgresql(base: QuerySet[Bill], found: list[str]) -> list[int]:
    query = _tsquery(found)
    ids = _ranked_hits(base, query, _tsquery(found, weight="A"))
    if ids:
        return ids
    corrected = _corrected_query(found)
    return _ranked_hits(base, corrected, corrected) if corrected is not None else []


def _ranked_hits(base: QuerySet[Bill], query: SearchQuery, in_title: SearchQuery) -> list[int]:
    hits = (
        base.alias(document=StoredVector())
        .filter(document=query)
        .alias(
            # Every word among the weight-A lexemes: the number, title and headings.
            in_title=SearchVectorExact(StoredVector(), in_title),
            rank=SearchRank(StoredVector(), query),
        )
        .order_by("-in_title", "-rank", "-pk")
    )
    return list(hits.values_list("pk", flat=True))


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
            close = [w for (w,) in cursor.fetchall() if _NOT_WORD.search(w) is None]
            if not close:
                return None
            alternatives.append("(" + " | ".join(f"'{w}':A" for w in close) + ")")
    return SearchQuery(" & ".join(alternatives), search_type="raw", config="simple")


def _fts5_ids_sql(fts_query: str) -> RawSQL:
    return RawSQL(_FTS_MATCH, [fts_query])  # noqa: S611 (a constant; the query is a parameter)


def _ranked_sqlite(base: QuerySet[Bill], found: list[str], narrowed: bool) -> list[int]:
    # bm25 weighs a hit in the title column ten times one in the drafts' text; hits of every
    # word in the title are put first outright, as on PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute(_FTS_RANKED, [_fts5_query(found)])
        ranked = [row[0] for row in cursor.fetchall()]
        cursor.execute(_FTS_MATCH, [_fts5_query(found, column="title")])
        in_title = {row[0] for row in cursor.fetchall()}
    if narrowed:
        allowed = set(
            base.filter(pk__in=_fts5_ids_sql(_fts5_query(found))).values_list("pk", flat=True)
        )
        ranked = [pk for pk in ranked if pk in allowed]
    return sorted(ranked, key=lambda pk: pk not in in_title)
