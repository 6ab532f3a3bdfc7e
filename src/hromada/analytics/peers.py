"""Peer groups as boolean masks over the frame: built-in kinds and analysts' groups.

Built-in kinds are relative to one hromada (same type, same population band, both, same
oblast) or absolute (all hromadas, association members). Population bands use each
hromada's latest reported population.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy as _

from hromada.analytics.data import Data
from hromada.analytics.models import PeerGroup
from hromada.analytics.stats import latest_values
from hromada.indicators.formula.panel import BoolArray
from hromada.indicators.population_bands import BANDS, POPULATION_CODE, band_indexes

BUILT_IN = {
    "all": _("All hromadas"),
    "type": _("Same type of hromada"),
    "band": _("Same population band"),
    "type_band": _("Same type and population band"),
    "oblast": _("Same oblast"),
    "members": _("Association members"),
}
RELATIVE = frozenset({"type", "band", "type_band", "oblast"})
DEFAULT_PEERS = "type_band"


@dataclass(frozen=True)
class PeerChoice:
    key: str
    label: str


def population_bands(data: Data) -> np.ndarray:
    """Band index of every hromada (-1 where the population is unknown)."""
    series = data.series.get(POPULATION_CODE)
    if series is None:
        return np.full(len(data.frame), -1, dtype=np.int64)
    return band_indexes(latest_values(series.values))


def saved_groups() -> list[PeerGroup]:
    """Every analyst-defined group with its oblasts and hromadas (three queries)."""
    return list(PeerGroup.objects.prefetch_related("oblasts", "hromadas"))


def choices(groups: list[PeerGroup], *, relative: bool) -> list[PeerChoice]:
    built = [
        PeerChoice(key, str(label))
        for key, label in BUILT_IN.items()
        if relative or key not in RELATIVE
    ]
    return built + [PeerChoice(group.key, group.name) for group in groups]


def group_mask(group: PeerGroup, data: Data, bands: np.ndarray) -> BoolArray:
    frame = data.frame
    if group.kind == PeerGroup.Kind.LIST:
        return np.isin(frame.ids, [t.pk for t in group.hromadas.all()])
    mask = np.ones(len(frame), dtype=bool)
    if group.hromada_types:
        mask &= np.isin(frame.types, list(group.hromada_types))
    if group.bands:
        wanted = [i for i, band in enumerate(BANDS) if band.code in group.bands]
        mask &= np.isin(bands, wanted)
    oblast_ids = [t.pk for t in group.oblasts.all()]
    if oblast_ids:
        mask &= np.isin(frame.oblast_ids, oblast_ids)
    if group.members_only:
        mask &= frame.members
    return mask


def peer_mask(
    key: str, data: Data, row: int | None, groups: list[PeerGroup], bands: np.ndarray
) -> BoolArray | None:
    """The hromadas of peer group `key` (relative kinds around `row`); None if unknown."""
    frame = data.frame
    everyone = np.ones(len(frame), dtype=bool)
    if key == "all":
        return everyone
    if key == "members":
        return frame.members.copy()
    if key.startswith("g"):
        for group in groups:
            if group.key == key:
                return group_mask(group, data, bands)
        return None
    if key not in RELATIVE or row is None:
        return None
    same_type = frame.types == frame.types[row]
    same_band = (bands == bands[row]) & (bands[row] >= 0)
    masks: dict[str, BoolArray] = {
        "type": same_type,
        "band": same_band,
        "type_band": same_type & same_band,
        "oblast": frame.oblast_ids == frame.oblast_ids[row],
    }
    return masks[key]


def peer_label(key: str, groups: list[PeerGroup]) -> str:
    if key in BUILT_IN:
        return str(BUILT_IN[key])
    return next((group.name for group in groups if group.key == key), "")
