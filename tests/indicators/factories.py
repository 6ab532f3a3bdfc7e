"""Small catalogue pieces for tests: an area, base and derived indicators, a tiny seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils import translation

from hromada.indicators.catalogue_actions import create_indicator
from hromada.indicators.catalogue_spec import IndicatorSpec
from hromada.indicators.models import Area, Indicator

BASE: dict[str, Any] = {
    "definition_uk": "Визначення українською.",
    "definition_en": "Definition in English.",
    "unit": "persons",
    "value_type": "integer",
    "decimals": 0,
    "polarity": "neutral",
    "aggregation": "sum",
    "min_value": 0.0,
    "max_value": None,
    "hard_min": None,
    "hard_max": None,
    "source": "Держстат",
    "by_sex": False,
    "formula": "",
}


def make_area(code: str = "demography", order: int = 1) -> Area:
    area, _ = Area.objects.get_or_create(
        code=code,
        defaults={"name_uk": f"Сфера {code}", "name_en": f"Area {code}", "order": order},
    )
    return area


def spec(code: str, area: str = "demography", **changes: Any) -> IndicatorSpec:
    values = {**BASE, "name_uk": f"Показник {code}", "name_en": f"Indicator {code}", **changes}
    return IndicatorSpec(code=code, area=area, **values)


def make_indicator(code: str, area: str = "demography", **changes: Any) -> Indicator:
    make_area(area)
    return create_indicator(spec(code, area, **changes), by=None, reason="test")


def make_derived(code: str, formula: str, area: str = "demography", **changes: Any) -> Indicator:
    values = {"aggregation": "none", "unit": "%", "value_type": "percent", "decimals": 1}
    return make_indicator(code, area, formula=formula, **{**values, **changes})


SEED_AREA = """[area]
code = "demography"
name_uk = "Демографія"
name_en = "Demography"
order = 1
"""

SEED_INDICATOR = """
[[indicator]]
code = "{code}"
name_uk = "{name_uk}"
name_en = "Indicator {code}"
definition_uk = "Визначення."
definition_en = "Definition."
unit = "persons"
value_type = "integer"
polarity = "neutral"
aggregation = "{aggregation}"
formula = "{formula}"
"""


def write_seed(folder: Path, indicators: list[dict[str, str]], name: str = "demo.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    parts = [SEED_AREA]
    for item in indicators:
        values = {"name_uk": f"Показник {item['code']}", "aggregation": "sum", "formula": ""}
        values.update(item)
        if values["formula"]:
            values["aggregation"] = "none"
        parts.append(SEED_INDICATOR.format(**values))
    (folder / name).write_text("".join(parts), encoding="utf-8")
    return folder


def activate_english() -> Iterator[None]:
    """Tests read English pages unless they say otherwise: URLs reversed now get /en/."""
    with translation.override("en"):
        yield
