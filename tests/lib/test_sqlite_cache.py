"""SQLite connections keep a small page cache; only a bulk write widens it, for its own time."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.lib.sqlite import DEFAULT_CACHE_MIB, IMPORT_CACHE_MIB, large_cache


def _cache_mib() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return -int(cursor.fetchone()[0]) // 1024


@pytest.mark.django_db
def test_a_web_connection_has_a_small_cache_and_an_import_a_large_one_while_it_writes() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    assert _cache_mib() == DEFAULT_CACHE_MIB
    with large_cache():
        assert _cache_mib() == IMPORT_CACHE_MIB
    assert _cache_mib() == DEFAULT_CACHE_MIB
