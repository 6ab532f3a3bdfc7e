"""Every change in legislative work: importing bills, following, positions and letters.

Each action checks permission first, writes in one transaction and records one audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit, snapshot
from hromada.legislation.matching import active_watches, followers
from hromada.legislation.models import (
    Alert,
    Bill,
    BillSource,
    BillStage,
    Letter,
    Position,
    PositionVersion,
    Subject,
    Watch,
)
from hromada.legislation.rada_files import BillRow, Problem, StageEvent, read_files
from hromada.legislation.stages import Stage
from hromada.members.models import Section

BILL_FIELDS = (
    "title",
    "kind",
    "rubric",
    "rada_subject",
    "registered_on",
    "convocation",
    "url",
    "rada_id",
    "main_committee",
    "initiators",
)
POSITION_FIELDS = ("title", "stance", "summary", "proposals", "evidence")


def require_analyst(by: Any) -> None:
    if not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts may change legislative work."))


@dataclass
class ImportSummary:
    new: list[str] = field(default_factory=list)  # bill numbers
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_stages: int = 0
    alerts: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_bills(files: list[tuple[str, bytes]], *, by: Any) -> ImportSummary:
    """Read the Rada's files and bring the bills up to date; nothing is written on a problem.

    Idempotent by bill number: a second import of the same files changes nothing.
    """
    require_analyst(by)
    return _import_bills(files, by=by)


def import_bills_as_system(files: list[tuple[str, bytes]]) -> ImportSummary:
    """The scheduled download's import: no person, audited as the system's."""
    return _import_bills(files, by=None)


def _import_bills(files: list[tuple[str, bytes]], *, by: Any) -> ImportSummary:
    data = read_files(files)
    summary = ImportSummary(problems=list(data.problems))
    if not summary.ok:
        return summary
    rows: dict[str, BillRow] = {}
    for row in data.bills:
        known = rows.get(row.number)
        if known is not None:
            row.events = [*known.events, *(e for e in row.events if e not in known.events)]
        rows[row.number] = row
    watches = active_watches()
    with transaction.atomic():
        for row in rows.values():
            committee = data.committees.get(row.rada_id, "")
            people = data.initiators.get(row.rada_id, [])
            _apply_row(row, committee, people, summary, watches)
        record_audit(
            action="legislation.bills.import",
            by=by,
            object_type="legislation.bill",
            object_repr=", ".join(name for name, _content in files)[:200],
            changes={
                "new": (0, len(summary.new)),
                "updated": (0, len(summary.updated)),
                "stages": (0, summary.new_stages),
            },
        )
    if summary.alerts:
        transaction.on_commit(lambda: queue_alert_emails(by=by))
    return summary


def _apply_row(
    row: BillRow,
    committee: str,
    people: list[str],
    summary: ImportSummary,
    watches: list[Watch],
) -> None:
    values: dict[str, object] = {
        "title": row.title,
        "kind": row.kind,
        "rubric": row.rubric,
        "rada_subject": row.subject,
        "registered_on": row.registered_on,
        "convocation": row.convocation,
        "url": row.url,
        "rada_id": row.rada_id,
    }
    if committee:
        values["main_committee"] = committee
    if people:
        values["initiators"] = people
    bill = Bill.objects.filter(number=row.number).first()
    created = bill is None
    if bill is None:
        bill = Bill(number=row.number, source=BillSource.RADA, **values)
        summary.new.append(row.number)
    else:
        changed = {k: v for k, v in values.items() if getattr(bill, k) != v and v not in ("", None)}
        if changed:
            for key, value in changed.items():
                setattr(bill, key, value)
            summary.updated.append(row.number)
        elif not _has_new_events(bill, row.events):
            summary.unchanged += 1
            return
    latest_before = bill.stage_on if not created else None
    bill.refresh_search_text()
    bill.save()
    fresh = _record_events(bill, row.events)
    summary.new_stages += len(fresh)
    if created:
        # A new bill is one piece of news, whatever stages it arrives with.
        summary.alerts += _alert(bill, None, watches)
        return
    for event in fresh:
        # Stages older than what was known are history filled in, not news.
        if latest_before is None or event.happened_on >= latest_before:
            summary.alerts += _alert(bill, event, watches)


def _has_new_events(bill: Bill, events: list[StageEvent]) -> bool:
    known = set(bill.stages.values_list("stage", "title", "happened_on"))
    return any((e.stage, e.title, e.happened_on) not in known for e in events)


def _record_events(bill: Bill, events: Iterable[StageEvent]) -> list[BillStage]:
    known = set(bill.stages.values_list("stage", "title", "happened_on"))
    fresh = [
        BillStage.objects.create(bill=bill, stage=e.stage, title=e.title, happened_on=e.happened_on)
        for e in sorted(events, key=lambda e: e.happened_on)
        if (e.stage, e.title, e.happened_on) not in known
    ]
    latest = bill.stages.order_by("-happened_on", "-pk").first()
    if latest is not None and (bill.stage, bill.stage_on) != (latest.stage, latest.happened_on):
        bill.stage, bill.stage_title, bill.stage_on = latest.stage, latest.title, latest.happened_on
        bill.save(update_fields=["stage", "stage_title", "stage_on", "updated_at"])
    return fresh


def _alert(bill: Bill, event: BillStage | None, watches: list[Watch] | None = None) -> int:
    made = 0
    for user_id, wants_email in followers(bill, watches).items():
        _alert_row, created = Alert.objects.get_or_create(
            user_id=user_id, bill=bill, event=event, defaults={"wants_email": wants_email}
        )
        made += created
    return made


def queue_alert_emails(*, by: Any) -> None:
    from hromada.jobs.actions import start_job
    from hromada.legislation.tasks import send_alert_emails

    start_job(send_alert_emails, by=by, label=_("E-mail alerts on bills"))


def add_draft(
    *, by: Any, number: str, title: str, kind: str, registered_on: dt.date | None
) -> Bill:
    """A draft that is not in the Rada yet (a ministry's draft, a Cabinet resolution)."""
    require_analyst(by)
    if Bill.objects.filter(number=number).exists():
        raise ValidationError(
            _("A bill numbered %(number)s is already tracked.") % {"number": number}
        )
    with transaction.atomic():
        bill = Bill(
            number=number,
            title=title,
            kind=kind,
            registered_on=registered_on,
            source=BillSource.MANUAL,
        )
        bill.refresh_search_text()
        bill.save()
        event = BillStage.objects.create(
            bill=bill,
            stage=Stage.REGISTERED,
            title=_("Added by an analyst"),
            happened_on=registered_on or timezone.localdate(),
        )
        _record_events(bill, [])
        record_audit(
            action="legislation.bill.add",
            obj=bill,
            by=by,
            changes={"title": ("", title), "number": ("", number)},
        )
        _alert(bill, event)
    return bill


def record_stage(
    bill: Bill, *, by: Any, stage: Stage, title: str, happened_on: dt.date
) -> BillStage:
    """A stage of a draft the Rada's files do not carry, entered by hand."""
    require_analyst(by)
    with transaction.atomic():
        before = bill.stage
        fresh = _record_events(bill, [StageEvent(stage, title[:300], happened_on)])
        if not fresh:
            raise ValidationError(_("This stage is already recorded for this date."))
        record_audit(
            action="legislation.bill.stage",
            obj=bill,
            by=by,
            changes={"stage": (before, bill.stage)},
            reason=title,
        )
        if _alert(bill, fresh[0]):
            transaction.on_commit(lambda: queue_alert_emails(by=by))
    return fresh[0]


def tag_bill(bill: Bill, *, by: Any, subjects: list[Subject], sections: list[Section]) -> None:
    require_analyst(by)
    with transaction.atomic():
        before = (
            sorted(s.code for s in bill.subjects.all()),
            sorted(s.code for s in bill.sections.all()),
        )
        bill.subjects.set(subjects)
        bill.sections.set(sections)
        after = (sorted(s.code for s in subjects), sorted(s.code for s in sections))
        record_audit(
            action="legislation.bill.tag",
            obj=bill,
            by=by,
            changes={"subjects": (before[0], after[0]), "sections": (before[1], after[1])},
        )


def follow(
    user: Any,
    *,
    kind: str,
    bill: Bill | None = None,
    subject: Subject | None = None,
    section: Section | None = None,
    keyword: str = "",
    by_email: bool = True,
) -> Watch:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to follow bills."))
    keyword = " ".join(keyword.split())[:100]
    if kind == Watch.Kind.KEYWORD and not keyword:
        raise ValidationError(_("Type a word to follow."))
    with transaction.atomic():
        watch, _created = Watch.objects.get_or_create(
            user=user,
            kind=kind,
            bill=bill,
            subject=subject,
            section=section,
            keyword=keyword,
            defaults={"by_email": by_email},
        )
        record_audit(
            action="legislation.watch.follow",
            obj=watch,
            by=user,
            object_repr=str(bill or subject or section or keyword),
        )
    return watch


def unfollow(watch: Watch, *, by: Any) -> None:
    if watch.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("This is somebody else's list."))
    with transaction.atomic():
        record_audit(action="legislation.watch.unfollow", obj=watch, by=by)
        watch.delete()


def mark_alerts_read(user: Any) -> int:
    return Alert.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def save_position(
    position: Position | None,
    *,
    by: Any,
    values: dict[str, Any],
    subjects: list[Subject],
    reason: str = "",
) -> Position:
    """Create a position or change it; every change of a published text keeps the old version."""
    require_analyst(by)
    with transaction.atomic():
        if position is None:
            position = Position.objects.create(**values)
            record_audit(
                action="legislation.position.create",
                obj=position,
                by=by,
                changes={k: ("", values.get(k)) for k in POSITION_FIELDS},
            )
        else:
            before = snapshot(position, POSITION_FIELDS)
            if any(before[k] != values.get(k, before[k]) for k in POSITION_FIELDS):
                PositionVersion.objects.create(
                    position=position,
                    version=position.version,
                    **{k: before[k] for k in POSITION_FIELDS},
                )
                position.version += 1
            for key, value in values.items():
                setattr(position, key, value)
            position.save()
            record_audit(
                action="legislation.position.change",
                obj=position,
                by=by,
                changes={k: (before[k], getattr(position, k)) for k in POSITION_FIELDS},
                reason=reason,
            )
        position.subjects.set(subjects)
    return position


def publish_position(position: Position, *, by: Any, on: dt.date | None = None) -> Position:
    require_analyst(by)
    with transaction.atomic():
        before = position.published_on
        position.published_on = on or timezone.localdate()
        position.save(update_fields=["published_on", "updated_at"])
        record_audit(
            action="legislation.position.publish",
            obj=position,
            by=by,
            changes={"published_on": (before, position.published_on)},
        )
    return position


def add_letter(
    position: Position,
    *,
    by: Any,
    addressee: str,
    sent_on: dt.date,
    outgoing_number: str = "",
    document: Any = None,
) -> Letter:
    require_analyst(by)
    with transaction.atomic():
        letter = Letter(
            position=position, addressee=addressee, sent_on=sent_on, outgoing_number=outgoing_number
        )
        if document is not None:
            letter.document = document
        letter.save()
        record_audit(
            action="legislation.letter.add",
            obj=letter,
            by=by,
            changes={"addressee": ("", addressee), "sent_on": (None, sent_on)},
        )
    return letter
