"""Changes to peer groups: atomic, for analysts only, each leaving a PeerGroupChange row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.analytics.models import PeerGroup, PeerGroupChange
from hromada.territories.models import Level, Territory


@dataclass(frozen=True)
class PeerGroupInput:
    name_uk: str
    kind: str
    name_en: str = ""
    description: str = ""
    hromada_types: list[str] = field(default_factory=list)
    bands: list[str] = field(default_factory=list)
    oblast_ids: list[int] = field(default_factory=list)
    members_only: bool = False
    hromada_codes: list[str] = field(default_factory=list)


def _require_analyst(by: Any) -> None:
    if by is not None and not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts define peer groups."))


def _apply(group: PeerGroup, data: PeerGroupInput) -> dict[str, Any]:
    hromadas = list(
        Territory.objects.valid().filter(level=Level.HROMADA, code__in=data.hromada_codes)
    )
    unknown = sorted(set(data.hromada_codes) - {t.code for t in hromadas})
    if unknown:
        raise ValidationError(
            _("Not current hromada codes: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    is_list = data.kind == PeerGroup.Kind.LIST
    group.name_uk, group.name_en, group.description = data.name_uk, data.name_en, data.description
    group.kind = data.kind
    group.hromada_types = [] if is_list else list(data.hromada_types)
    group.bands = [] if is_list else list(data.bands)
    group.members_only = False if is_list else data.members_only
    group.save()
    group.oblasts.set([] if is_list else data.oblast_ids)
    group.hromadas.set(hromadas if is_list else [])
    return {
        "kind": group.kind,
        "hromada_types": group.hromada_types,
        "bands": group.bands,
        "oblasts": sorted(data.oblast_ids) if not is_list else [],
        "members_only": group.members_only,
        "hromadas": sorted(t.code for t in hromadas) if is_list else [],
    }


def _audit(
    group: PeerGroup | None, name: str, action: str, by: Any, changes: dict[str, Any]
) -> None:
    user = by if getattr(by, "pk", None) else None
    PeerGroupChange.objects.create(
        group=group, group_name=name[:200], action=action, changes=changes, changed_by=user
    )


@transaction.atomic
def create_peer_group(data: PeerGroupInput, *, by: Any) -> PeerGroup:
    _require_analyst(by)
    group = PeerGroup(created_by=by if getattr(by, "pk", None) else None)
    changes = _apply(group, data)
    _audit(group, group.name_uk, PeerGroupChange.Action.CREATE, by, changes)
    return group


@transaction.atomic
def update_peer_group(group: PeerGroup, data: PeerGroupInput, *, by: Any) -> PeerGroup:
    _require_analyst(by)
    changes = _apply(group, data)
    _audit(group, group.name_uk, PeerGroupChange.Action.UPDATE, by, changes)
    return group


@transaction.atomic
def delete_peer_group(group: PeerGroup, *, by: Any) -> None:
    _require_analyst(by)
    _audit(None, group.name_uk, PeerGroupChange.Action.DELETE, by, {"id": group.pk})
    group.delete()
