"""Bring the Territory table in line with a planned codifier, in bulk.

New codes are inserted level by level (parents first, so their keys are known), existing
ones are compared field by field and only the changed ones are updated, and codes that
are no longer in the codifier get `valid_to`: nothing is deleted. The caller holds the
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from hromada.lib.progress import ProgressCallback
from hromada.territories.hierarchy import Target
from hromada.territories.models import FormerName, Territory

BATCH = 1000
PLAIN_FIELDS = (
    "level",
    "category",
    "name_uk",
    "name_en",
    "search_text",
    "hromada_type",
    "is_crimea",
)
LINK_FIELDS = ("parent_id", "oblast_id", "raion_id", "centre_id")
COMPARED = (*PLAIN_FIELDS, *LINK_FIELDS, "valid_to")


@dataclass(frozen=True)
class SyncCounts:
    created: int
    updated: int
    retired: int
    unchanged: int


def synchronise(
    targets: list[Target], *, as_of: dt.date, progress: ProgressCallback, stage: str
) -> SyncCounts:
    existing = {t.code: t for t in Territory.objects.only("id", "code", *COMPARED)}
    names_before = {code: territory.name_uk for code, territory in existing.items()}
    ids = {code: territory.pk for code, territory in existing.items()}
    total = len(targets) * 2
    fresh = _insert_new(targets, existing, ids, as_of, lambda done: progress(stage, done, total))
    updated, unchanged = _update_changed(
        targets, existing, fresh, ids, lambda done: progress(stage, len(targets) + done, total)
    )
    _keep_former_names(targets, existing, names_before, as_of)
    progress(stage, total, total)
    planned = {t.code for t in targets}
    retired = [t.pk for code, t in existing.items() if code not in planned and t.valid_to is None]
    for start in range(0, len(retired), BATCH):
        Territory.objects.filter(pk__in=retired[start : start + BATCH]).update(valid_to=as_of)
    return SyncCounts(len(fresh), updated, len(retired), unchanged)


def _keep_former_names(
    targets: list[Target], existing: dict[str, Territory], before: dict[str, str], as_of: dt.date
) -> None:
    """A renamed territory keeps its old name as a FormerName: files from elsewhere go on
    using it for years, and matching by name must still find the right code."""
    renamed = [
        FormerName(territory=existing[t.code], name_uk=before[t.code], replaced_on=as_of)
        for t in targets
        if t.code in existing and before[t.code] and before[t.code] != t.name_uk
    ]
    FormerName.objects.bulk_create(renamed, batch_size=BATCH, ignore_conflicts=True)


def _insert_new(
    targets: list[Target],
    existing: dict[str, Territory],
    ids: dict[str, int],
    as_of: dt.date,
    report: Callable[[int], None],
) -> dict[str, Territory]:
    """Insert the codes not yet in the table, level by level; `ids` learns their keys."""
    fresh: dict[str, Territory] = {}
    for _depth, group in groupby(targets, key=lambda t: t.depth):
        new = [_new(t, ids, as_of) for t in group if t.code not in existing]
        for start in range(0, len(new), BATCH):
            Territory.objects.bulk_create(new[start : start + BATCH])
        fresh.update({territory.code: territory for territory in new})
        ids.update({territory.code: territory.pk for territory in new})
        report(len(fresh))
    return fresh


def _update_changed(
    targets: list[Target],
    existing: dict[str, Territory],
    fresh: dict[str, Territory],
    ids: dict[str, int],
    report: Callable[[int], None],
) -> tuple[int, int]:
    """Write what differs from the targets; (updated, unchanged) among the existing codes.

    Rows are grouped by the fields that changed: an UPDATE of one column is far cheaper
    than Django's CASE expression over every compared column."""
    changed: dict[tuple[str, ...], list[Territory]] = defaultdict(list)
    updated = unchanged = 0
    for index, target in enumerate(targets, start=1):
        territory = existing.get(target.code) or fresh[target.code]
        fields = _apply(territory, target, ids)
        if fields:
            changed[fields].append(territory)
            updated += target.code in existing
        else:
            unchanged += target.code in existing
        if index % BATCH == 0:
            report(index)
    for fields, rows in changed.items():
        for start in range(0, len(rows), BATCH):
            Territory.objects.bulk_update(rows[start : start + BATCH], fields)
    return updated, unchanged


def _new(target: Target, ids: dict[str, int], as_of: dt.date) -> Territory:
    """A row with the links to units already written; the rest are set afterwards."""
    territory = Territory(code=target.code, valid_from=as_of)
    for field in PLAIN_FIELDS:
        setattr(territory, field, getattr(target, field))
    territory.parent_id = ids.get(target.parent_code or "")
    territory.oblast_id = ids.get(target.oblast_code)
    territory.raion_id = ids.get(target.raion_code or "")
    return territory


def _apply(territory: Territory, target: Target, ids: dict[str, int]) -> tuple[str, ...]:
    """Set the target's values on the territory; the names of the fields that changed."""
    wanted: dict[str, object] = {field: getattr(target, field) for field in PLAIN_FIELDS}
    wanted |= {
        "parent_id": ids.get(target.parent_code or ""),
        "oblast_id": ids[target.oblast_code],
        "raion_id": ids.get(target.raion_code or ""),
        "centre_id": ids.get(target.centre_code or ""),
        "valid_to": None,
    }
    changed = []
    for field, value in wanted.items():
        if getattr(territory, field, None) != value:
            setattr(territory, field, value)
            changed.append(field)
    return tuple(changed)
