"""JSON-stat 2.0 datasets (https://json-stat.org/full/), streamed.

Dimensions: territory, indicator, year, sex. The value array is dense in row-major order
(sex varies fastest); a cell with no observation, or a typed gap, is null. A gap's reason
goes into `status`, an object keyed by the cell's position.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.dataio.exporting import CHUNK
from hromada.indicators.models import Missing, Observation, Sex
from hromada.lib.decimals import plain_text

SEX_IDS = {Sex.TOTAL: "T", Sex.FEMALE: "F", Sex.MALE: "M"}
DIMENSIONS = ["territory", "indicator", "year", "sex"]


def _label(uk: str, en: str) -> str:
    return en if get_language() == "en" and en else uk


def _dimensions(observations: QuerySet[Observation]) -> dict[str, dict[str, Any]]:
    plain = observations.order_by()
    territories = (
        plain.values_list("territory__code", "territory__name_uk", "territory__name_en")
        .distinct()
        .order_by("territory__code")
    )
    indicators = (
        plain.values_list(
            "indicator__code",
            "indicator__name_uk",
            "indicator__name_en",
            "indicator__unit",
            "indicator__decimals",
        )
        .distinct()
        .order_by("indicator__code")
    )
    years = plain.values_list("year", flat=True).distinct().order_by("year")
    sexes = plain.values_list("sex", flat=True).distinct().order_by("sex")
    indicator_rows = list(indicators)
    return {
        "territory": {
            "label": _("Territory"),
            "category": {
                "index": [code for code, _uk, _en in territories],
                "label": {code: _label(uk, en) for code, uk, en in territories},
            },
        },
        "indicator": {
            "label": _("Indicator"),
            "category": {
                "index": [row[0] for row in indicator_rows],
                "label": {code: _label(uk, en) for code, uk, en, _u, _d in indicator_rows},
                "unit": {
                    code: {"label": unit, "decimals": decimals}
                    for code, _uk, _en, unit, decimals in indicator_rows
                },
            },
        },
        "year": {
            "label": _("Year"),
            "category": {"index": [str(year) for year in years]},
        },
        "sex": {
            "label": _("Sex"),
            "category": {
                "index": [SEX_IDS[Sex(s)] for s in sexes],
                "label": {SEX_IDS[Sex(s)]: str(Sex(s).label) for s in sexes},
            },
        },
    }


def _category_index(dimension: dict[str, dict[str, Any]], name: str) -> list[str]:
    return list(dimension[name]["category"]["index"])


def jsonstat_chunks(observations: QuerySet[Observation], *, label: str = "") -> Iterator[str]:
    dimension = _dimensions(observations)
    index = {
        name: {key: i for i, key in enumerate(_category_index(dimension, name))}
        for name in DIMENSIONS
    }
    size = [len(index[name]) for name in DIMENSIONS]
    head = {
        "version": "2.0",
        "class": "dataset",
        "label": label or _("Hromada observations"),
        "id": DIMENSIONS,
        "size": size,
        "role": {"geo": ["territory"], "time": ["year"], "metric": ["indicator"]},
        "dimension": dimension,
        "extension": {"status": {m.value: str(m.label) for m in Missing}},
    }
    text = json.dumps(head, ensure_ascii=False)
    yield text[:-1] + ', "value": ['
    yield from _values(observations, index, size)


def _values(
    observations: QuerySet[Observation], index: dict[str, dict[str, int]], size: list[int]
) -> Iterator[str]:
    total = size[0] * size[1] * size[2] * size[3]
    statuses: dict[str, str] = {}
    position = 0
    pieces: list[str] = []
    rows = observations.values_list(
        "territory__code",
        "indicator__code",
        "indicator__decimals",
        "year",
        "sex",
        "value",
        "missing",
    ).iterator(chunk_size=CHUNK)
    for territory, indicator, decimals, year, sex, value, missing in rows:
        cell = (
            (index["territory"][territory] * size[1] + index["indicator"][indicator]) * size[2]
            + index["year"][str(year)]
        ) * size[3] + index["sex"][SEX_IDS[Sex(sex)]]
        pieces.extend(["null"] * (cell - position))
        pieces.append("null" if value is None else plain_text(value, decimals))
        if missing:
            statuses[str(cell)] = missing
        position = cell + 1
        if len(pieces) >= CHUNK:
            yield (",".join(pieces) + ",") if position < total else ",".join(pieces)
            pieces = []
    pieces.extend(["null"] * (total - position))
    yield ",".join(pieces)
    yield '], "status": ' + json.dumps(statuses) + "}\n"
