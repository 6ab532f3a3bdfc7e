from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hromada.dataio.columns import ColumnRule, rules_to_json
from hromada.dataio.models import ColumnMapping
from hromada.indicators.models import ImportBatch, Observation
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue
from tests.dataio.factories import write

Setting = tuple[Personas, Catalogue]


def run(*args: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_values_prints_a_summary_and_progress(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,5\n"
    out, err = run("import_values", write(tmp_path, "v.csv", text), "--user", "analyst")
    assert "imported 1 values from v.csv as batch" in out and "1 new" in out
    assert "reading" in err and "100%" in err
    assert ImportBatch.objects.get().created_by == personas.analyst


def test_a_dry_run_writes_nothing(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,5\n"
    out, _err = run("import_values", write(tmp_path, "v.csv", text), "--dry-run")
    assert "would import 1 values" in out
    assert not Observation.all_objects.exists()


def test_problems_fail_the_command_with_their_count(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    rows = "".join(f"{personas.hromada.code},budget.revenue,{y},bad\n" for y in range(2000, 2025))
    path = write(tmp_path, "v.csv", "territory,indicator,year,value\n" + rows)
    err = StringIO()
    with pytest.raises(CommandError, match="25 problem"):
        call_command("import_values", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().count("row ") == 20
    assert not Observation.all_objects.exists()


def test_a_mapping_file_or_a_saved_mapping_maps_wide_columns(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    path = write(tmp_path, "w.csv", f"code,own,extra\n{personas.hromada.code},2,x\n")
    mapping = write(
        tmp_path, "m.csv", "column,indicator,factor\nown,budget.revenue,1000\nextra,skip,\n"
    )
    run("import_values", path, "--mapping", mapping, "--year", 2021)
    assert Observation.all_objects.get(year=2021).value == 2000
    rules = [ColumnRule("own", "budget.revenue", 10, 2020), ColumnRule("extra", "skip")]
    ColumnMapping.objects.create(name="budget", rules=rules_to_json(rules))
    run("import_values", path, "--mapping-name", "budget")
    assert Observation.all_objects.get(year=2020).value == 20


def test_a_json_mapping_file_is_accepted(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    path = write(tmp_path, "w.csv", f"code,own\n{personas.hromada.code},2\n")
    mapping = write(
        tmp_path, "m.json", json.dumps({"own": {"indicator": "budget.revenue", "year": 2019}})
    )
    run("import_values", path, "--mapping", mapping)
    assert Observation.all_objects.get().year == 2019


def test_rollback_import_undoes_a_batch(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,5\n"
    run("import_values", write(tmp_path, "v.csv", text))
    batch = ImportBatch.objects.get()
    out, _err = run("rollback_import", batch.pk)
    assert f"rolled back batch {batch.pk}" in out
    assert not Observation.all_objects.exists()
    with pytest.raises(CommandError):
        run("rollback_import", batch.pk)


@pytest.mark.parametrize("kind", ["csv", "json", "jsonstat", "xlsx"])
def test_export_values_writes_every_format(setting: Setting, tmp_path: Path, kind: str) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,5\n"
    run("import_values", write(tmp_path, "v.csv", text))
    target = tmp_path / f"out.{kind}"
    out, _err = run(
        "export_values",
        "--format",
        kind,
        "--indicator",
        "budget.revenue",
        "--year-from",
        2020,
        "--output",
        target,
    )
    assert "exported 1 values" in out
    assert target.stat().st_size > 0


def test_an_exported_csv_reimports_unchanged_from_the_command(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    text = (
        "territory,indicator,year,sex,value\n"
        f"{personas.hromada.code},budget.revenue,2023,,0.1\n"
        f"{personas.hromada.code},demography.population,2023,f,к\n"
        f"{personas.other_hromada.code},budget.share,2021,,33.333333333333336\n"
    )
    run("import_values", write(tmp_path, "v.csv", text))
    target = tmp_path / "out.csv"
    run("export_values", "--excel", "--output", target)
    out, _err = run("import_values", target, "--dry-run")
    assert "0 new, 0 changed, 3 unchanged" in out


def test_import_values_refuses_a_user_who_is_not_an_analyst(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,5\n"
    with pytest.raises(CommandError, match="not an analyst"):
        run("import_values", write(tmp_path, "v.csv", text), "--user", personas.official.username)


def test_a_dry_run_names_changed_values_by_their_codes(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    code = personas.hromada.code
    run(
        "import_values",
        write(tmp_path, "v.csv", f"territory,indicator,year,value\n{code},budget.revenue,2023,5\n"),
    )
    text = f"territory,indicator,year,value\n{code},budget.revenue,2023,7.5\n"
    out, _err = run("import_values", write(tmp_path, "w.csv", text), "--dry-run")
    assert f"changed: {code} budget.revenue 2023 total: 5,00 -> 7,50" in out
    assert f"territory {personas.hromada.pk} " not in out
    assert "public values: 0 would change" in out
