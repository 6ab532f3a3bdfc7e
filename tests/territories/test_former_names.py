"""A codifier edition that renames a hromada keeps its old name for matching files by name."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from hromada.audit.models import AuditEntry
from hromada.territories.models import Category, FormerName, Level, Territory
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


def test_former_names_are_read_from_an_older_codifier_edition(shared_data: Path) -> None:
    start = dt.date(2020, 7, 17)
    with (shared_data / "hromadas.csv").open(encoding="utf-8") as handle:
        Territory.objects.bulk_create(
            Territory(
                code=row["hromada_code"],
                level=Level.HROMADA,
                category=Category.HROMADA,
                name_uk=row["name_uk"],
                name_en=row["name_en"],
                valid_from=start,
            )
            for row in csv.DictReader(handle)
        )
    out = StringIO()
    older = shared_data / "katottg_koatuu_map.csv"
    with translation.override("en"):
        call_command("import_former_names", str(older), stdout=out)
    assert "49 former names recorded, 0 already known" in out.getvalue()
    renamed = FormerName.objects.get(territory__code="UA12100070000011492")
    assert (renamed.name_uk, renamed.territory.name_uk) == ("Новомосковська", "Самарівська")
    with translation.override("en"):
        call_command("import_former_names", str(older), stdout=out)
    assert "0 former names recorded, 49 already known" in out.getvalue()
    assert AuditEntry.objects.filter(action="territories.former_names.import").count() == 2


def test_a_file_without_codes_or_names_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("id,title\n1,Самарівська\n", encoding="utf-8")
    with pytest.raises(CommandError), translation.override("en"):
        call_command("import_former_names", str(path), stdout=StringIO(), stderr=StringIO())
    assert not FormerName.objects.exists()
