"""Writing the files of members' problems: evidence a member or the office attaches, and
the versions of the letter template.

Each action checks permission first, writes in one transaction and records one audit entry.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.appeals import access
from hromada.appeals.actions import _require_for, _require_manager
from hromada.appeals.letters import current_template
from hromada.appeals.models import (
    EvidenceFile,
    LetterTemplate,
    Participation,
    Problem,
    ProblemState,
)
from hromada.audit.actions import record_audit
from hromada.lib.documents import check_document

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def upload_evidence(
    problem: Problem,
    *,
    by: Any,
    title: str,
    file_name: str,
    content: bytes,
    participation: Participation | None = None,
) -> EvidenceFile:
    """A file that shows the problem, for one hromada that has it (its people or analysts)
    or for the problem as a whole (analysts, or the people of the hromada that raised it)."""
    if participation is not None and participation.problem_id != problem.pk:
        raise ValidationError(_("This hromada does not have this problem."))
    if not access.can_manage(by):
        _require_for(by, participation.hromada if participation else problem.hromada)
    if problem.state == ProblemState.MERGED:
        raise ValidationError(_("This problem is merged into another; add files there."))
    checked = check_document(file_name, content, max_bytes=MAX_EVIDENCE_BYTES)
    item = EvidenceFile(
        problem=problem,
        participation=participation,
        title=title.strip()[:300] or checked.file_name,
        file_name=checked.file_name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    # Stored (0600) before the row is written; if the row is not written, nor is the file kept.
    item.file.save(checked.file_name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            item.save()
            record_audit(
                action="appeals.evidence.upload",
                obj=problem,
                by=by,
                changes={"files": (None, checked.file_name)},
                reason=item.title,
            )
    except BaseException:
        item.file.storage.delete(item.file.name)
        raise
    return item


def can_delete_evidence(by: Any, item: EvidenceFile) -> bool:
    return access.can_manage(by) or (
        getattr(by, "pk", None) is not None and item.uploaded_by_id == by.pk
    )


def delete_evidence(item: EvidenceFile, *, by: Any) -> None:
    """Analysts, or whoever uploaded it, remove a file; the stored bytes go with the row."""
    if not can_delete_evidence(by, item):
        raise PermissionDenied(_("Only the analysts or whoever uploaded a file may remove it."))
    with transaction.atomic():
        record_audit(
            action="appeals.evidence.delete",
            obj=item.problem,
            by=by,
            changes={"files": (item.file_name, None)},
            reason=item.title,
        )
        stored = item.file.name
        storage = item.file.storage
        item.delete()
        transaction.on_commit(lambda: storage.delete(stored))


def save_letter_template(*, by: Any, text: str, note: str = "") -> LetterTemplate:
    """A new version of the letter template; letters made from now on use it."""
    from hromada.appeals.letters import DEFAULT_TEXT, validate_template

    _require_manager(by)
    text = text.replace("\r\n", "\n").strip()
    validate_template(text)
    with transaction.atomic():
        before = current_template()
        if before is not None and before.text == text:
            raise ValidationError(_("The text is the same as the current version."))
        template = LetterTemplate.objects.create(
            version=(before.version + 1) if before else 1,
            text=text,
            note=note.strip()[:300],
            created_by=by,
        )
        record_audit(
            action="appeals.template.save",
            obj=template,
            by=by,
            changes={"text": (before.text if before else DEFAULT_TEXT, text)},
            reason=template.note,
        )
    return template
