"""A long file imports whatever the order of its rows, at any size."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators.models import Indicator, Observation
from hromada.territories.models import Category, Level, Territory
from tests.dataio.factories import make_area, write

pytestmark = pytest.mark.django_db
YEARS = range(2004, 2024)


def scattered_file(folder: Path, seed: int) -> tuple[Path, int]:
    """2,000 values over 100 indicators x 20 years x 50 hromadas in random order: one chunk
    of the write holds more than a thousand (indicator, year) pairs."""
    area = make_area()
    Indicator.objects.bulk_create(
        Indicator(code=f"test.many{n:03d}", area=area, name_uk=f"П{n}", name_en=f"I{n}")
        for n in range(100)
    )
    Territory.objects.bulk_create(
        Territory(
            code=f"UA{n:017d}",
            level=Level.HROMADA,
            category=Category.HROMADA,
            name_uk=f"Громада {n}",
            name_en=f"Hromada {n}",
            valid_from=dt.date(2020, 7, 17),
        )
        for n in range(50)
    )
    keys = [(t, i, y) for t in range(50) for i in range(100) for y in YEARS]
    chosen = random.Random(seed).sample(keys, 2000)  # noqa: S311 - a fixed shuffle, not a secret
    lines = "".join(f"UA{t:017d},test.many{i:03d},{y},{t + i + y}\n" for t, i, y in chosen)
    return write(folder, "scattered.csv", "territory,indicator,year,value\n" + lines), 2000


def test_a_long_file_in_random_order_with_many_pairs_per_chunk_imports(tmp_path: Path) -> None:
    path, count = scattered_file(tmp_path, seed=11)
    report = import_file(path, by=None, options=Options())
    assert report.ok, report.problems[:3]
    assert report.new == count
    again = import_file(path, by=None, options=Options(), dry_run=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, count)
    assert Observation.all_objects.count() == count
