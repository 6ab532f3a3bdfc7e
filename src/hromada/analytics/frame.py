"""The row axis of every analytics page: all current hromadas, as NumPy arrays.

Loaded with a constant number of queries (hromadas, oblasts, members, occupation) on each
request, so names and memberships are always current; the values are cached separately.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from hromada.lib.ukrainian_order import sort_key
from hromada.members.queries import member_hromadas
from hromada.territories.models import Category, Level, Territory, TerritoryStatus, WarStatus
from hromada.web.registry_memo import per_registry
from hromada.web.stamps import ContentStamp, content_stamp

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Frame:
    ids: IntArray
    codes: list[str]
    names_uk: list[str]
    names_en: list[str]
    oblast_ids: IntArray
    raion_ids: IntArray
    types: npt.NDArray[np.str_]
    members: BoolArray
    occupied: BoolArray
    oblast_names: dict[int, tuple[str, str]]
    position: dict[str, int] = field(default_factory=dict)
    # Each row's place in the Ukrainian alphabetical order of its name (uk, en).
    order_uk: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    order_en: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def signature(self) -> str:
        """Changes when the set of hromadas changes; part of the cache keys of value arrays."""
        return f"{len(self.ids)}-{zlib.crc32(self.ids.tobytes()):08x}"

    @property
    def fingerprint(self) -> str:
        """Changes when anything a rank or an aggregate depends on changes: the set of
        hromadas, their types, oblasts and raions, membership and occupation."""
        parts = (self.ids, self.oblast_ids, self.raion_ids, self.members, self.occupied)
        check = 0
        for part in parts:
            check = zlib.crc32(part.tobytes(), check)
        check = zlib.crc32("|".join(self.types.tolist()).encode(), check)
        return f"{len(self.ids)}-{check:08x}"

    def name(self, row: int) -> str:
        if get_language() == "en" and self.names_en[row]:
            return self.names_en[row]
        return self.names_uk[row]

    def names(self) -> tuple[list[str], IntArray]:
        """Every row's name in the active language, and its place in alphabetical order."""
        if get_language() == "en":
            return [en or uk for uk, en in zip(self.names_uk, self.names_en, strict=True)], (
                self.order_en
            )
        return self.names_uk, self.order_uk

    def oblast_name(self, oblast_id: int) -> str:
        uk, en = self.oblast_names.get(oblast_id, ("", ""))
        return en if get_language() == "en" and en else uk

    def row_of(self, code: str) -> int | None:
        return self.position.get(code)


def load_frame() -> Frame:
    rows = list(
        Territory.objects.valid()
        .hromadas()
        .order_by("pk")
        .values_list(
            "pk", "code", "name_uk", "name_en", "oblast_id", "raion_id", "hromada_type", "is_crimea"
        )
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    member_ids = np.array(list(member_hromadas().values_list("pk", flat=True)), dtype=np.int64)
    today = timezone.localdate()
    occupied_ids = np.array(
        list(
            TerritoryStatus.objects.filter(status=WarStatus.OCCUPIED, start_date__lte=today)
            .exclude(end_date__lt=today)
            .values_list("territory_id", flat=True)
        ),
        dtype=np.int64,
    )
    oblasts = {
        pk: (uk, en)
        for pk, uk, en in Territory.objects.filter(
            Q(level=Level.OBLAST) | Q(category=Category.SPECIAL_CITY)
        ).values_list("pk", "name_uk", "name_en")
    }
    codes = [row[1] for row in rows]
    return Frame(
        ids=ids,
        codes=codes,
        names_uk=[row[2] for row in rows],
        names_en=[row[3] for row in rows],
        oblast_ids=np.array([row[4] or -1 for row in rows], dtype=np.int64),
        raion_ids=np.array([row[5] or -1 for row in rows], dtype=np.int64),
        types=np.array([row[6] or "" for row in rows], dtype=np.str_),
        members=np.isin(ids, member_ids),
        # Crimea and Sevastopol are occupied whether or not a status was recorded.
        occupied=np.isin(ids, occupied_ids) | np.array([row[7] for row in rows], dtype=bool),
        oblast_names=oblasts,
        position={code: i for i, code in enumerate(codes)},
        order_uk=_order([row[2] for row in rows]),
        order_en=_order([row[3] or row[2] for row in rows]),
    )


def _order(names: list[str]) -> IntArray:
    places = np.zeros(len(names), dtype=np.int64)
    ranked = sorted(range(len(names)), key=lambda i: sort_key(names[i]))
    places[ranked] = np.arange(len(names))
    return places


def _read_only(frame: Frame) -> Frame:
    """The frame with its arrays made read-only: every request of the process shares it."""
    for value in vars(frame).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return frame


def cached_frame(stamp: ContentStamp | None = None) -> Frame:
    """The frame, kept by each process for the registry part of the content stamp (the audit
    log's newest entry and the date: hromada.web.registry_memo), so a small read such as one
    API ranking does not rebuild it from four queries each time, nor unpickle it from the
    cache (1.7 ms of an API ranking). A publication leaves it alone: the frame holds
    territories, memberships and statuses, which change only through audited actions or
    with the date; rebuilding it after every publication was 0.1-0.25 s of the first
    ranking page after a release."""
    return per_registry("frame", stamp or content_stamp(), lambda: _read_only(load_frame()))
