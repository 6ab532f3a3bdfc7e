"""The registry and mapping reader (open_table) keeps the same upload limits as the imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.lib.file_limits import repeated
from hromada.lib.tabular import TabularError, open_table


def test_a_registry_file_past_the_row_limit_is_refused_naming_the_row(
    tmp_path: Path, settings: object
) -> None:
    settings.HROMADA_UPLOAD_MAX_ROWS = 3  # type: ignore[attr-defined]
    path = tmp_path / "members.csv"
    path.write_text("код;назва\n" + "".join(f"UA{n};Громада {n}\n" for n in range(10)))
    with pytest.raises(TabularError) as caught:
        open_table(path)
    assert (caught.value.code, caught.value.row, caught.value.limit) == ("too_many_rows", 5, 3)


def test_a_registry_file_over_the_size_limit_is_not_read(tmp_path: Path, settings: object) -> None:
    settings.HROMADA_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    path = tmp_path / "members.csv"
    path.write_bytes(b"a;b\n" + b"1;2\n" * 300_000)
    with pytest.raises(TabularError) as caught:
        open_table(path)
    assert caught.value.code == "too_big"


def test_repeated_column_names_are_found_among_many() -> None:
    names = [f"c{n}" for n in range(200_000)] + ["c7", "", "", "c199999"]
    assert repeated(names) == ["c199999", "c7"]
