"""Pages of training and the practice library. Views are thin: queries read, actions write."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.learning import (
    actions,
    certificates,
    charts,
    evaluation,
    file_views,
    outcomes,
    practice_actions,
    queries,
)
from hromada.learning import attendance_sheet as attendance_sheet_reader
from hromada.learning.forms import (
    AdoptionForm,
    AttendanceSheetForm,
    EventForm,
    PracticeForm,
    RegistrationForm,
    ReviewForm,
    RevokeForm,
    session_formset,
)
from hromada.learning.models import (
    Certificate,
    Event,
    Practice,
    PracticeState,
    Presence,
    Registration,
    RegistrationState,
    Session,
)
from hromada.surveys.actions import SurveyError
from hromada.territories.models import Territory, TerritoryQuerySet


def _hromadas(request: HttpRequest) -> TerritoryQuerySet:
    return permissions.covered_territories(request.user, Territory.objects.hromadas().valid())


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/event_list.html",
        {
            # A user, not a query set: analysts and trainers see unpublished events too.
            "upcoming": queries.upcoming(request.user),
            "past": queries.past(request.user)[:50],
            "mine": queries.registrations_of(request.user).exclude(
                state=RegistrationState.CANCELLED
            ),
        },
    )


def _event(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(queries.events_for(request.user), pk=pk)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    hromadas = _hromadas(request) if request.user.is_authenticated else Territory.objects.none()
    staff = actions.can_mark(request.user, event)
    registrations = event.registrations.select_related("hromada")
    if not permissions.is_analyst(request.user):
        registrations = registrations.filter(hromada__in=hromadas)
    initial = (
        {"full_name": request.user.get_full_name(), "email": request.user.email}
        if request.user.is_authenticated
        else {}
    )
    registration_closed = actions.registration_refusal(event, request.user)
    return render(
        request,
        "learning/event_detail.html",
        {
            "event": event,
            "sessions": event.sessions.all(),
            "hours": queries.total_hours(event),
            "seats_left": max(0, event.capacity - queries.seats_taken(event)),
            "form": RegistrationForm(hromadas=hromadas, initial=initial)
            if hromadas.exists() and not registration_closed
            else None,
            "registration_closed": registration_closed,
            "registrations": certificates.completions(registrations, event)
            if (staff or registrations)
            else [],
            "staff": staff,
            "is_analyst": permissions.is_analyst(request.user),
            "evaluation": evaluation.summary(event) if staff else None,
            "ended": queries.event_ended(event),
        },
    )


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = RegistrationForm(request.POST, hromadas=_hromadas(request))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("learning:event", pk=event.pk)
    try:
        registration = actions.register(event, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.state == RegistrationState.CONFIRMED:
            messages.success(request, _("Registered: the place is confirmed."))
        else:
            messages.warning(
                request,
                _(
                    "All places are taken: on the waiting list. "
                    "A freed place goes to the first in the list."
                ),
            )
    return redirect("learning:event", pk=event.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, pk=pk)
    actions.cancel(registration, by=request.user)
    messages.success(request, _("Registration cancelled."))
    return redirect("learning:event", pk=registration.event_id)


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    if not actions.can_mark(request.user, session.event):
        raise PermissionDenied
    registrations = session.event.registrations.filter(
        state=RegistrationState.CONFIRMED
    ).select_related("hromada")
    if request.method == "POST":
        marks = {
            r.pk: request.POST[f"r{r.pk}"] for r in registrations if request.POST.get(f"r{r.pk}")
        }
        try:
            changed = actions.mark_attendance(session, by=request.user, marks=marks)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Attendance saved: %(count)s marks changed.") % {"count": changed}
            )
        return redirect("learning:attendance", pk=session.pk)
    marked = dict(session.attendance.values_list("registration_id", "presence"))
    rows = [(r, marked.get(r.pk, "")) for r in registrations]
    return render(
        request,
        "learning/attendance.html",
        {"session": session, "rows": rows, "choices": Presence.choices},
    )


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    try:
        issued = certificates.issue_certificates(event, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s certificates issued; their PDFs are being made.") % {"count": len(issued)},
        )
    return redirect("learning:event", pk=event.pk)


@login_required
@require_POST
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    try:
        actions.send_event_letters(event, by=request.user)
    except SurveyError as error:  # the evaluation survey could not be made or opened
        messages.error(request, error.message)
    else:
        messages.success(request, _("The letters are being sent in the background."))
    return redirect("learning:event", pk=event.pk)


@login_required
def certificates_zip(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in Certificate.objects.filter(registration__event=event).exclude(pdf=""):
            with certificate.pdf.open("rb") as handle:
                archive.writestr(f"{certificate.number}.pdf", handle.read())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="certificates-{event.pk}.zip"'
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public check of a certificate: the name and the training, no other personal data."""
    certificate = Certificate.objects.filter(check_code=code).first() if _uuid(code) else None
    if certificate is None:
        raise Http404(_("No certificate has this check code."))
    return render(request, "learning/verify.html", {"certificate": certificate})


def _uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> FileResponse:
    certificate = get_object_or_404(Certificate.objects.select_related("registration"), pk=pk)
    own = queries.registrations_of(request.user).filter(pk=certificate.registration_id).exists()
    if not (own or permissions.covers(request.user, certificate.registration.hromada)):
        raise PermissionDenied
    if not certificate.pdf:
        raise Http404(_("The PDF is still being made; try again in a minute."))
    return FileResponse(
        certificate.pdf.open("rb"), as_attachment=True, filename=f"{certificate.number}.pdf"
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        certificates.revoke(certificate, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Certificate revoked."))
    return redirect("learning:event", pk=certificate.registration.event_id)


@login_required
def record(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/record.html",
        {
            "years": queries.record_of(request.user),
            "to_evaluate": evaluation.pending_for(request.user),
        },
    )


@login_required
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    sessions = session_formset()(request.POST or None, instance=event or Event())
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        with transaction.atomic():
            saved = form.save()
            sessions.instance = saved
            sessions.save()
            record_audit(
                action="learning.event.save",
                obj=saved,
                by=request.user,
                changes={"title": ("" if event is None else event.title, saved.title)},
            )
            evaluation.schedule_opening(saved, by=request.user)
        messages.success(request, _("Event saved."))
        return redirect("learning:event", pk=saved.pk)
    return render(
        request, "learning/event_form.html", {"form": form, "sessions": sessions, "event": event}
    )


def _filters(request: HttpRequest) -> queries.PracticeFilters:
    def get(name: str) -> str:
        return request.GET.get(name, "")[:200].strip()

    return queries.PracticeFilters(
        text=get("q"),
        section=get("section"),
        subject=get("subject"),
        oblast=get("oblast"),
        hromada_type=get("type"),
        evidence=get("evidence"),
        size=get("size"),
    )


def practice_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    rows = queries.practices(filters)
    waiting = (
        Practice.objects.exclude(state=PracticeState.PUBLISHED).select_related("hromada")
        if permissions.is_analyst(request.user)
        else None
    )
    return render(
        request,
        "learning/practice_list.html",
        {
            "rows": rows[:100],
            "filters": filters,
            "choices": queries.practice_filter_choices(),
            "waiting": waiting,
        },
    )


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("hromada", "section"), pk=pk)
    if practice.state != PracticeState.PUBLISHED and not (
        permissions.is_analyst(request.user) or permissions.covers(request.user, practice.hromada)
    ):
        raise Http404(_("No such practice is published."))
    results = outcomes.practice_outcomes(practice)
    may_add_files = file_views.may_add(request.user, practice)
    file_form = file_views.PracticeFileForm() if may_add_files else None
    adopters = (
        _hromadas(request).exclude(pk=practice.hromada_id)
        if request.user.is_authenticated and practice.state == PracticeState.PUBLISHED
        else Territory.objects.none()
    )
    return render(
        request,
        "learning/practice_detail.html",
        {
            "practice": practice,
            "targets": practice.target_indicators.all(),
            "adoptions": practice.adoptions.select_related("hromada"),
            "outcomes": results,
            "charts_and_outcomes": [(charts.outcome_chart(r), r) for r in results],
            "review_form": (
                ReviewForm(practice=practice) if permissions.is_analyst(request.user) else None
            ),
            "adopt_form": AdoptionForm(hromadas=adopters) if adopters.exists() else None,
            "files": list(practice.files.only("pk", "title", "file_name", "content_type")),
            "file_form": file_form,
        },
    )


@login_required
@require_POST
def practice_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice, pk=pk, state=PracticeState.PUBLISHED)
    form = AdoptionForm(request.POST, hromadas=_hromadas(request))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("learning:practice", pk=practice.pk)
    try:
        practice_actions.adopt_practice(practice, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the adoption is recorded on the practice."))
    return redirect("learning:practice", pk=practice.pk)


SHEET_KEY = "learning-attendance-sheet-%s"


@login_required
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a sheet, see what it would change, then confirm: all of it or nothing."""
    event = _event(request, pk)
    if not actions.can_mark(request.user, event):
        raise PermissionDenied
    key = SHEET_KEY % event.pk
    form = AttendanceSheetForm()
    plan = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.pop(key, None)
        if not stored:
            messages.error(request, _("Upload the sheet again: the preview has expired."))
            return redirect("learning:attendance_sheet", pk=event.pk)
        marks = {int(s): {int(r): p for r, p in m.items()} for s, m in stored.items()}
        try:
            changed = actions.import_attendance(event, by=request.user, marks=marks)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:attendance_sheet", pk=event.pk)
        messages.success(
            request, _("Attendance imported: %(count)s marks changed.") % {"count": changed}
        )
        return redirect("learning:event", pk=event.pk)
    if request.method == "POST":
        form = AttendanceSheetForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["sheet"]
            plan = attendance_sheet_reader.read_sheet(event, upload, name=upload.name)
            if plan.problems:
                request.session.pop(key, None)
            else:
                request.session[key] = {
                    str(s): {str(r): p for r, p in m.items()} for s, m in plan.marks.items()
                }
    return render(
        request, "learning/attendance_sheet.html", {"event": event, "form": form, "plan": plan}
    )


@login_required
def practice_new(request: HttpRequest) -> HttpResponse:
    hromadas = _hromadas(request)
    if not hromadas.exists():
        raise PermissionDenied
    form = PracticeForm(request.POST or None, hromadas=hromadas)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "hromada"}
        practice = practice_actions.propose_practice(
            by=request.user, hromada=form.cleaned_data["hromada"], values=values
        )
        messages.success(
            request, _("Thank you: the section will review the practice before it is published.")
        )
        return redirect("learning:practice", pk=practice.pk)
    return render(request, "learning/practice_form.html", {"form": form})


@login_required
@require_POST
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice, pk=pk)
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST, practice=practice)
    if form.is_valid():
        try:
            practice_actions.review_practice(
                practice,
                by=request.user,
                publish=form.cleaned_data["decision"] == "publish",
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
                english=form.english_texts(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Review saved."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect("learning:practice", pk=practice.pk)
