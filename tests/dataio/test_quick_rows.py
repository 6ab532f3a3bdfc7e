"""The fast reader of plain rows must never decide differently from the full checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.dataio.catalogue import Catalogue
from hromada.dataio.convert import Options, Problem, _Reader, read_values
from hromada.dataio.reader import open_source
from hromada.indicators.actions import ValueInput
from tests.factories import make_hromada
from tests.indicators.factories import make_indicator

pytestmark = pytest.mark.django_db


def _read(path: Path, options: Options) -> list[ValueInput | Problem]:
    source = open_source(path)
    try:
        return list(read_values(source, options, Catalogue.load()))
    finally:
        source.close()


def test_plain_and_tricky_rows_read_the_same_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = make_hromada(), make_hromada()
    make_indicator("demography.population", min_value=0, max_value=5_000_000)
    make_indicator("demography.births", by_sex=True)
    a, b = first.code, second.code
    rows = [
        f"{a},demography.population,2023,12345,,",
        f"{a},demography.population,2022,12345.5,,a note",
        f"{a},demography.population,2021,,,",
        f"{a},demography.population,2020,,confidential,",
        f"{a},demography.population,2019,-,,",
        f"{a},demography.population,2018,к,,",
        f'{a},demography.population,2017,"1 234,5",,',
        f"{a},demography.population,2016,1e3,,",
        f"{a},demography.population,2015,-5,,",  # below the plausible minimum
        f"{a},demography.population,1990,7,,",  # year out of range
        f"{a},demography.population,2014.0,7,,",
        f"{a},DEMOGRAPHY.POPULATION,2013,7,,",
        f"{a.lower()},demography.population,2012,7,,",
        f"{a},demography.population,2023,999,,",  # the same key again
        f"{b},demography.unknown,2023,1,,",
        "UA00000000000000000,demography.population,2023,1,,",
        f"{b},demography.population,2023,abc,,",
        f"{b},demography.births,2023,10,,",
        f"{b},demography.population,2023,٣,,",  # an Arabic-Indic digit
        f"{b}",  # a short row
    ]
    path = tmp_path / "values.csv"
    path.write_text("territory,indicator,year,value,missing,note\n" + "\n".join(rows) + "\n")
    fast = _read(path, Options())
    monkeypatch.setattr(_Reader, "quick_long_row", lambda self: None)
    slow = _read(path, Options())
    assert fast == slow
    assert sum(isinstance(item, ValueInput) for item in fast) >= 8
    assert sum(isinstance(item, Problem) for item in fast) >= 7


def test_a_file_without_a_year_column_but_with_sexes_reads_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = make_hromada()
    make_indicator("demography.population")
    make_indicator("demography.births", by_sex=True)
    rows = [
        f"{place.code},demography.population,12,",
        f"{place.code},demography.births,5,f",
        f"{place.code},demography.births,6,m",
        f"{place.code},demography.births,11,",
        f"{place.code},demography.population,3,f",  # not split by sex
    ]
    path = tmp_path / "values.csv"
    path.write_text("territory,indicator,value,sex\n" + "\n".join(rows) + "\n")
    fast = _read(path, Options(year=2023))
    monkeypatch.setattr(_Reader, "quick_long_row", lambda self: None)
    assert fast == _read(path, Options(year=2023))
    assert [item.sex for item in fast if isinstance(item, ValueInput)] == ["", "f", "m", ""]
