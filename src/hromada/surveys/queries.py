"""Reads of the surveys app: the panel of a wave, its respondents, earlier answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hromada.analytics.models import PeerGroup
from hromada.indicators.data_queries import format_number
from hromada.indicators.models import Observation
from hromada.indicators.population_bands import POPULATION_CODE, band_of
from hromada.members import roles
from hromada.members.models import MembershipStatus, Person, Section
from hromada.surveys.models import (
    FormVersion,
    Invitation,
    Mode,
    PanelKind,
    RespondentRole,
    Response,
    Survey,
    Wave,
)
from hromada.surveys.permissions import can_see_rates
from hromada.territories.models import Territory, TerritoryQuerySet

CODE = re.compile(r"UA\d{17}")


def panel_codes(text: str) -> list[str]:
    """KATOTTG codes in a pasted list, whatever separates them."""
    return CODE.findall(text.upper())


def population_bands(hromadas: QuerySet[Any], up_to_year: int | None = None) -> dict[int, str]:
    """By hromada: the code of the population band of its latest published population (up to
    the year, if given); hromadas without one are left out."""
    rows = Observation.objects.filter(
        indicator__code=POPULATION_CODE, sex="", value__isnull=False, territory_id__in=hromadas
    )
    if up_to_year is not None:
        rows = rows.filter(year__lte=up_to_year)
    latest = dict(rows.order_by("year").values_list("territory_id", "value"))  # last year wins
    return {
        hromada_id: band.code
        for hromada_id, value in latest.items()
        if (band := band_of(value)) is not None
    }


def peer_group_members(members: TerritoryQuerySet, group: PeerGroup) -> TerritoryQuerySet:
    """The members in an analysts' peer group: a saved list, or every hromada meeting all of
    the group's conditions (types, oblasts, population bands)."""
    if group.kind == PeerGroup.Kind.LIST:
        return members.filter(pk__in=group.hromadas.values("pk"))
    if group.hromada_types:
        members = members.filter(hromada_type__in=group.hromada_types)
    oblasts = group.oblasts.values("pk")
    if oblasts.exists():
        members = members.filter(oblast__in=oblasts)
    if group.bands:
        bands = population_bands(members.values("pk"))
        members = members.filter(pk__in=[pk for pk, code in bands.items() if code in group.bands])
    return members


def panel_hromadas(kind: str, value: str, section: Section | None) -> TerritoryQuerySet:
    """Active member hromadas in the panel an analyst picked."""
    members = Territory.objects.hromadas().filter(membership__status=MembershipStatus.ACTIVE)
    if kind == PanelKind.PEER_GROUP:
        group = PeerGroup.objects.filter(pk=int(value) if value.isdigit() else 0).first()
        return peer_group_members(members, group) if group else members.none()
    if kind == PanelKind.OBLAST:
        return members.filter(oblast__code=value)
    if kind == PanelKind.HROMADA_TYPE:
        return members.filter(hromada_type=value)
    if kind == PanelKind.SECTION:
        return members.filter(persons__sections=section).distinct()
    return members.filter(code__in=panel_codes(value))


def role_filter(role: str, section: Section | None) -> Q:
    if role in (RespondentRole.HEAD, RespondentRole.SECRETARY):
        return roles.in_role(role)
    return Q(sections=section)


def respondents(
    hromadas: TerritoryQuerySet, role: str, section: Section | None
) -> dict[int, Person]:
    """One person of the role per hromada (the first by name); hromadas without one are left out."""
    chosen: dict[int, Person] = {}
    people = Person.objects.filter(hromada__in=hromadas).filter(role_filter(role, section))
    for person in people.order_by("full_name", "pk"):
        if person.hromada_id is not None:
            chosen.setdefault(person.hromada_id, person)
    return chosen


def surveys(kind: str | None = None) -> QuerySet[Survey]:
    """Every survey, or those of one kind (members' surveys, training evaluations)."""
    rows = Survey.objects.prefetch_related("waves")
    return rows if kind is None else rows.filter(kind=kind)


def latest_form(survey: Survey) -> FormVersion | None:
    return survey.versions.order_by("-number").first()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a personal link names; None for a made-up or mistyped one."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("wave__survey", "wave__form", "hromada")
        .filter(token=token)
        .first()
    )


def previous_answers(invitation: Invitation) -> dict[str, str]:
    """The hromada's submitted answers in the survey's previous closed wave, for pre-filling."""
    wave = invitation.wave
    if not wave.prefill or wave.is_anonymous:
        return {}
    earlier = (
        Response.objects.filter(
            wave__survey_id=wave.survey_id,
            wave__year__lt=wave.year,
            wave__mode=Mode.CLOSED,
            hromada_id=invitation.hromada_id,
        )
        .order_by("-wave__year")
        .first()
    )
    return dict(earlier.answers) if earlier else {}


def waves_of(survey: Survey) -> QuerySet[Wave]:
    return survey.waves.select_related("form", "section").order_by("-year")


@dataclass(frozen=True)
class PublishedValue:
    """A hromada's latest published value of an indicator, to show beside a bound question."""

    value: str
    unit: str
    year: int


def published_beside(hromada_id: int, codes: set[str]) -> dict[str, PublishedValue]:
    """By indicator code: the latest published total of the hromada (public data only)."""
    if not codes:
        return {}
    found: dict[str, PublishedValue] = {}
    rows = (
        Observation.objects.filter(
            territory_id=hromada_id, indicator__code__in=codes, sex="", value__isnull=False
        )
        .select_related("indicator")
        .order_by("indicator_id", "-year")
    )
    for row in rows:
        indicator = row.indicator
        if indicator.code not in found and row.value is not None:
            text = format_number(row.value, indicator.decimals)
            found[indicator.code] = PublishedValue(text, indicator.unit, row.year)
    return found


def public_waves() -> QuerySet[Wave]:
    """Waves whose aggregated results an analyst has published: the only ones outsiders see."""
    return Wave.objects.filter(results_published_on__isnull=False)


def public_surveys() -> QuerySet[Survey]:
    """Surveys with at least one wave of published results, those waves prefetched."""
    return Survey.objects.filter(waves__results_published_on__isnull=False).distinct()


def public_wave(code: str, year: int) -> Wave | None:
    return (
        public_waves().select_related("survey", "form").filter(survey__code=code, year=year).first()
    )


def waves_of_section(section: Section, user: Any) -> QuerySet[Wave]:
    """A section's survey waves (panels of its members or answered by its contacts): all of
    them for staff who follow response rates, the ones with published results for others."""
    waves = Wave.objects.filter(section=section).select_related("survey").order_by("-year", "-pk")
    return waves if can_see_rates(user) else waves.filter(results_published_on__isnull=False)
