from __future__ import annotations

from hromada.lib import catalogs


def test_every_interface_string_is_translated_in_both_catalogs() -> None:
    problems = catalogs.problems()
    assert not problems, "run `make messages` and translate:\n" + "\n".join(problems)
