"""Government dialogue: meetings where the association spoke, and the inter-faction group of MPs.

MPs come from the Rada's MP open data of the convocation: `mps09-data.csv` (one row per MP:
`id`, `full_name`, `region_name`, `date_end` for those who left) and, for the factions,
`mp-posts_ids.csv` (`mp_id`, `unit_id`, `unit_type`, where `fra`/`grp` are factions and groups)
with `mp-posts_unit.txt` (tab-separated `unit_id`, name; Windows-1251 as published). Analysts
mark who belongs to the group "for local self-government"; bills they sponsor are found by
their names among the bills' initiators.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.legislation.actions import require_analyst
from hromada.legislation.models import MP, AgendaItem, Bill, GovernmentMeeting, Position

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


def _csv(content: bytes) -> csv.DictReader[str]:
    text = content.decode("utf-8-sig", errors="replace")
    # A short row gets empty cells, never None (a cut line must not crash the import).
    return csv.DictReader(io.StringIO(text), restval="")


def _units(content: bytes) -> dict[str, str]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = content.decode("cp1251", errors="replace")
    units: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            units[parts[0].strip()] = parts[1].strip()
    return units


def _factions(posts: bytes | None, units: bytes | None) -> dict[str, str]:
    if posts is None or units is None:
        return {}
    names = _units(units)
    factions: dict[str, str] = {}
    for row in _csv(posts):
        if row.get("unit_type") in ("fra", "grp") and row.get("mp_id"):
            factions[row["mp_id"]] = names.get(row.get("unit_id", ""), "")
    return factions


def import_mps(files: list[tuple[str, bytes]], *, by: Any) -> MPImport:
    """Bring the MPs up to date (idempotent by the Rada's id); MPs who left are dropped from
    the group. Nothing is written when the MP file lacks its columns."""
    require_analyst(by)
    by_name = {name.rsplit("/", 1)[-1]: content for name, content in files}
    main = next((c for n, c in by_name.items() if n.startswith("mps") and "data" in n), None)
    posts = next((c for n, c in by_name.items() if n.startswith("mp-posts_ids")), None)
    units = next((c for n, c in by_name.items() if n.startswith("mp-posts_unit")), None)
    result = MPImport()
    if main is None:
        result.problems.append(_("The MP file (mps…-data.csv) is missing."))
        return result
    rows = list(_csv(main))
    missing = {"id", "full_name"} - set(rows[0].keys() if rows else ())
    if missing:
        result.problems.append(
            _("The MP file lacks the columns: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))}
        )
        return result
    factions = _factions(posts, units)
    with transaction.atomic():
        for row in rows:
            rada_id, name = row["id"].strip(), " ".join(row["full_name"].split())
            if not rada_id or not name:
                continue
            values = {
                "full_name": name,
                "region": (row.get("region_name") or "").strip(),
                "district": (row.get("district_num") or "").strip(),
            }
            if rada_id in factions:
                values["faction"] = factions[rada_id]
            mp, created = MP.objects.get_or_create(rada_id=rada_id, defaults=values)
            if created:
                result.new += 1
            elif any(getattr(mp, k) != v for k, v in values.items()):
                MP.objects.filter(pk=mp.pk).update(**values)
                result.updated += 1
            if (row.get("date_end") or "").strip() and mp.in_group:
                MP.objects.filter(pk=mp.pk).update(in_group=False)
                result.left += 1
        record_audit(
            action="legislation.mps.import",
            by=by,
            object_type="legislation.mp",
            object_repr=", ".join(by_name)[:200],
            changes={"new": (0, result.new), "updated": (0, result.updated)},
        )
    return result


def set_group(mp: MP, *, by: Any, in_group: bool) -> None:
    require_analyst(by)
    with transaction.atomic():
        before = mp.in_group
        mp.in_group = in_group
        mp.save(update_fields=["in_group", "updated_at"])
        record_audit(
            action="legislation.mp.group", obj=mp, by=by, changes={"in_group": (before, in_group)}
        )


@dataclass(frozen=True)
class GroupMember:
    mp: MP
    bills: list[Bill]


def group_members() -> list[GroupMember]:
    """The group's MPs with the bills they sponsor (two queries)."""
    mps = list(MP.objects.filter(in_group=True).order_by("full_name"))
    names = {mp.full_name for mp in mps}
    sponsored: dict[str, list[Bill]] = {name: [] for name in names}
    for bill in Bill.objects.only("number", "title", "initiators", "stage", "registered_on"):
        for person in bill.initiators or []:
            if person in sponsored:
                sponsored[person].append(bill)
    return [GroupMember(mp, sponsored[mp.full_name]) for mp in mps]
