"""A big import on SQLite checks its references itself; the database's checks come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError, connection

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators import bulk_sql
from hromada.indicators.models import ObservationHistory
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue
from tests.dataio.factories import write


def _foreign_keys_on() -> bool:
    return bulk_sql.database_checks_references()


@pytest.mark.django_db(transaction=True)
def test_an_import_outside_a_transaction_writes_everything_and_restores_the_checks(
    personas: Personas, catalogue: Catalogue, tmp_path: Path
) -> None:
    seen: list[bool] = []
    original = bulk_sql.verify_references

    def spy(keys: list[bulk_sql.Key]) -> None:
        seen.append(_foreign_keys_on())
        original(keys)

    code = personas.hromada.code
    lines = [f"{code},budget.revenue,{year},{year}" for year in range(2015, 2025)]
    path = write(tmp_path, "long.csv", "territory,indicator,year,value\n" + "\n".join(lines))
    bulk_sql.verify_references = spy  # type: ignore[assignment]
    try:
        report = import_file(path, by=personas.analyst, options=Options())
    finally:
        bulk_sql.verify_references = original  # type: ignore[assignment]
    assert report.ok and report.new == 10
    assert ObservationHistory.objects.filter(batch=report.batch).count() == 10
    if connection.vendor == "sqlite":
        assert seen == [False]  # the import checked its references itself
    assert _foreign_keys_on()


@pytest.mark.django_db
def test_a_value_naming_a_territory_or_indicator_that_is_gone_is_refused(
    personas: Personas, catalogue: Catalogue
) -> None:
    here, revenue = personas.hromada.pk, catalogue.revenue.pk
    bulk_sql.verify_references([(here, revenue, 2023, "")])
    with pytest.raises(IntegrityError, match="territory"):
        bulk_sql.verify_references([(here, revenue, 2023, ""), (999_999, revenue, 2023, "")])
    with pytest.raises(IntegrityError, match="indicator"):
        bulk_sql.verify_references([(here, 999_999, 2023, "")])
