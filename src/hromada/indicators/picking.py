"""The catalogue grouped by area for pickers, instead of one raw list of 300 names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hromada.indicators.models import Indicator
from hromada.indicators.units import unit_label


@dataclass(frozen=True)
class IndicatorChoice:
    code: str
    name: str
    unit: str
    chosen: bool


@dataclass
class AreaChoices:
    name: str
    items: list[IndicatorChoice] = field(default_factory=list)

    @property
    def has_chosen(self) -> bool:
        return any(item.chosen for item in self.items)


def by_area(chosen: Iterable[str], *, base_only: bool = False) -> list[AreaChoices]:
    """Active indicators in catalogue order (area, then the area's own order), one group per
    area; `base_only` leaves out derived indicators (those computed by a formula)."""
    wanted = set(chosen)
    rows = Indicator.objects.filter(is_active=True).select_related("area")
    if base_only:
        rows = rows.filter(formula="")
    groups: dict[int, AreaChoices] = {}
    for indicator in rows:
        group = groups.setdefault(indicator.area_id, AreaChoices(indicator.area.name))
        group.items.append(
            IndicatorChoice(
                indicator.code, indicator.name, unit_label(indicator.unit), indicator.code in wanted
            )
        )
    return list(groups.values())
