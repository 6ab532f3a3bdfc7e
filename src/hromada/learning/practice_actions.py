"""Every change of the best-practice library: proposals, the section's review, adoptions and
files. Permission first, one transaction, one audit entry each."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.learning.actions import require_analyst
from hromada.learning.models import (
    ENGLISH_TEXTS,
    Adoption,
    Practice,
    PracticeFile,
    PracticeState,
)
from hromada.lib.documents import check_document
from hromada.territories.models import Territory


def propose_practice(*, by: Any, hromada: Territory, values: dict[str, Any]) -> Practice:
    if not permissions.covers(by, hromada):
        raise PermissionDenied(_("You may propose practices of your own hromada only."))
    values = dict(values)
    targets = list(values.pop("target_indicators", []))
    with transaction.atomic():
        practice = Practice(hromada=hromada, proposed_by=by, **values)
        practice.refresh_search_text()
        practice.save()
        practice.target_indicators.set(targets)
        record_audit(
            action="learning.practice.propose",
            obj=practice,
            by=by,
            changes={
                "title": ("", practice.title),
                **{name: ("", getattr(practice, name)) for name in _given_english(practice)},
                "target_indicators": ("", ", ".join(i.code for i in targets)),
            },
        )
    return practice


def _given_english(practice: Practice) -> list[str]:
    return [name for name in ENGLISH_TEXTS.values() if getattr(practice, name)]


def review_practice(
    practice: Practice,
    *,
    by: Any,
    publish: bool,
    evidence: str,
    note: str,
    english: dict[str, str] | None = None,
) -> None:
    """The section's review against the stated criteria: publish with an evidence level,
    or return for changes. `english` (field name -> text, the `ENGLISH_TEXTS` fields) sets
    the English texts, as the reviewer gives or corrects them; a field left out is kept."""
    require_analyst(by)
    if publish and not evidence:
        raise ValidationError(_("Give the evidence level before publishing."))
    english = english or {}
    unknown = set(english) - set(ENGLISH_TEXTS.values())
    if unknown:
        raise ValueError(f"Not an English text of a practice: {sorted(unknown)}")
    with transaction.atomic():
        before = practice.state
        practice.state = PracticeState.PUBLISHED if publish else PracticeState.RETURNED
        practice.evidence, practice.review_note = evidence, note
        if publish and practice.published_on is None:
            practice.published_on = timezone.localdate()
        changed = {
            name: (getattr(practice, name), text.strip())
            for name, text in english.items()
            if text.strip() != getattr(practice, name)
        }
        for name, (_old, new) in changed.items():
            setattr(practice, name, new)
        if changed:
            practice.refresh_search_text()
        practice.save()
        record_audit(
            action="learning.practice.review",
            obj=practice,
            by=by,
            changes={"state": (before, practice.state), "evidence": ("", evidence), **changed},
            reason=note,
        )


def adopt_practice(
    practice: Practice, *, by: Any, hromada: Territory, year: int, note: str = ""
) -> Adoption:
    if not permissions.covers(by, hromada):
        raise PermissionDenied(_("You may speak for your own hromada only."))
    if practice.state != PracticeState.PUBLISHED:
        raise ValidationError(_("Only published practices can be adopted."))
    if hromada.pk == practice.hromada_id:
        raise ValidationError(_("This practice comes from that hromada itself."))
    if not 1991 <= year <= timezone.localdate().year:
        raise ValidationError(_("Give the year it was adopted, not a future one."))
    with transaction.atomic():
        adoption, _created = Adoption.objects.update_or_create(
            practice=practice,
            hromada=hromada,
            defaults={"year": year, "note": note.strip()[:300], "recorded_by": by},
        )
        record_audit(
            action="learning.practice.adopt",
            obj=practice,
            by=by,
            changes={"adopted by": (None, hromada.code)},
        )
    return adoption


PRACTICE_FILE_BYTES = 10 * 1024 * 1024  # a photo or a report; larger files belong elsewhere


def add_practice_file(
    practice: Practice, *, by: Any, title: str, file_name: str, content: bytes
) -> PracticeFile:
    """A file or photo of a practice, from its own hromada's people or an analyst; checked by
    its first bytes (hromada.lib.documents). Raises ValidationError with a clear message."""
    if not (permissions.is_analyst(by) or permissions.covers(by, practice.hromada)):
        raise PermissionDenied(_("Only the practice's hromada and analysts add its files."))
    checked = check_document(file_name, content, max_bytes=PRACTICE_FILE_BYTES)
    with transaction.atomic():
        stored = PracticeFile.objects.create(
            practice=practice,
            title=title.strip() or checked.file_name,
            file_name=checked.file_name,
            content_type=checked.content_type,
            size=checked.size,
            content=content,
            uploaded_by=by if getattr(by, "pk", None) else None,
        )
        record_audit(
            action="learning.practice.file_add",
            obj=practice,
            by=by,
            changes={"file": (None, checked.file_name)},
        )
    return stored
