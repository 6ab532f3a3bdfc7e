"""Imports of value files: check everything, then write all of it or nothing.

`import_file` reads a file once, lazily. Values flow to `record_observations` in chunks
inside one transaction while problems are collected; at the end any problem rolls the whole
transaction back, so a file is applied completely or not at all. A dry run asks
`plan_observations` instead and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.dataio import applying
from hromada.dataio.catalogue import Catalogue
from hromada.dataio.columns import ColumnRule, rules_to_json
from hromada.dataio.convert import Notices, Options, Problem, read_values
from hromada.dataio.messages import file_problem
from hromada.dataio.models import ColumnMapping, StagedUpload
from hromada.dataio.reader import Progress, open_source
from hromada.indicators import bulk_sql
from hromada.indicators.actions import (
    ChangedValue,
    RecordSummary,
    ValueInput,
    plan_observations,
    record_observations,
)
from hromada.indicators.models import ImportBatch, ObservationHistory, Status
from hromada.indicators.rollback import rollback_batch
from hromada.lib import locking
from hromada.lib.sqlite import deferred_checkpoints, large_cache
from hromada.lib.tabular import TabularError

SHOWN_PROBLEMS = 1000
CHANGED_SAMPLE = 500
STALE_AFTER = dt.timedelta(days=1)
# The status choice that leaves every stored value's status as it is (new values: drafts).
KEEP_STATUS = "keep"


def chosen_status(choice: object) -> str | None:
    """The status to write from a form, command or staged choice; None keeps each one's."""
    text = str(choice or "")
    return text if text in Status.values else None


@dataclass
class ImportReport:
    """What an import did, or would do: counts, examples of changes, and the problems."""

    file_name: str
    sha256: str
    file_format: str = ""
    dry_run: bool = True
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_examples: list[ChangedValue] = field(default_factory=list)
    public_changed: int = 0
    public_withdrawn: int = 0
    public_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    # Possible but outside the plausible range: imported, and listed for the analyst.
    unusual: Notices = field(default_factory=Notices)
    batch: ImportBatch | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged


class _Collector:
    """Splits the stream: values pass on until the first problem; problems are kept."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def add(self, problem: Problem) -> None:
        self.report.problem_count += 1
        if len(self.report.problems) < SHOWN_PROBLEMS:
            self.report.problems.append(problem)

    def values(self, stream: Iterable[ValueInput | Problem]) -> Iterator[ValueInput]:
        for item in stream:
            if isinstance(item, Problem):
                self.add(item)
            elif not self.report.problem_count:
                yield item


class _Abort(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def require_analyst(by: User | None) -> None:
    if by is not None and not permissions.is_analyst(by):
        raise PermissionDenied


def problems_of(path: Path, options: Options) -> Iterator[Problem]:
    """Every problem of a file, for the downloadable report; writes nothing."""
    try:
        source = open_source(path)
    except TabularError as error:
        yield file_problem(error)
        return
    try:
        for item in read_values(source, options, Catalogue.load()):
            if isinstance(item, Problem):
                yield item
    except TabularError as error:
        yield file_problem(error)
    finally:
        source.close()


def import_file(
    path: Path,
    *,
    by: User | None,
    options: Options,
    file_name: str = "",
    status: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check a file and, unless `dry_run` or a problem is found, record all its values.

    `status` None keeps the status of every value already stored (a published value stays
    published) and makes new values drafts; a status sets it for every value of the file.
    A large file's preview runs this as a job (dataio.previews), never inside a request.
    """
    require_analyst(by)
    report = ImportReport(file_name or path.name, sha256_of(path), dry_run=dry_run)
    collector = _Collector(report)
    try:
        source = open_source(path, progress=progress)
    except TabularError as error:
        collector.add(file_problem(error))
        return report
    report.file_format = source.file_format
    try:
        values = collector.values(read_values(source, options, Catalogue.load(), report.unusual))
        if dry_run:
            plan = plan_observations(values, status=status, sample=CHANGED_SAMPLE)
            report.new, report.changed, report.unchanged = plan.new, plan.changed, plan.unchanged
            report.changed_examples = plan.changed_examples
            report.public_changed, report.public_withdrawn = (
                plan.public_changed,
                plan.public_withdrawn,
            )
            report.public_added = plan.public_added
        else:
            with large_cache():
                _apply(values, report, by=by, options=options, status=status)
    except TabularError as error:
        collector.add(file_problem(error))
    except _Abort:
        report.batch = None
    finally:
        source.close()
    return report


def _batch_fields(
    report: ImportReport, *, by: User | None, options: Options, status: str | None
) -> dict[str, object]:
    return {
        "file_name": report.file_name[:300],
        "sha256": report.sha256,
        "file_format": report.file_format,
        "created_by": by,
        "mapping": {
            "year": options.year,
            "status": status or KEEP_STATUS,
            "columns": rules_to_json(options.rules),
        },
    }


def _apply(
    values: Iterator[ValueInput],
    report: ImportReport,
    *,
    by: User | None,
    options: Options,
    status: str | None,
) -> None:
    if applying.in_chunks():
        _apply_in_chunks(values, report, by=by, options=options, status=status)
        return
    with bulk_sql.references_checked_here(), transaction.atomic():
        # Waits for an earlier import still finishing (even one whose process was killed
        # while the server committed it), so a rerun reads its result, never overlaps it.
        locking.hold_imports()
        batch = ImportBatch.objects.create(**_batch_fields(report, by=by, options=options,
                                                            status=status))  # fmt: skip
        summary = record_observations(
            values,
            by=by,
            reason=ObservationHistory.Reason.IMPORT,
            status=status,
            batch=batch,
            comment=report.file_name,
        )
        if report.problem_count:
            raise _Abort
        batch.new_count, batch.changed_count = summary.new, summary.changed
        batch.unchanged_count = summary.unchanged
        batch.save(update_fields=["new_count", "changed_count", "unchanged_count"])
        _applied(batch, summary, report, by=by, status=status)


def _apply_in_chunks(
    values: Iterator[ValueInput],
    report: ImportReport,
    *,
    by: User | None,
    options: Options,
    status: str | None,
) -> None:
    """SQLite: short transactions, all or nothing through the batch (dataio.applying)."""
    fields = _batch_fields(report, by=by, options=options, status=status)
    with deferred_checkpoints():  # one checkpoint, at the last transaction's commit
        batch, summary = applying.write_chunks(
            values,
            start=lambda: applying.start_batch(**fields),
            stopped=lambda: bool(report.problem_count),
            by=by,
            status=status,
            comment=report.file_name,
        )
    if report.problem_count:
        if batch is not None:
            applying.give_up(batch, by=by)
        raise _Abort
    batch = batch or applying.start_batch(**fields)  # a file without values
    with transaction.atomic():
        applying.finish_batch(batch, summary, by=by)
        _applied(batch, summary, report, by=by, status=status)


def _applied(
    batch: ImportBatch,
    summary: RecordSummary,
    report: ImportReport,
    *,
    by: User | None,
    status: str | None,
) -> None:
    report.new, report.changed, report.unchanged = summary.new, summary.changed, summary.unchanged
    record_audit(
        action="dataio.import.apply",
        obj=batch,
        by=by,
        changes={
            "new": (0, summary.new),
            "changed": (0, summary.changed),
            "status": (None, status or KEEP_STATUS),
        },
        reason=report.file_name,
    )
    report.batch = batch


@transaction.atomic
def rollback_import(batch: ImportBatch, *, by: User | None) -> int:
    """Undo a whole import; raises RollbackRefused when later changes touched its values."""
    require_analyst(by)
    undone = rollback_batch(batch, by=by)
    record_audit(
        action="dataio.import.rollback",
        obj=batch,
        by=by,
        changes={"state": (ImportBatch.State.APPLIED, batch.state), "restored": (0, undone)},
        reason=batch.file_name,
    )
    return undone


def save_mapping(name: str, rules: list[ColumnRule], *, by: User | None) -> ColumnMapping:
    require_analyst(by)
    old = ColumnMapping.objects.filter(name=name.strip()).values_list("rules", flat=True).first()
    mapping, _ = ColumnMapping.objects.update_or_create(
        name=name.strip(), defaults={"rules": rules_to_json(rules), "created_by": by}
    )
    record_audit(
        action="dataio.mapping.save", obj=mapping, by=by, changes={"rules": (old, mapping.rules)}
    )
    return mapping


# --- staged uploads of the web flow -------------------------------------------------
def uploads_dir() -> Path:
    """The folder of staged uploads, open to the server's own user only."""
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def stage_upload(upload: UploadedFile, *, by: User, options: dict[str, object]) -> StagedUpload:
    """Keep an uploaded file until the analyst confirms or discards its import."""
    require_analyst(by)
    _clear_stale()
    staged = StagedUpload(file_name=str(upload.name or "upload")[:300], created_by=by)
    suffix = Path(staged.file_name).suffix.lower()[:6] or ".csv"
    target = uploads_dir() / f"{staged.token}{suffix}"
    digest = hashlib.sha256()
    # Created 0600 from the start: statistics before publication are not for other users
    # of the machine, not even for a moment.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for block in upload.chunks():
            digest.update(block)
            handle.write(block)
    staged.stored_path, staged.sha256, staged.options = str(target), digest.hexdigest(), options
    staged.save()
    record_audit(
        action="dataio.upload.stage",
        obj=staged,
        by=by,
        object_repr=staged.file_name,
        changes={"sha256": ("", staged.sha256)},
    )
    return staged


def discard_upload(staged: StagedUpload) -> None:
    Path(staged.stored_path).unlink(missing_ok=True)
    staged.delete()


def _clear_stale() -> None:
    for staged in StagedUpload.objects.filter(created_at__lt=timezone.now() - STALE_AFTER):
        discard_upload(staged)
