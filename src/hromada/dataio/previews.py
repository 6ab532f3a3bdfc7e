"""The preview of a large file is checked whole by `hromada worker`, never in a request.

A small file is previewed within the request, as before. A large one (over SYNC_LIMIT_BYTES)
is handed to the one task queue the first time its preview page opens with given options;
the page shows the job's progress until the worker has stored the report in the staged
upload, keyed by the options it was made with (a new column mapping makes a new preview).
The report is kept as JSON: counts, the listed problems and unusual values, the examples
of changed values. Messages are written in the language of the analyst who asked.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from hromada.accounts.models import User
from hromada.dataio import actions
from hromada.dataio.actions import ImportReport
from hromada.dataio.convert import Notices, Problem
from hromada.dataio.jobs import options_of
from hromada.dataio.models import StagedUpload
from hromada.indicators.actions import ChangedValue, ValueInput
from hromada.jobs.actions import start_job
from hromada.jobs.models import Job
from hromada.jobs.progress import report_progress

QUEUED, DONE, FAILED = "queued", "done", "failed"


def options_key(staged: StagedUpload) -> str:
    """What the preview depends on besides the file: its options (year, status, mapping)."""
    text = json.dumps(staged.options, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stored(staged: StagedUpload) -> tuple[str, ImportReport | None]:
    """The state of this file's preview for its current options, and the report once done."""
    preview = staged.preview or {}
    if preview.get("key") != options_key(staged):
        return "", None
    state = str(preview.get("state", ""))
    return state, report_from_json(preview["report"]) if state == DONE else None


def ask(staged: StagedUpload, *, by: User) -> None:
    """Queue the check of the whole file once per set of options (a reload does not
    queue it again)."""
    key = options_key(staged)
    with transaction.atomic():
        row = StagedUpload.objects.select_for_update().get(pk=staged.pk)
        if (row.preview or {}).get("key") == key:
            return
        row.preview = {"key": key, "state": QUEUED}
        row.save(update_fields=["preview"])
    label = _("Preview of %(file)s") % {"file": staged.file_name}
    language = translation.get_language() or "uk"
    job = start_job(check_whole_file, staged.pk, key, language, by=by, label=label)
    # The immediate backend (tests) has finished the check by now: keep its report.
    StagedUpload.objects.filter(pk=staged.pk, preview__state=QUEUED).update(
        preview={"key": key, "state": QUEUED, "job": job.pk}
    )


def forget(staged: StagedUpload) -> None:
    """Drop a failed preview so the page queues a new check."""
    StagedUpload.objects.filter(pk=staged.pk).update(preview={})


def job_of(staged: StagedUpload) -> Job | None:
    job_id = (staged.preview or {}).get("job")
    return Job.objects.filter(pk=job_id).first() if job_id else None


@task()
def check_whole_file(staged_id: int, key: str, language: str) -> str:
    staged = StagedUpload.objects.select_related("created_by").filter(pk=staged_id).first()
    if staged is None or options_key(staged) != key:
        return "skipped"  # discarded, or its options changed while it waited

    def progress(stage: str, done: int, total: int) -> None:
        report_progress(done, total, stage=stage)

    try:
        with translation.override(language):
            report = actions.import_file(
                Path(staged.stored_path),
                by=staged.created_by,
                options=options_of(staged),
                file_name=staged.file_name,
                status=actions.chosen_status(staged.options.get("status")),
                dry_run=True,
                progress=progress,
            )
    except Exception:
        StagedUpload.objects.filter(pk=staged_id).update(preview={"key": key, "state": FAILED})
        raise
    StagedUpload.objects.filter(pk=staged_id).update(
        preview={"key": key, "state": DONE, "report": report_to_json(report)}
    )
    return DONE


def report_to_json(report: ImportReport) -> dict[str, Any]:
    return {
        "file_name": report.file_name,
        "sha256": report.sha256,
        "file_format": report.file_format,
        "counts": [report.new, report.changed, report.unchanged],
        "public": [report.public_changed, report.public_withdrawn, report.public_added],
        "problems": [asdict(p) for p in report.problems],
        "problem_count": report.problem_count,
        "unusual": [asdict(p) for p in report.unusual.shown],
        "unusual_count": report.unusual.count,
        "changed": [
            [c.new._asdict(), c.old_value, c.old_missing, c.old_status]
            for c in report.changed_examples
        ],
    }


def report_from_json(data: dict[str, Any]) -> ImportReport:
    report = ImportReport(data["file_name"], data["sha256"], data["file_format"], dry_run=True)
    report.new, report.changed, report.unchanged = data["counts"]
    report.public_changed, report.public_withdrawn, report.public_added = data["public"]
    report.problems = [Problem(**p) for p in data["problems"]]
    report.problem_count = data["problem_count"]
    report.unusual = Notices([Problem(**p) for p in data["unusual"]], data["unusual_count"])
    report.changed_examples = [
        ChangedValue(ValueInput(**new), old, missing, status)
        for new, old, missing, status in data["changed"]
    ]
    return report
