"""Indicators for import and export tests, and a helper to write small files."""

from __future__ import annotations

import itertools
from pathlib import Path

from hromada.indicators.models import Area, Indicator

_codes = itertools.count(1)


def make_area(code: str = "budget") -> Area:
    area, _ = Area.objects.get_or_create(
        code=code, defaults={"name_uk": "Бюджет", "name_en": "Budget"}
    )
    return area


def make_indicator(code: str | None = None, **fields: object) -> Indicator:
    code = code or f"test.indicator{next(_codes)}"
    defaults: dict[str, object] = {
        "area": make_area(),
        "name_uk": f"Показник {code}",
        "name_en": f"Indicator {code}",
        "unit": "UAH",
        # Two places, like an amount in hryvnias: the values of these tests keep theirs.
        "decimals": 2,
    }
    return Indicator.objects.create(code=code, **{**defaults, **fields})


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
