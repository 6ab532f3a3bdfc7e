"""Every change of the surveys app: permission first, then validation, then the write and its
audit entry, in one transaction.

Respondents have no account; the token of their invitation is their permission, and the
respondent actions take the invitation the token named.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.surveys import answering, queries
from hromada.surveys.builder import PageQuestion, build_workbook, on_the_page
from hromada.surveys.models import (
    FormVersion,
    Invitation,
    InvitationState,
    Mode,
    PanelKind,
    RespondentRole,
    Response,
    ReviewState,
    Survey,
    SurveyKind,
    Wave,
    WaveState,
)
from hromada.surveys.permissions import can_manage_surveys
from hromada.surveys.questions import questions_of
from hromada.surveys.xlsform import XLSFormError, read_xlsform


class SurveyError(Exception):
    """A request that cannot be done; `message` says why in the user's language."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


def _require_manager(by: Any) -> None:
    if not can_manage_surveys(by):
        raise PermissionDenied


@dataclass(frozen=True)
class SurveySpec:
    code: str
    title_uk: str
    title_en: str = ""
    description_uk: str = ""
    description_en: str = ""
    kind: str = SurveyKind.MEMBERS


def create_survey(spec: SurveySpec, *, by: Any) -> Survey:
    _require_manager(by)
    return make_survey(spec, by=by)


@transaction.atomic
def make_survey(spec: SurveySpec, *, by: Any) -> Survey:
    """Create a survey without the analysts' permission check: for `create_survey` and for a
    room that has checked its own (a training event's evaluation)."""
    if Survey.objects.filter(code=spec.code).exists():
        raise SurveyError(_("A survey with the code “%(code)s” exists.") % {"code": spec.code})
    survey = Survey.objects.create(
        code=spec.code,
        title_uk=spec.title_uk,
        title_en=spec.title_en,
        description_uk=spec.description_uk,
        description_en=spec.description_en,
        kind=spec.kind,
        created_by=by if getattr(by, "pk", None) else None,
    )
    record_audit(action="surveys.survey.create", obj=survey, by=by)
    return survey


def upload_form(survey: Survey, file_name: str, data: bytes, *, by: Any) -> FormVersion:
    """Store a new questionnaire version made from an XLSForm workbook, or say what is wrong."""
    _require_manager(by)
    return _store_form(survey, file_name, data, by=by)


@transaction.atomic
def _store_form(survey: Survey, file_name: str, data: bytes, *, by: Any) -> FormVersion:
    try:
        definition = read_xlsform(data)
    except XLSFormError as error:
        raise SurveyError(
            _("The questionnaire was not saved: the workbook has mistakes."),
            [str(problem) for problem in error.problems],
        ) from error
    latest = queries.latest_form(survey)
    version = FormVersion.objects.create(
        survey=survey,
        number=(latest.number + 1) if latest else 1,
        definition=definition,
        file_name=file_name[:300],
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record_audit(
        action="surveys.form.upload",
        obj=version,
        by=by,
        changes={"file_name": ("", version.file_name)},
    )
    return version


def build_form(survey: Survey, questions: list[PageQuestion], *, by: Any) -> FormVersion:
    """Store a questionnaire built on the page, validated by pyxform like an uploaded one."""
    _require_manager(by)
    return store_built_form(survey, questions, by=by)


@transaction.atomic
def store_built_form(survey: Survey, questions: list[PageQuestion], *, by: Any) -> FormVersion:
    """`build_form` without the analysts' permission check, for a room that has checked its
    own (a training event's evaluation made from its template)."""
    if not questions:
        raise SurveyError(_("Add at least one question."))
    built = build_workbook(questions)
    try:
        read_xlsform(built.data)
    except XLSFormError as error:
        raise SurveyError(
            _("The questionnaire was not saved: some questions have mistakes."),
            [on_the_page(problem, built) for problem in error.problems],
        ) from error
    return _store_form(survey, "built-on-the-page.xlsx", built.data, by=by)


@dataclass(frozen=True)
class WaveSpec:
    year: int
    closes_on: Any
    mode: str
    panel_kind: str
    panel_value: str
    role: str
    section: Any = None
    keeps_place: bool = True
    prefill: bool = False


@dataclass(frozen=True)
class WaveOpened:
    wave: Wave
    invited: int
    without_respondent: int


def _check_wave(survey: Survey, spec: WaveSpec) -> None:
    if survey.waves.filter(year=spec.year).exists():
        raise SurveyError(_("This survey already has a wave in %(year)s.") % {"year": spec.year})
    needs_section = (
        spec.panel_kind == PanelKind.SECTION or spec.role == RespondentRole.SECTION_CONTACT
    )
    if needs_section and spec.section is None:
        raise SurveyError(_("Choose the section."))
    if spec.panel_kind == PanelKind.CODES and not queries.panel_codes(spec.panel_value):
        raise SurveyError(_("The list holds no KATOTTG codes (UA and 17 digits)."))


@transaction.atomic
def open_wave(survey: Survey, spec: WaveSpec, *, by: Any) -> WaveOpened:
    """Start a wave on the latest questionnaire and make one personal link per panel hromada."""
    _require_manager(by)
    if survey.is_training_evaluation:
        raise SurveyError(_("A training evaluation's wave is opened from its event's page."))
    _check_wave(survey, spec)
    form = queries.latest_form(survey)
    if form is None:
        raise SurveyError(_("Upload the questionnaire before starting a wave."))
    hromadas = queries.panel_hromadas(spec.panel_kind, spec.panel_value, spec.section)
    people = queries.respondents(hromadas, spec.role, spec.section)
    if not people:
        raise SurveyError(_("No member hromada of this panel has a person in this role."))
    wave = Wave.objects.create(
        survey=survey,
        form=form,
        year=spec.year,
        closes_on=spec.closes_on,
        mode=spec.mode,
        keeps_place=spec.keeps_place,
        prefill=spec.prefill and spec.mode == Mode.CLOSED,
        panel_kind=spec.panel_kind,
        panel_value=spec.panel_value,
        role=spec.role,
        section=spec.section,
        created_by=by,
    )
    Invitation.objects.bulk_create(
        Invitation(wave=wave, hromada_id=hromada_id, person=person, email=person.email)
        for hromada_id, person in people.items()
    )
    record_audit(
        action="surveys.wave.open",
        obj=wave,
        by=by,
        changes={"invitations": (0, len(people))},
    )
    return WaveOpened(wave, len(people), hromadas.count() - len(people))


@transaction.atomic
def close_wave(wave: Wave, *, by: Any) -> Wave:
    _require_manager(by)
    old = wave.state
    wave.state = WaveState.CLOSED
    wave.save(update_fields=["state"])
    record_audit(action="surveys.wave.close", obj=wave, by=by, changes={"state": (old, wave.state)})
    return wave


@transaction.atomic
def publish_results(wave: Wave, *, by: Any) -> Wave:
    """Make the aggregated results of a closed wave public: its response rates, frequencies
    and cross-tabs (never the answers row by row) in the API and on the results page."""
    _require_manager(by)
    if wave.state != WaveState.CLOSED:
        raise SurveyError(_("Close the wave before publishing its results."))
    if wave.results_published_on is not None:
        raise SurveyError(_("The results of this wave are published already."))
    if not wave.responses.exists():
        raise SurveyError(_("The wave has no responses to publish."))
    wave.results_published_on = timezone.localdate()
    wave.save(update_fields=["results_published_on"])
    record_audit(
        action="surveys.wave.publish_results",
        obj=wave,
        by=by,
        changes={"results_published_on": (None, wave.results_published_on)},
    )
    return wave


def _may_answer(invitation: Invitation) -> None:
    """The token's own permission: an open wave, and a questionnaire not yet submitted."""
    if invitation.wave.state != WaveState.OPEN:
        raise SurveyError(_("This survey wave is closed; answers are no longer accepted."))
    if invitation.state == InvitationState.SUBMITTED:
        raise SurveyError(_("This questionnaire has been submitted already."))


def _questions(invitation: Invitation) -> list[Any]:
    return questions_of(invitation.wave.form.definition)


@transaction.atomic
def save_draft(invitation: Invitation, raw: dict[str, str]) -> answering.Checked:
    """Keep the answers so far, to continue later; wrong ones are kept and pointed out."""
    invitation = (
        Invitation.objects.select_for_update().select_related("wave__form").get(pk=invitation.pk)
    )
    _may_answer(invitation)
    checked = answering.check(_questions(invitation), raw, final=False)
    old = invitation.state
    invitation.draft = {name: value for name, value in raw.items() if value}
    invitation.state = InvitationState.STARTED
    invitation.save(update_fields=["draft", "state"])
    if invitation.wave.is_anonymous:
        # Named by wave only: times of saves per invitation would hint at whose answer is whose.
        record_audit(action="surveys.response.save_anonymous", obj=invitation.wave)
    else:
        record_audit(
            action="surveys.invitation.save",
            obj=invitation,
            changes={"state": (old, invitation.state)},
        )
    return checked


@transaction.atomic
def submit_answers(invitation: Invitation, raw: dict[str, str]) -> answering.Checked:
    """Submit the questionnaire if every answer holds; otherwise keep it as a draft.

    In an anonymous wave the answers go to a Response that has no link back: no invitation,
    no hromada, only the day and (if the wave keeps it) the hromada's type and oblast; the
    audit entry names the wave, not the invitation.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("wave__form", "hromada")
        .get(pk=invitation.pk)
    )
    _may_answer(invitation)
    checked = answering.check(_questions(invitation), raw, final=True)
    if not checked.ok:
        return checked
    wave = invitation.wave
    hromada = invitation.hromada
    anonymous = wave.mode == Mode.ANONYMOUS
    place = not anonymous or wave.keeps_place
    Response.objects.create(
        wave=wave,
        invitation=None if anonymous else invitation,
        hromada=None if anonymous else hromada,
        oblast_id=hromada.oblast_id if place else None,
        hromada_type=hromada.hromada_type if place else "",
        answers=checked.answers,
        submitted_on=timezone.localdate(),
    )
    invitation.draft = {}
    invitation.state = InvitationState.SUBMITTED
    invitation.save(update_fields=["draft", "state"])
    if anonymous:
        record_audit(action="surveys.response.submit_anonymous", obj=wave)
    else:
        record_audit(
            action="surveys.response.submit",
            obj=invitation,
            changes={"state": (InvitationState.STARTED, InvitationState.SUBMITTED)},
        )
    return checked


@transaction.atomic
def mark_sent(invitations: list[Invitation], *, reminder: bool) -> None:
    """Note that invitations (or reminders) went out; called by the mailing task."""
    field = "reminded_at" if reminder else "sent_at"
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(**{field: now})
    if not invitations:
        return
    # One entry per mailing batch, as for imports: the log says who was written to, not
    # one row per e-mail.
    record_audit(
        action=f"surveys.invitation.{'remind' if reminder else 'send'}",
        obj=invitations[0].wave,
        changes={"invitations": (0, len(invitations))},
    )


@transaction.atomic
def review_response(response: Response, *, state: str, comment: str, by: Any) -> Response:
    """Mark a response received, having issues, approved or rejected; the last two of the
    negative kind need a comment saying why."""
    _require_manager(by)
    if state not in ReviewState.values:
        raise SurveyError(_("Choose a review state."))
    comment = comment.strip()
    if state in {ReviewState.HAS_ISSUES, ReviewState.REJECTED} and not comment:
        raise SurveyError(_("Say what is wrong with the response in the comment."))
    old = response.review
    response.review, response.review_comment = state, comment
    response.save(update_fields=["review", "review_comment"])
    record_audit(
        action="surveys.response.review",
        obj=response,
        by=by,
        changes={"review": (old, state)},
        reason=comment,
    )
    return response


@transaction.atomic
def approve_received(wave: Wave, *, by: Any) -> int:
    """Approve every response of the wave still in the received state; returns how many."""
    _require_manager(by)
    received = wave.responses.filter(review=ReviewState.RECEIVED)
    count = received.update(review=ReviewState.APPROVED)
    record_audit(
        action="surveys.wave.approve_received",
        obj=wave,
        by=by,
        changes={"approved": (0, count)},
    )
    return count


def start_mailing(wave: Wave, *, reminder: bool, by: Any) -> Any:
    """Queue the invitations (or reminders to those who have not submitted) of a wave."""
    _require_manager(by)
    if wave.state != WaveState.OPEN:
        raise SurveyError(_("This survey wave is closed; answers are no longer accepted."))
    from hromada.jobs.actions import start_job
    from hromada.surveys.tasks import send_invitations

    label = _("Reminders: %(wave)s") if reminder else _("Invitations: %(wave)s")
    return start_job(send_invitations, wave.pk, reminder, by=by, label=label % {"wave": wave})


def start_export(wave: Wave, file_format: str, *, by: Any) -> Any:
    """Queue the export of a wave's answers as CSV, XLSX or JSON; the jobs page links the file."""
    _require_manager(by)
    if file_format not in {"csv", "xlsx", "json"}:
        raise SurveyError(_("Choose CSV, XLSX or JSON."))
    from hromada.jobs.actions import start_job
    from hromada.surveys.tasks import export_answers

    label = _("Answers of %(wave)s (%(format)s)") % {"wave": wave, "format": file_format.upper()}
    return start_job(export_answers, wave.pk, file_format, by=by, label=label)
