"""Full-text search shared by the rooms that keep an index (bills, practices): what a query's
words are, how they become a PostgreSQL `tsquery` or an SQLite FTS5 `MATCH` expression, and
which database answers.

One rule for every caller: a query is cut into words (letters and digits only; quotes, `*`,
`-`, `NEAR`-style operators and other punctuation are separators, so no input can break the
search syntax), lower-cased and freed of apostrophes (' ’ ʼ ` ‘ are all dropped, so
"Кам’янець" and "камʼянець" are one word, as the indexed texts are written the same way:
`territories.search.normalise`, then the apostrophe dropped by the index itself). A row
matches when it holds every word, each as a word or the beginning of one ("бюджет" finds
"бюджетного"); a one-letter word is looked for whole.

Each room declares its index (`FullTextIndex`) and builds it in a migration of its own:
- PostgreSQL: a stored generated `tsvector` column `search_vector` ('simple' configuration:
  PostgreSQL ships no Ukrainian dictionary or stemmer, so words are kept whole and the prefix
  match stands in for word forms), the title part weighted A and the rest B, GIN-indexed.
- SQLite: an FTS5 table (tokenizer `unicode61 remove_diacritics 2`, rowid = the row's id)
  whose first column is the title part, kept in step by triggers. Django rebuilds an SQLite
  table to alter one of its columns, and the rebuild drops the table's triggers: after every
  `migrate`, `keep_sqlite_index` (connected to post_migrate by the room's app) creates the
  missing triggers again from the index's declaration and refills the FTS table.
- Another database: every word somewhere in the room's search columns (substring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Model, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

from hromada.territories.search import normalise

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_WORD_CHARS = 60
NOT_WORD = re.compile(r"[\W_]+")

M = TypeVar("M", bound=Model)


def words(query: str) -> list[str]:
    """The query's words: letters and digits only, lower case, without apostrophes."""
    text = normalise(query[:MAX_QUERY_CHARS]).replace("'", "")
    found = [w[:MAX_WORD_CHARS] for w in NOT_WORD.split(text) if w]
    return list(dict.fromkeys(found))[:MAX_WORDS]


def tsquery(found: list[str], weight: str = "") -> SearchQuery:
    """Every word as a prefix (`:*`), in the lexemes of `weight` only when one is given.

    `websearch_to_tsquery` cannot express prefixes, so the words (letters and digits only,
    from `words`, so quoting them cannot break the tsquery) are joined into a raw one."""
    marks = [("*" if len(w) > 1 else "") + weight for w in found]
    raw = " & ".join(f"'{w}':{m}" if m else f"'{w}'" for w, m in zip(found, marks, strict=True))
    return SearchQuery(raw, search_type="raw", config="simple")


def fts5_query(found: list[str], column: str = "") -> str:
    """Every word as a quoted prefix phrase, in `column` only when one is given."""
    phrases = " ".join(f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in found)
    return f"{column} : ({phrases})" if column else phrases


class StoredVector(Expression):
    """The table's `search_vector`, PostgreSQL only: a stored generated column (made by the
    room's migration) that the model does not carry, so Django never writes it and SQLite
    never has it. Stored rather than computed in the query, so ranking many hits does not
    tokenise their texts again; GIN-indexed."""

    output_field = SearchVectorField()

    def __init__(self, column: str = "search_vector") -> None:
        super().__init__()
        self.column = column

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."{self.column}"', []


class Fts5Rank(Expression):
    """SQLite: the bm25 score (lower is better) of the row in the room's FTS5 table, read by
    rowid for the row of the outer query whatever alias Django gives its table.

    The scores come from one read of the FTS5 table: `LIMIT -1` keeps SQLite from flattening
    that read into the outer query, which would run the MATCH again for every row (over 5,000
    hits, 2.5 s instead of 10 ms); unflattened, it is materialised once and looked up by id."""

    output_field = FloatField()

    def __init__(self, index: FullTextIndex, fts_query: str) -> None:
        super().__init__()
        self.index, self.fts_query = index, fts_query

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        fts = self.index.fts_table
        weights = ", ".join(str(w) for w in self.index.bm25_weights)
        # The table and weights are constants of the room's code; the query is a parameter.
        scores = (
            f"SELECT rowid AS fts_id, bm25({fts}, {weights}) AS fts_rank "  # noqa: S608
            f"FROM {fts} WHERE {fts} MATCH %s LIMIT -1"
        )
        lookup = f'(SELECT fts_rank FROM ({scores}) WHERE fts_id = {table}."id")'  # noqa: S608
        return lookup, [self.fts_query]


@dataclass(frozen=True)
class FullTextIndex:
    """One room's index, built by its migration (module docstring)."""

    fts_table: str  # SQLite FTS5 table, rowid = the row's id, first column the title part
    title_column: str  # that first column's name
    bm25_weights: tuple[float, ...]  # per FTS5 column: a title hit weighs more
    fallback_columns: tuple[str, ...]  # the model's normalised text columns, for other databases
    source_table: str  # the room's table the FTS5 table follows
    source_columns: tuple[str, str]  # its normalised title and body columns, in FTS5 order

    @staticmethod
    def vendor(rows: QuerySet[Any]) -> str:
        """The database answering `rows`: "postgresql", "sqlite" or another vendor."""
        return connections[rows.db].vendor

    def match_sql(self) -> str:
        fts = self.fts_table  # a constant of the room's code
        return f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608

    def fts5_ids(self, fts_query: str) -> RawSQL:
        return RawSQL(self.match_sql(), [fts_query])  # noqa: S611 (the query is a parameter)

    def matching(self, rows: QuerySet[M], found: list[str]) -> QuerySet[M]:
        """The rows holding every word, in no particular order (`found` is not empty)."""
        vendor = self.vendor(rows)
        if vendor == "postgresql":
            hits: QuerySet[M] = rows.alias(document=StoredVector())
            return hits.filter(document=tsquery(found))
        if vendor == "sqlite":
            return rows.filter(pk__in=self.fts5_ids(fts5_query(found)))
        for word in found:
            anywhere = Q()
            for column in self.fallback_columns:
                anywhere |= Q(**{f"{column}__contains": word})
            rows = rows.filter(anywhere)
        return rows

    def ranked(self, rows: QuerySet[M], found: list[str], *newest: str) -> QuerySet[M]:
        """The rows holding every word, best first: every word in the title part, then by
        relevance (PostgreSQL ts_rank, SQLite bm25), then by `newest` (order_by names)."""
        hits = self.matching(rows, found)
        vendor = self.vendor(rows)
        if vendor == "postgresql":
            return self.ranked_postgresql(hits, tsquery(found), tsquery(found, "A"), *newest)
        if vendor == "sqlite":
            in_title = Q(pk__in=self.fts5_ids(fts5_query(found, self.title_column)))
            scored: QuerySet[M] = hits.alias(
                in_title=ExpressionWrapper(in_title, output_field=BooleanField()),
                rank=Fts5Rank(self, fts5_query(found)),
            )
            return scored.order_by("-in_title", "rank", *newest)
        return hits.order_by(*newest)

    @staticmethod
    def ranked_postgresql(
        rows: QuerySet[M], query: SearchQuery, in_title: SearchQuery, *newest: str
    ) -> QuerySet[M]:
        """`rows` (already matching) ordered by hits of `in_title`, then rank, then newest."""
        scored: QuerySet[M] = rows.alias(
            # Every word among the weight-A lexemes: the title part.
            in_title=SearchVectorExact(StoredVector(), in_title),
            rank=SearchRank(StoredVector(), query),
        )
        return scored.order_by("-in_title", "-rank", *newest)


NO_APOSTROPHE = "replace({}, '''', '')"  # the apostrophes words() drops


def sqlite_triggers(index: FullTextIndex) -> dict[str, str]:
    """The triggers keeping `index`'s FTS5 table in step with its room's table, by name (the
    statements of the rooms' migrations). Table and column names are constants of the rooms'
    code, never input."""
    fts, table = index.fts_table, index.source_table
    title, body = index.source_columns
    row = NO_APOSTROPHE.format(f"new.{title}") + ", " + NO_APOSTROPHE.format(f"new.{body}")
    insert = f"INSERT INTO {fts}(rowid, title, body) VALUES (new.id, {row});"  # noqa: S608
    return {
        f"{fts}_insert": f"AFTER INSERT ON {table} BEGIN {insert} END",
        f"{fts}_update": f"AFTER UPDATE OF {title}, {body} ON {table} BEGIN "  # noqa: S608
        f"DELETE FROM {fts} WHERE rowid = old.id; {insert} END",
        f"{fts}_delete": (
            f"AFTER DELETE ON {table} BEGIN DELETE FROM {fts} WHERE rowid = old.id; END"  # noqa: S608
        ),
    }


def keep_sqlite_index(index: FullTextIndex, connection: BaseDatabaseWrapper) -> list[str]:
    """On SQLite, the triggers of `index` that a table rebuild dropped, created again; the FTS5
    table is then refilled, since rows changed while a trigger was missing are stale in it.
    Returns the names of the triggers created (none when all were there, on another
    database, or before the room's migration made the FTS5 table)."""
    if connection.vendor != "sqlite":
        return []
    fts, table = index.fts_table, index.source_table
    title, body = index.source_columns
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name = %s OR tbl_name = %s", [fts, table]
        )
        present = {(kind, name) for kind, name in cursor.fetchall()}
        if ("table", fts) not in present:
            return []
        wanted = sqlite_triggers(index)
        missing = [name for name in wanted if ("trigger", name) not in present]
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {wanted[name]}")
        if missing:
            # The table and columns are constants of the room's code.
            cursor.execute(f"DELETE FROM {fts}")  # noqa: S608
            cursor.execute(
                f"INSERT INTO {fts}(rowid, title, body) SELECT id, "  # noqa: S608
                f"{NO_APOSTROPHE.format(title)}, {NO_APOSTROPHE.format(body)} FROM {table}"
            )
    return missing
