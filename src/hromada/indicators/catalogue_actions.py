"""Every change to the catalogue: create, edit, deactivate, load the seed, import a file.

Each change of an indicator's definition bumps its `version` and stores an IndicatorVersion
snapshot with who, when, why and where from. Codes are chosen once and never change. All
checks run before the first write, and every action runs in one transaction, so a
catalogue is written completely or not at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.indicators.catalogue_spec import (
    Catalogue,
    CatalogueError,
    IndicatorSpec,
    Problem,
    definition_of,
    spec_of,
)
from hromada.indicators.catalogue_validation import catalogue_problems
from hromada.indicators.models import Area, Indicator, IndicatorVersion

Origin = IndicatorVersion.Origin
MSG_CODE_TAKEN = _("An indicator with the code %(code)s already exists.")
MSG_CODE_FIXED = _("The code of an indicator cannot be changed.")


@dataclass
class ApplySummary:
    areas_created: int = 0
    areas_updated: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _require_analyst(by: User | None) -> None:
    """Commands act as the operator (by=None); people must be analysts."""
    if by is not None and not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts may change the indicator catalogue."))


def _user(by: User | None) -> Any:
    return by if getattr(by, "pk", None) else None


def _stored_formulas() -> dict[str, str]:
    return dict(Indicator.objects.values_list("code", "formula"))


def _check(catalogue: Catalogue, extra: list[Problem] | None = None) -> None:
    problems = (extra or []) + catalogue_problems(
        catalogue,
        stored_areas=set(Area.objects.values_list("code", flat=True)),
        stored_formulas=_stored_formulas(),
    )
    if problems:
        raise CatalogueError(problems)


def _fields(spec: IndicatorSpec, area: Area) -> dict[str, Any]:
    values = spec.definition()
    values["area"] = area
    values["order"] = spec.order
    return values


def _snapshot(
    indicator: Indicator, spec: IndicatorSpec, *, by: User | None, reason: str, origin: str
) -> IndicatorVersion:
    return IndicatorVersion(
        indicator=indicator,
        version=indicator.version,
        definition=spec.definition(),
        changed_by=_user(by),
        reason=reason,
        origin=origin,
    )


@transaction.atomic
def create_indicator(
    spec: IndicatorSpec, *, by: User | None, reason: str = "", origin: str = Origin.EDIT
) -> Indicator:
    _require_analyst(by)
    taken = Indicator.objects.filter(code=spec.code).exists()
    extra = [Problem("", str(MSG_CODE_TAKEN % {"code": spec.code}), spec.code, "code")]
    _check(Catalogue(indicators=[spec]), extra if taken else None)
    area = Area.objects.get(code=spec.area)
    indicator = Indicator.objects.create(code=spec.code, version=1, **_fields(spec, area))
    _snapshot(indicator, spec, by=by, reason=reason, origin=origin).save()
    record_audit(
        action="indicators.indicator.create",
        obj=indicator,
        by=by,
        changes={name: (None, value) for name, value in definition_of(indicator).items()},
        reason=reason,
    )
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator,
    spec: IndicatorSpec,
    *,
    by: User | None,
    reason: str = "",
    origin: str = Origin.EDIT,
) -> bool:
    """Store `spec` as the indicator's definition; True when it changed (a new version)."""
    _require_analyst(by)
    if spec.code != indicator.code:
        raise CatalogueError([Problem("", str(MSG_CODE_FIXED), indicator.code, "code")])
    _check(Catalogue(indicators=[spec]))
    locked = Indicator.objects.select_for_update().select_related("area").get(pk=indicator.pk)
    changed = _write(locked, spec, Area.objects.get(code=spec.area), by, reason, origin)
    indicator.refresh_from_db()
    return changed


def set_indicator_active(
    indicator: Indicator, active: bool, *, by: User | None, reason: str
) -> bool:
    spec = dataclasses.replace(spec_of(indicator), is_active=active)
    return update_indicator(indicator, spec, by=by, reason=reason)


def _write(
    indicator: Indicator, spec: IndicatorSpec, area: Area, by: User | None, reason: str, origin: str
) -> bool:
    before = definition_of(indicator) | {"order": indicator.order, "version": indicator.version}
    changed = definition_of(indicator) != spec.definition()
    if not changed and indicator.order == spec.order:
        return False
    for name, value in _fields(spec, area).items():
        setattr(indicator, name, value)
    if changed:
        indicator.version += 1
    indicator.save()
    if changed:
        _snapshot(indicator, spec, by=by, reason=reason, origin=origin).save()
    after = definition_of(indicator) | {"order": indicator.order, "version": indicator.version}
    record_audit(
        action="indicators.indicator.update",
        obj=indicator,
        by=by,
        changes={name: (before.get(name), value) for name, value in after.items()},
        reason=reason,
    )
    return changed


@transaction.atomic
def apply_catalogue(
    catalogue: Catalogue, *, by: User | None, reason: str, origin: str
) -> ApplySummary:
    """Write a whole catalogue (seed or imported file): all of it or, on a problem, nothing.

    New codes are created; changed definitions get a new version; codes missing from the
    catalogue are left as they are. For the seed, an indicator is compared with the last
    version the seed itself wrote, so a later edit on the site survives an unchanged seed.
    """
    _require_analyst(by)
    _check(catalogue)
    summary = ApplySummary()
    areas = _apply_areas(catalogue, summary)
    stored = {i.code: i for i in Indicator.objects.select_related("area")}
    baselines = _seed_baselines() if origin == Origin.SEED else {}
    new: list[tuple[Indicator, IndicatorSpec]] = []
    for spec in catalogue.indicators:
        indicator = stored.get(spec.code)
        if indicator is None:
            fields = _fields(spec, areas[spec.area])
            new.append((Indicator(code=spec.code, version=1, **fields), spec))
        elif baselines.get(indicator.pk) == spec.definition():
            summary.unchanged += 1
        elif _write(indicator, spec, areas[spec.area], by, reason, origin):
            summary.updated += 1
        else:
            summary.unchanged += 1
    Indicator.objects.bulk_create([indicator for indicator, _spec in new])
    created = {i.code: i for i in Indicator.objects.filter(code__in=[s.code for _i, s in new])}
    IndicatorVersion.objects.bulk_create(
        _snapshot(created[spec.code], spec, by=by, reason=reason, origin=origin)
        for _indicator, spec in new
    )
    summary.created = len(new)
    record_audit(
        action=f"indicators.catalogue.{'load_seed' if origin == Origin.SEED else 'import'}",
        by=by,
        object_type="indicators.catalogue",
        object_repr=str(origin),
        changes={
            name: (0, getattr(summary, name))
            for name in ("areas_created", "areas_updated", "created", "updated", "unchanged")
        },
        reason=reason,
    )
    return summary


def _apply_areas(catalogue: Catalogue, summary: ApplySummary) -> dict[str, Area]:
    areas = {area.code: area for area in Area.objects.all()}
    for spec in catalogue.areas:
        values = {k: v for k, v in dataclasses.asdict(spec).items() if k not in {"code", "where"}}
        area = areas.get(spec.code)
        if area is None:
            areas[spec.code] = Area.objects.create(code=spec.code, **values)
            summary.areas_created += 1
        elif any(getattr(area, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(area, name, value)
            area.save()
            summary.areas_updated += 1
    return areas


def _seed_baselines() -> dict[int, dict[str, Any]]:
    """Each indicator's definition as the seed last wrote it."""
    baselines: dict[int, dict[str, Any]] = {}
    versions = IndicatorVersion.objects.filter(origin=Origin.SEED).order_by("indicator", "-version")
    for indicator_id, definition in versions.values_list("indicator_id", "definition"):
        baselines.setdefault(indicator_id, definition)
    return baselines
