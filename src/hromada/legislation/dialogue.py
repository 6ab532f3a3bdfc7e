"""Government dialogue: meetings where the association spoke, and the inter-faction group of MPs.

MPs come from the Rada's MP open data of the convocation: `mps09-data.csv` (one row per MP:
`id`, `full_name`, `region_name`, `date_end` for those who left) and, for the factions,
`mp-posts_ids.csv` (`mp_id`, `unit_id`, `unit_type`, where `fra`/`grp` are factions and groups)
with `mp-posts_unit.txt` (tab-separated `unit_id`, name; Windows-1251 as published). Analysts
mark who belongs to the group "for local self-government"; bills they sponsor are found by
their names among the bills' initiators.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.legislation.actions import require_analyst
from hromada.legislation.models import MP, AgendaItem, Bill, GovernmentMeeting, Position
from hromada.lib.file_limits import limit_message
from hromada.lib.tabular import Row, Table, TabularError, open_table

MEETING_FIELDS = ("body_kind", "body", "held_on", "representatives", "outcome")


def record_meeting(*, by: Any, values: dict[str, Any]) -> GovernmentMeeting:
    require_analyst(by)
    with transaction.atomic():
        meeting = GovernmentMeeting.objects.create(**{k: values[k] for k in MEETING_FIELDS})
        record_audit(
            action="legislation.meeting.add",
            obj=meeting,
            by=by,
            changes={k: ("", str(values[k])) for k in MEETING_FIELDS},
        )
    return meeting


def add_agenda_item(
    meeting: GovernmentMeeting,
    *,
    by: Any,
    title: str,
    bill: Bill | None,
    position: Position | None,
    voiced: str,
    outcome: str,
) -> AgendaItem:
    require_analyst(by)
    with transaction.atomic():
        last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=last + 1,
            title=title,
            bill=bill,
            position=position,
            voiced=voiced,
            outcome=outcome,
        )
        record_audit(
            action="legislation.meeting.item",
            obj=meeting,
            by=by,
            object_repr=f"{meeting} — {title}"[:200],
            changes={"item": ("", title), "position": (None, position.pk if position else None)},
        )
    return item


@dataclass
class MPImport:
    new: int = 0
    updated: int = 0
    left: int = 0
    problems: list[str] = field(default_factory=list)


Upload = tuple[str, bytes | IO[bytes]]
UNIT_COLUMNS = ("unit_id", "name")


def _table(name: str, content: bytes | IO[bytes], **options: Any) -> Table:
    """Read through hromada.lib.tabular: its encodings (UTF-8 or Windows-1251) and its upload
    limits (size, rows, columns, cells, line length) hold for the Rada's files as for any."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    return open_table(source, name=name, **options)


def _problem(name: str, error: TabularError) -> str:
    reason = limit_message(error) or _("it cannot be read as a table (%(detail)s).") % {
        "detail": error.detail or error.code
    }
    return _("%(file)s: %(reason)s") % {"file": name, "reason": reason}


def _text(row: Row, column: str) -> str:
    return " ".join(str(row.get(column, "")).split())


def _factions(posts: Table | None, units: Table | None) -> dict[str, str]:
    if posts is None or units is None:
        return {}
    names = {_text(row, "unit_id"): _text(row, "name") for _n, row in units}
    factions: dict[str, str] = {}
    for _number, row in posts:
        mp_id = _text(row, "mp_id")
        if _text(row, "unit_type") in ("fra", "grp") and mp_id:
            factions[mp_id] = names.get(_text(row, "unit_id"), "")
    return factions


def _read_mp_files(files: Sequence[Upload], result: MPImport) -> dict[str, Table | None]:
    """The three files by their role; a file that cannot be read is a problem, not a crash.
    `mp-posts_unit.txt` is published without a header row, separated by tabs."""
    tables: dict[str, Table | None] = {"main": None, "posts": None, "units": None}
    for name, content in files:
        short = name.rsplit("/", 1)[-1]
        role, options = "", dict[str, Any]()
        if short.startswith("mps") and "data" in short:
            role = "main"
        elif short.startswith("mp-posts_ids"):
            role = "posts"
        elif short.startswith("mp-posts_unit"):
            role, options = "units", {"columns": UNIT_COLUMNS, "delimiter": "\t"}
        if not role:
            continue
        try:
            tables[role] = _table(short, content, **options)
        except TabularError as error:
            result.problems.append(_problem(short, error))
    return tables


def import_mps(files: Sequence[Upload], *, by: Any) -> MPImport:
    """Bring the MPs up to date (idempotent by the Rada's id); MPs who left are dropped from
    the group. Nothing is written when a file cannot be read or the MP file lacks its columns."""
    require_analyst(by)
    result = MPImport()
    tables = _read_mp_files(files, result)
    main = tables["main"]
    if result.problems:
        return result
    if main is None:
        result.problems.append(_("The MP file (mps…-data.csv) is missing."))
        return result
    missing = {"id", "full_name"} - set(main.columns)
    if missing:
        result.problems.append(
            _("The MP file lacks the columns: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))}
        )
        return result
    factions = _factions(tables["posts"], tables["units"])
    with transaction.atomic():
        for _number, row in main:
            _apply_mp(row, factions, result)
        record_audit(
            action="legislation.mps.import",
            by=by,
            object_type="legislation.mp",
            object_repr=", ".join(name.rsplit("/", 1)[-1] for name, _c in files)[:200],
            changes={"new": (0, result.new), "updated": (0, result.updated)},
        )
    return result


def _apply_mp(row: Row, factions: dict[str, str], result: MPImport) -> None:
    rada_id, name = _text(row, "id"), _text(row, "full_name")
    if not rada_id or not name:
        return
    values = {
        "full_name": name,
        "region": _text(row, "region_name"),
        "district": _text(row, "district_num"),
    }
    if rada_id in factions:
        values["faction"] = factions[rada_id]
    mp, created = MP.objects.get_or_create(rada_id=rada_id, defaults=values)
    if created:
        result.new += 1
    elif any(getattr(mp, k) != v for k, v in values.items()):
        MP.objects.filter(pk=mp.pk).update(**values)
        result.updated += 1
    if _text(row, "date_end") and mp.in_group:
        MP.objects.filter(pk=mp.pk).update(in_group=False)
        result.left += 1


def set_group(mp: MP, *, by: Any, in_group: bool) -> None:
    require_analyst(by)
    with transaction.atomic():
        before = mp.in_group
        mp.in_group = in_group
        mp.save(update_fields=["in_group", "updated_at"])
        record_audit(
            action="legislation.mp.group", obj=mp, by=by, changes={"in_group": (before, in_group)}
        )


SHOWN_BILLS = 10  # per MP on the group's page; the count says how many there are in all
_SPONSORED = """
SELECT name, id, total FROM (
    SELECT j.value AS name, b.id AS id,
        ROW_NUMBER() OVER (
            PARTITION BY j.value ORDER BY b.registered_on DESC NULLS LAST, b.id DESC
        ) AS n,
        COUNT(*) OVER (PARTITION BY j.value) AS total
    FROM legislation_bill AS b, {elements}
    WHERE j.value IN ({names})
) AS sponsored WHERE n <= %s
"""
# The initiators are a JSON list of names: each database spells "its elements" its own way.
_ELEMENTS = {
    "postgresql": "jsonb_array_elements_text(CASE WHEN jsonb_typeof(b.initiators) = 'array' "
    "THEN b.initiators ELSE '[]'::jsonb END) AS j(value)",
    "sqlite": "json_each(b.initiators) AS j",
}


@dataclass(frozen=True)
class GroupMember:
    mp: MP
    bills: list[Bill]  # the latest SHOWN_BILLS they sponsor
    sponsored: int  # how many they sponsor in all


def _sponsored(names: list[str]) -> tuple[dict[str, list[int]], dict[str, int]]:
    """The latest bill ids and the count of bills per name, computed in the database."""
    latest: dict[str, list[int]] = {}
    totals: dict[str, int] = {}
    if not names:
        return latest, totals
    sql = _SPONSORED.format(
        elements=_ELEMENTS[connection.vendor], names=", ".join(["%s"] * len(names))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*names, SHOWN_BILLS])
        for name, pk, total in cursor.fetchall():
            latest.setdefault(name, []).append(pk)
            totals[name] = total
    return latest, totals


def group_members() -> list[GroupMember]:
    """The group's MPs with the bills they sponsor, in three queries whatever the number of
    bills: only the group's bills are read, at most SHOWN_BILLS each, with their count."""
    mps = list(MP.objects.filter(in_group=True).order_by("full_name"))
    latest, totals = _sponsored(sorted({mp.full_name for mp in mps}))
    wanted = [pk for ids in latest.values() for pk in ids]
    bills = Bill.objects.only("number", "title", "stage", "registered_on").in_bulk(wanted)
    return [
        GroupMember(
            mp,
            [bills[pk] for pk in latest.get(mp.full_name, []) if pk in bills],
            totals.get(mp.full_name, 0),
        )
        for mp in mps
    ]
