"""Waves addressed by another room to named people, such as the participants of a training event.

A panel wave invites one person per member hromada; here the calling room names the people
itself, each with its own reference ("learning.registration:12"), so several may come from one
hromada. The calling room has checked its own permission (a trainer of the event, or the system
when the event ends). From then on the wave is like any other: the same answering page by a
personal link, the same anonymity, review, results and e-mail machinery.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.surveys import queries
from hromada.surveys.actions import SurveyError
from hromada.surveys.models import (
    Invitation,
    InvitationState,
    Mode,
    PanelKind,
    RespondentRole,
    Survey,
    Wave,
)


@dataclass(frozen=True)
class Addressee:
    """A person the calling room invites: its own key for them, their hromada, their e-mail
    and the name the e-mails greet them by."""

    reference: str
    hromada_id: int
    email: str
    name: str = ""


@dataclass(frozen=True)
class PeopleWaveSpec:
    year: int
    closes_on: dt.date
    mode: str = Mode.ANONYMOUS
    # Off by default: a group of named people is small, and the type and oblast of each
    # answer would narrow it down to one person.
    keeps_place: bool = False


@transaction.atomic
def open_people_wave(
    survey: Survey, spec: PeopleWaveSpec, people: list[Addressee], *, by: Any
) -> Wave:
    """Open a wave on the survey's latest questionnaire with one personal link per person."""
    form = queries.latest_form(survey)
    if form is None:
        raise SurveyError(_("Upload the questionnaire before starting a wave."))
    if survey.waves.filter(year=spec.year).exists():
        raise SurveyError(_("This survey already has a wave in %(year)s.") % {"year": spec.year})
    wave = Wave.objects.create(
        survey=survey,
        form=form,
        year=spec.year,
        closes_on=spec.closes_on,
        mode=spec.mode,
        keeps_place=spec.keeps_place,
        panel_kind=PanelKind.PEOPLE,
        role=RespondentRole.NAMED,
        created_by=by if getattr(by, "pk", None) else None,
    )
    added = _create(wave, people, set())
    record_audit(action="surveys.wave.open", obj=wave, by=by, changes={"invitations": (0, added)})
    return wave


@transaction.atomic
def add_people(wave: Wave, people: list[Addressee], *, by: Any) -> int:
    """Invite those of `people` the wave does not know yet (by reference); returns how many."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    known = set(wave.invitations.values_list("reference", flat=True))
    added = _create(wave, people, known)
    if added:
        record_audit(
            action="surveys.wave.add_people",
            obj=wave,
            by=by,
            changes={"invitations": (len(known), len(known) + added)},
        )
    return added


@transaction.atomic
def withdraw_people(wave: Wave, references: list[str], *, by: Any) -> int:
    """Take back the personal links of these references not yet answered, when the calling
    room no longer counts the people among those asked; returns how many. An answer already
    submitted stays: it is anonymous, and nothing says which one it was."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    unanswered = wave.invitations.filter(reference__in=references).exclude(
        state=InvitationState.SUBMITTED
    )
    before = wave.invitations.count()
    taken, _by_model = unanswered.delete()
    if taken:
        record_audit(
            action="surveys.wave.withdraw_people",
            obj=wave,
            by=by,
            changes={"invitations": (before, before - taken)},
        )
    return taken


def _create(wave: Wave, people: list[Addressee], known: set[str]) -> int:
    new: dict[str, Addressee] = {}
    for person in people:
        if person.reference and person.reference not in known:
            new.setdefault(person.reference, person)
    Invitation.objects.bulk_create(
        Invitation(
            wave=wave,
            hromada_id=person.hromada_id,
            email=person.email,
            reference=person.reference,
            name=person.name[:200],
        )
        for person in new.values()
    )
    return len(new)


def invitations_of(wave: Wave, references: list[str]) -> dict[str, Invitation]:
    """The wave's invitations of these references, by reference."""
    rows = wave.invitations.filter(reference__in=references)
    return {invitation.reference: invitation for invitation in rows}
