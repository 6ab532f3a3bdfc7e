"""Changes to peer groups: atomic, for analysts only, each leaving an audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.analytics.models import PeerGroup
from hromada.audit.actions import record_audit
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


def _require_analyst(by: User | None) -> None:
    if by is not None and not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts define peer groups."))


def _apply(group: PeerGroup, data: PeerGroupInput) -> dict[str, object]:
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


def _described(group: PeerGroup) -> dict[str, object]:
    """What a group is, in the shape `_apply` returns, to compare before and after."""
    return {
        "name_uk": group.name_uk,
        "kind": group.kind,
        "hromada_types": group.hromada_types,
        "bands": group.bands,
        "oblasts": sorted(group.oblasts.values_list("pk", flat=True)),
        "members_only": group.members_only,
        "hromadas": sorted(group.hromadas.values_list("code", flat=True)),
    }


@transaction.atomic
def create_peer_group(data: PeerGroupInput, *, by: User | None) -> PeerGroup:
    _require_analyst(by)
    group = PeerGroup(created_by=by if getattr(by, "pk", None) else None)
    after = _apply(group, data) | {"name_uk": group.name_uk}
    changes = {name: (None, value) for name, value in after.items()}
    record_audit(action="analytics.peergroup.create", obj=group, by=by, changes=changes)
    return group


@transaction.atomic
def update_peer_group(group: PeerGroup, data: PeerGroupInput, *, by: User | None) -> PeerGroup:
    _require_analyst(by)
    before = _described(group)
    after = _apply(group, data) | {"name_uk": group.name_uk}
    changes = {name: (before.get(name), value) for name, value in after.items()}
    record_audit(action="analytics.peergroup.update", obj=group, by=by, changes=changes)
    return group


@transaction.atomic
def delete_peer_group(group: PeerGroup, *, by: User | None) -> None:
    _require_analyst(by)
    record_audit(
        action="analytics.peergroup.delete",
        obj=group,
        by=by,
        changes={name: (value, None) for name, value in _described(group).items()},
    )
    group.delete()
