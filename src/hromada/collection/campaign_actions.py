"""Creating, editing and copying campaigns: analysts' work, each an atomic action."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import field_changes, record_audit
from hromada.collection.errors import CollectionError
from hromada.collection.models import DEFAULT_CHANGE_THRESHOLD, Campaign, Item, Section, Submission
from hromada.collection.permissions import can_manage_campaigns
from hromada.indicators.models import Indicator
from hromada.members.queries import member_hromadas
from hromada.territories.models import Level, Territory


@dataclass(frozen=True)
class ItemSpec:
    section: str
    code: str
    required: bool = True
    help_uk: str = ""
    help_en: str = ""
    change_threshold: float | None = None


@dataclass(frozen=True)
class CampaignSpec:
    year: int
    name_uk: str
    opens_on: dt.date
    closes_on: dt.date
    items: list[ItemSpec]
    name_en: str = ""
    reminder_days: list[int] = field(default_factory=lambda: [14, 7, 1])
    change_threshold: float = DEFAULT_CHANGE_THRESHOLD
    hromada_codes: list[str] | None = None  # None: every member hromada


def _check(spec: CampaignSpec) -> tuple[dict[str, Indicator], list[Territory]]:
    if spec.closes_on < spec.opens_on:
        raise CollectionError(_("The closing date is before the opening date."))
    if not spec.items:
        raise CollectionError(_("The questionnaire has no indicators."))
    codes = [item.code for item in spec.items]
    indicators = Indicator.objects.in_bulk(codes, field_name="code")
    problems = [
        _("Unknown indicator: %(code)s.") % {"code": c} for c in codes if c not in indicators
    ]
    problems += [
        _("%(code)s is derived (computed by a formula); only base indicators are collected.")
        % {"code": c}
        for c in codes
        if c in indicators and indicators[c].is_derived
    ]
    if len(set(codes)) != len(codes):
        problems.append(_("An indicator appears twice in the questionnaire."))
    territories = _reporters(spec, problems)
    if problems:
        raise CollectionError(_("The campaign cannot be saved."), problems)
    return indicators, territories


def _reporters(spec: CampaignSpec, problems: list[str]) -> list[Territory]:
    if spec.hromada_codes is None:
        return list(member_hromadas().filter(level=Level.HROMADA))
    found = Territory.objects.in_bulk(spec.hromada_codes, field_name="code")
    problems += [
        _("Unknown hromada code: %(code)s.") % {"code": c}
        for c in spec.hromada_codes
        if c not in found or found[c].level != Level.HROMADA
    ]
    if not spec.hromada_codes:
        problems.append(_("Choose at least one hromada."))
    return list(found.values())


def _write_questionnaire(
    campaign: Campaign, spec: CampaignSpec, indicators: dict[str, Indicator]
) -> None:
    campaign.items.all().delete()
    campaign.sections.all().delete()
    sections: dict[str, Section] = {}
    for order, line in enumerate(spec.items):
        if line.section not in sections:
            title_uk, _sep, title_en = line.section.partition(" / ")
            sections[line.section] = Section.objects.create(
                campaign=campaign, order=len(sections), title_uk=title_uk, title_en=title_en
            )
        Item.objects.create(
            campaign=campaign,
            section=sections[line.section],
            indicator=indicators[line.code],
            order=order,
            required=line.required,
            help_uk=line.help_uk,
            help_en=line.help_en,
            change_threshold=line.change_threshold,
        )


def _sync_reporters(campaign: Campaign, territories: list[Territory]) -> None:
    wanted = {t.pk for t in territories}
    existing = set(campaign.submissions.values_list("territory_id", flat=True))
    Submission.objects.bulk_create(
        [Submission(campaign=campaign, territory_id=pk) for pk in sorted(wanted - existing)]
    )
    # A hromada that already started keeps its submission; untouched ones are dropped.
    campaign.submissions.filter(territory_id__in=existing - wanted, state="not_started").delete()


def _fields(spec: CampaignSpec) -> dict[str, Any]:
    return {
        "year": spec.year,
        "name_uk": spec.name_uk,
        "name_en": spec.name_en,
        "opens_on": spec.opens_on,
        "closes_on": spec.closes_on,
        "reminder_days": sorted(set(spec.reminder_days), reverse=True),
        "change_threshold": spec.change_threshold,
        "all_members": spec.hromada_codes is None,
    }


@transaction.atomic
def create_campaign(spec: CampaignSpec, *, by: User | None) -> Campaign:
    if not can_manage_campaigns(by):
        raise PermissionDenied
    indicators, territories = _check(spec)
    campaign = Campaign.objects.create(created_by=by, **_fields(spec))
    _write_questionnaire(campaign, spec, indicators)
    _sync_reporters(campaign, territories)
    record_audit(
        action="collection.campaign.create",
        obj=campaign,
        by=by,
        changes={name: (None, value) for name, value in _fields(spec).items()},
    )
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, spec: CampaignSpec, *, by: User | None) -> Campaign:
    if not can_manage_campaigns(by):
        raise PermissionDenied
    indicators, territories = _check(spec)
    before = {name: getattr(campaign, name) for name in _fields(spec)}
    for name, value in _fields(spec).items():
        setattr(campaign, name, value)
    campaign.save()
    _write_questionnaire(campaign, spec, indicators)
    _sync_reporters(campaign, territories)
    record_audit(
        action="collection.campaign.update",
        obj=campaign,
        by=by,
        changes=field_changes(before, campaign, before),
    )
    return campaign


def spec_of(campaign: Campaign) -> CampaignSpec:
    """A campaign as a spec, for its edit form and for copying it."""
    items = [
        ItemSpec(
            section=" / ".join(t for t in (item.section.title_uk, item.section.title_en) if t),
            code=item.indicator.code,
            required=item.required,
            help_uk=item.help_uk,
            help_en=item.help_en,
            change_threshold=item.change_threshold,
        )
        for item in campaign.items.select_related("section", "indicator")
    ]
    codes = None
    if not campaign.all_members:
        codes = list(campaign.submissions.values_list("territory__code", flat=True))
    return CampaignSpec(
        year=campaign.year,
        name_uk=campaign.name_uk,
        name_en=campaign.name_en,
        opens_on=campaign.opens_on,
        closes_on=campaign.closes_on,
        items=items,
        reminder_days=list(campaign.reminder_days),
        change_threshold=campaign.change_threshold,
        hromada_codes=codes,
    )


def _next_year(day: dt.date) -> dt.date:
    return (
        day.replace(year=day.year + 1)
        if (day.month, day.day) != (2, 29)
        else day + dt.timedelta(365)
    )


@transaction.atomic
def copy_campaign(source: Campaign, *, by: User | None) -> Campaign:
    """Next year's campaign: the same questionnaire and reporters, dates a year later."""
    spec = spec_of(source)
    copied = replace(
        spec,
        year=spec.year + 1,
        name_uk=spec.name_uk.replace(str(spec.year), str(spec.year + 1)),
        name_en=spec.name_en.replace(str(spec.year), str(spec.year + 1)),
        opens_on=_next_year(spec.opens_on),
        closes_on=_next_year(spec.closes_on),
    )
    return create_campaign(copied, by=by)
