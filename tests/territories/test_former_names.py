"""A codifier edition that renames a hromada keeps its old name for matching files by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hromada.territories.models import FormerName, Territory
from tests.territories import factories as f
from tests.territories.test_codifier_import import run

pytestmark = pytest.mark.django_db


def test_a_renamed_hromada_keeps_its_former_name(tmp_path: Path) -> None:
    run(str(f.write_xlsx(tmp_path / "old.xlsx", f.SMALL)))
    old_name = Territory.objects.get(code=f.HROMADA).name_uk
    newer = [list(row) for row in f.SMALL]
    newer[2] = [*newer[2][:6], "Самарівська"]
    run(str(f.write_xlsx(tmp_path / "new.xlsx", newer)), "--as-of", "2024-07-01")
    former = FormerName.objects.get()
    assert (former.territory.code, former.name_uk) == (f.HROMADA, old_name)
    assert former.replaced_on == dt.date(2024, 7, 1)
    run(str(f.write_xlsx(tmp_path / "again.xlsx", newer)))
    assert FormerName.objects.count() == 1  # an unchanged name records nothing more
