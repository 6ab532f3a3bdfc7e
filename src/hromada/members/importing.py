"""Import of the member list from a CSV or XLSX file: all rows or none.

Columns (names in English or Ukrainian, any case): the hromada's KATOTTG code, the date it
joined (2021-03-15 or 15.03.2021), and optionally status, left_on and decision. Every
problem in the file is reported with its row, column and reason; one problem means nothing
is written. Re-importing the same file changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.lib.file_limits import limit_message
from hromada.lib.tabular import Table, TabularError
from hromada.members.actions import ALLOWED_CHANGES, require_manager
from hromada.members.models import Membership, MembershipChange, MembershipStatus
from hromada.territories.models import Level, Territory

COLUMNS = {
    "code": ("code", "hromada_code", "katottg", "код", "код катоттг", "код громади"),
    "joined_on": ("joined_on", "joined", "дата вступу", "вступ"),
    "status": ("status", "статус"),
    "left_on": ("left_on", "left", "дата виходу", "вихід"),
    "decision": ("decision", "рішення"),
}
REQUIRED = ("code", "joined_on")
STATUS_WORDS = {
    "active": MembershipStatus.ACTIVE,
    "активний": MembershipStatus.ACTIVE,
    "активна": MembershipStatus.ACTIVE,
    "suspended": MembershipStatus.SUSPENDED,
    "призупинено": MembershipStatus.SUSPENDED,
    "призупинена": MembershipStatus.SUSPENDED,
    "left": MembershipStatus.LEFT,
    "вийшла": MembershipStatus.LEFT,
    "вийшов": MembershipStatus.LEFT,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class Row:
    number: int
    territory: Territory
    joined_on: dt.date
    status: MembershipStatus | None
    left_on: dt.date | None
    decision: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)


def describe_file_error(error: TabularError) -> str:
    passed = limit_message(error)
    if passed is not None:
        return passed
    messages = {
        TabularError.UNSUPPORTED: _("The file must be CSV or XLSX."),
        TabularError.UNDECODABLE: _("The file is neither UTF-8 nor Windows-1251 text."),
        TabularError.EMPTY: _("The file has no header row."),
        TabularError.DUPLICATE_COLUMN: _("A column name appears twice in the header."),
        TabularError.BROKEN: _("The file is damaged or is not a spreadsheet."),
    }
    message = messages.get(error.code, error.code)
    return f"{message} ({error.detail})" if error.detail else message


def parse_date(value: Any) -> dt.date | None:
    """A date from a spreadsheet cell or text; None when it is not a date we accept."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(str(value).strip(), pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


class _Checker:
    """Collects the problems of one file while turning its rows into Row objects."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.problems: list[Problem] = []
        self.today = timezone.localdate()
        lowered = {column.lower(): column for column in table.columns}
        self.names = {
            key: next((lowered[a] for a in aliases if a in lowered), "")
            for key, aliases in COLUMNS.items()
        }

    def problem(self, row: int, key: str, code: str, message: str) -> None:
        self.problems.append(Problem(row, self.names.get(key) or key, code, message))

    def run(self) -> list[Row]:
        for key in REQUIRED:
            if not self.names[key]:
                self.problem(1, key, "missing_column", _("The column is missing."))
        if self.problems:
            return []
        codes = {str(values.get(self.names["code"], "")).strip() for _, values in self.table}
        known = Territory.objects.in_bulk(codes, field_name="code")
        self.memberships = {
            m.territory_id: m for m in Membership.objects.filter(territory__code__in=codes)
        }
        seen: dict[str, int] = {}
        rows = [self.row(number, values, known, seen) for number, values in self.table]
        return [row for row in rows if row is not None]

    def cell(self, values: dict[str, Any], key: str) -> Any:
        return values.get(self.names[key], "") if self.names[key] else ""

    def date(self, number: int, values: dict[str, Any], key: str) -> dt.date | None:
        raw = self.cell(values, key)
        if raw in ("", None):
            return None
        day = parse_date(raw)
        if day is None:
            self.problem(
                number,
                key,
                "bad_date",
                _("“%(value)s” is not a date; write 2021-03-15 or 15.03.2021.") % {"value": raw},
            )
        elif day > self.today:
            self.problem(number, key, "future_date", _("The date is in the future."))
            return None
        return day

    def territory(
        self, number: int, code: str, known: dict[str, Territory], seen: dict[str, int]
    ) -> Territory | None:
        territory = known.get(code)
        if not code:
            self.problem(number, "code", "missing_code", _("The code is empty."))
        elif code in seen:
            self.problem(
                number,
                "code",
                "duplicate_row",
                _("The code %(code)s is already in row %(row)s.")
                % {"code": code, "row": seen[code]},
            )
            return None
        elif territory is None:
            self.problem(
                number, "code", "unknown_code", _("Unknown KATOTTG code %(code)s.") % {"code": code}
            )
        elif territory.level != Level.HROMADA:
            self.problem(
                number,
                "code",
                "not_hromada",
                _("%(code)s is not a hromada-level code (it is a %(level)s).")
                % {"code": code, "level": territory.get_level_display()},
            )
            return None
        elif not territory.is_valid:
            self.problem(
                number,
                "code",
                "retired_code",
                _("The code %(code)s is no longer valid.") % {"code": code},
            )
        seen.setdefault(code, number)
        return territory

    def status(self, number: int, values: dict[str, Any]) -> MembershipStatus | None:
        raw = str(self.cell(values, "status")).strip().lower()
        if not raw:
            return None
        if raw not in STATUS_WORDS:
            self.problem(
                number,
                "status",
                "bad_status",
                _("Unknown status “%(value)s”; use active, suspended or left.") % {"value": raw},
            )
            return None
        return STATUS_WORDS[raw]

    def row(
        self, number: int, values: dict[str, Any], known: dict[str, Territory], seen: dict[str, int]
    ) -> Row | None:
        before = len(self.problems)
        code = str(self.cell(values, "code")).strip()
        territory = self.territory(number, code, known, seen)
        joined_on = self.date(number, values, "joined_on")
        if joined_on is None and self.cell(values, "joined_on") in ("", None):
            self.problem(number, "joined_on", "missing_date", _("The date of joining is empty."))
        status = self.status(number, values)
        left_on = self.date(number, values, "left_on")
        if status == MembershipStatus.LEFT and left_on is None and len(self.problems) == before:
            self.problem(number, "left_on", "missing_date", _("A member that left needs the date."))
        if joined_on and left_on and left_on < joined_on:
            self.problem(
                number, "left_on", "left_before_joining", _("The member left before joining.")
            )
        current = self.memberships.get(territory.pk) if territory else None
        if (
            current
            and status
            and status != current.status
            and status not in ALLOWED_CHANGES[MembershipStatus(current.status)]
        ):
            self.problem(
                number,
                "status",
                "bad_change",
                _("The status cannot change from “%(old)s” to “%(new)s”.")
                % {"old": current.get_status_display(), "new": status.label},
            )
        if len(self.problems) > before or territory is None or joined_on is None:
            return None
        decision = str(self.cell(values, "decision")).strip()
        return Row(number, territory, joined_on, status, left_on, decision)


def check_rows(table: Table) -> tuple[list[Row], list[Problem]]:
    checker = _Checker(table)
    rows = checker.run()
    return rows, checker.problems


def import_memberships(
    table: Table, *, by: User | None, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Check every row, then write all of them in one transaction; raise ImportRejected
    with every problem (and write nothing) when any row is wrong."""
    require_manager(by)
    with transaction.atomic():
        rows, problems = check_rows(table)
        if problems:
            raise ImportRejected(problems)
        result = ImportResult(rows=len(rows), dry_run=dry_run)
        _apply(rows, result, by=by, source=source)
        if dry_run:
            transaction.set_rollback(True)
        else:
            record_audit(
                action="members.membership.import",
                by=by,
                object_type="members.memberfile",
                object_repr=source or "file",
                changes={
                    "created": (0, result.created),
                    "updated": (0, result.updated),
                    "unchanged": (0, result.unchanged),
                },
            )
    return result


def _apply(rows: list[Row], result: ImportResult, *, by: User | None, source: str) -> None:
    existing = {
        m.territory_id: m
        for m in Membership.objects.select_for_update().filter(
            territory__in=[row.territory for row in rows]
        )
    }
    today = timezone.localdate()
    reason = _("Imported from %(file)s") % {"file": source or _("a file")}
    new_rows = [row for row in rows if row.territory.pk not in existing]
    changed: list[Membership] = []
    changes: list[MembershipChange] = []
    for row in rows:
        membership = existing.get(row.territory.pk)
        if membership is None:
            continue
        old_status = MembershipStatus(membership.status)
        before = (membership.joined_on, membership.decision, membership.status, membership.left_on)
        membership.joined_on = row.joined_on
        membership.decision = row.decision or membership.decision
        if row.status and row.status != old_status:
            membership.status = row.status
            membership.left_on = row.left_on if row.status == MembershipStatus.LEFT else None
            effective = membership.left_on or today
            changes.append(_change(membership, old_status, row.status, effective, reason, by))
        elif row.status == MembershipStatus.LEFT and row.left_on:
            membership.left_on = row.left_on
        after = (membership.joined_on, membership.decision, membership.status, membership.left_on)
        if after != before:
            changed.append(membership)
    Membership.objects.bulk_update(
        changed, ["joined_on", "decision", "status", "left_on", "updated_at"], batch_size=500
    )
    Membership.objects.bulk_create(
        [
            Membership(
                territory=row.territory,
                joined_on=row.joined_on,
                status=row.status or MembershipStatus.ACTIVE,
                left_on=row.left_on if row.status == MembershipStatus.LEFT else None,
                decision=row.decision,
            )
            for row in new_rows
        ],
        batch_size=500,
    )
    created = Membership.objects.filter(territory__in=[row.territory for row in new_rows])
    for membership in created:
        status = MembershipStatus(membership.status)
        effective = membership.joined_on
        if status == MembershipStatus.LEFT and membership.left_on:
            effective = membership.left_on
        changes.append(_change(membership, None, status, effective, reason, by))
    MembershipChange.objects.bulk_create(changes, batch_size=500)
    result.created = len(new_rows)
    result.updated = len(changed)
    result.unchanged = len(rows) - len(new_rows) - len(changed)


def _change(
    membership: Membership,
    old: MembershipStatus | None,
    new: MembershipStatus,
    effective: dt.date,
    reason: str,
    by: User | None,
) -> MembershipChange:
    return MembershipChange(
        membership=membership,
        old_status=old.value if old else "",
        new_status=new.value,
        effective_on=effective,
        reason=reason,
        changed_by=by,
    )
