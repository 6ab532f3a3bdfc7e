from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "src" / "hromada" / "legislation" / "seed"
FIRST = ("bills_main-sample.csv", "bills_executives-sample.csv", "bills_initiators-sample.csv")


def files(*names: str) -> list[tuple[str, bytes]]:
    return [(name, (SEED / name).read_bytes()) for name in names]


@pytest.fixture
def rada_files() -> list[tuple[str, bytes]]:
    return files(*FIRST)
