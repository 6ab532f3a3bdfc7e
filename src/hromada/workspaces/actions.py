"""Every change in a section's workspace: chairs, meetings and documents.

Each action checks permission first, validates, writes in one transaction and records one
audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.lib import documents
from hromada.members.models import Person, Section
from hromada.workspaces import access
from hromada.workspaces.models import Chair, Document, Meeting

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MEETING_FIELDS = ("held_on", "title", "agenda", "minutes", "decisions", "is_published")


def _require_manager(by: Any, section: Section) -> None:
    if not access.can_manage(by, section):
        raise PermissionDenied(_("Only the section's chair or an analyst may do this."))


def appoint_chair(section: Section, person: Person, since: dt.date, *, by: Any) -> Chair:
    if not access.can_appoint_chairs(by):
        raise PermissionDenied(_("Only analysts appoint section chairs."))
    if not person.sections.filter(pk=section.pk).exists():
        raise ValidationError(
            _("%(person)s is not a member of the section %(section)s.")
            % {"person": person.full_name, "section": section.name}
        )
    if Chair.objects.filter(section=section, person=person).exists():
        raise ValidationError(_("%(person)s already chairs it.") % {"person": person.full_name})
    with transaction.atomic():
        chair = Chair.objects.create(section=section, person=person, since=since)
        record_audit(
            action="workspaces.chair.appoint",
            obj=chair,
            by=by,
            changes={"person": (None, person.full_name), "since": (None, since)},
        )
    return chair


def remove_chair(chair: Chair, *, by: Any) -> None:
    if not access.can_appoint_chairs(by):
        raise PermissionDenied(_("Only analysts appoint section chairs."))
    with transaction.atomic():
        record_audit(
            action="workspaces.chair.remove",
            obj=chair,
            by=by,
            changes={"person": (chair.person.full_name, None)},
        )
        chair.delete()


@dataclass(frozen=True)
class MeetingInput:
    held_on: dt.date
    title: str
    agenda: str
    minutes: str = ""
    decisions: str = ""
    is_published: bool = False


def save_meeting(
    section: Section, data: MeetingInput, *, by: Any, meeting: Meeting | None = None
) -> Meeting:
    """Record a new meeting, or change one of this section's meetings."""
    _require_manager(by, section)
    if meeting is not None and meeting.section_id != section.pk:
        raise PermissionDenied(_("This meeting belongs to another section."))
    if not data.title.strip() or not data.agenda.strip():
        raise ValidationError(_("A meeting needs a title and an agenda."))
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(section=section)
            before: dict[str, object] = dict.fromkeys(MEETING_FIELDS)
            verb = "create"
        else:
            meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
            before = {name: getattr(meeting, name) for name in MEETING_FIELDS}
            verb = "update"
        for name in MEETING_FIELDS:
            setattr(meeting, name, getattr(data, name))
        meeting.updated_by = by
        meeting.save()
        record_audit(
            action=f"workspaces.meeting.{verb}",
            obj=meeting,
            by=by,
            changes={name: (before[name], getattr(data, name)) for name in MEETING_FIELDS},
        )
    return meeting


def check_document(file_name: str, content: bytes) -> str:
    """The content type of an acceptable file (the project's one rule for documents, with
    its unpacked-size limit for office files); a clear refusal otherwise."""
    return documents.check_document(file_name, content, max_bytes=MAX_DOCUMENT_BYTES).content_type


def upload_document(
    section: Section,
    *,
    title: str,
    file_name: str,
    content: bytes,
    is_published: bool,
    by: Any,
) -> Document:
    _require_manager(by, section)
    file_name = documents.clean_file_name(file_name)
    content_type = check_document(file_name, content)
    with transaction.atomic():
        document = Document.objects.create(
            section=section,
            title=title.strip() or file_name,
            file_name=file_name,
            content_type=content_type,
            size=len(content),
            content=content,
            is_published=is_published,
            uploaded_by=by,
        )
        record_audit(
            action="workspaces.document.upload",
            obj=document,
            by=by,
            changes={"file_name": (None, file_name), "is_published": (None, is_published)},
        )
    return document


def delete_document(document: Document, *, by: Any) -> None:
    _require_manager(by, document.section)
    with transaction.atomic():
        record_audit(
            action="workspaces.document.delete",
            obj=document,
            by=by,
            changes={"file_name": (document.file_name, None)},
        )
        document.delete()
