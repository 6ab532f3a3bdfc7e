"""The association's office for members' problems: the overdue list, the board, exports,
the registry of bodies, letters as PDF, the letter template and answers from a spreadsheet."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.appeals import access, actions, file_actions, letters, queries
from hromada.appeals.answer_import import COLUMNS, AnswerPlan, apply_answers, plan_answers
from hromada.appeals.forms import (
    AnswerImportForm,
    LetterTemplateForm,
)
from hromada.appeals.models import (
    Answer,
    Body,
    Dispatch,
    LetterTemplate,
    Outcome,
)
from hromada.appeals.views import _require_manager
from hromada.lib.documents import clean_file_name
from hromada.lib.table_files import table_response


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    rows = list(queries.overdue())
    if request.method == "POST":
        chosen = [d for d in rows if str(d.pk) in request.POST.getlist("dispatch")]
        count = actions.remind_overdue(chosen, by=request.user)
        messages.success(request, _("%(count)s reminders queued.") % {"count": count})
        return redirect("appeals:overdue")
    return render(request, "appeals/overdue.html", {"rows": rows, "today": timezone.localdate()})


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def board(request: HttpRequest) -> HttpResponseBase:
    """On-time rates and outcomes per body, per subject or per section, by year."""
    year = _year(request)
    by = request.GET.get("by", "body")
    by = by if by in queries.BOARD_GROUPS else "body"
    rows = queries.board(year, by=by)
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        header = [by, "problems", "sent", "answered", "on_time", "overdue", *Outcome.values]
        return table_response(
            f"appeals-board-{by}" + (f"-{year}" if year else ""),
            file_format,
            header,
            ([row.label, *row.figures] for row in rows),
        )
    years = sorted({d.year for d in Dispatch.objects.dates("sent_on", "year")}, reverse=True)
    groups = [
        ("body", _("by body")),
        ("subject", _("by subject")),
        ("section", _("by section")),
    ]
    return render(
        request,
        "appeals/board.html",
        {
            "rows": rows,
            "year": year,
            "years": years,
            "by": by,
            "groups": groups,
            "outcomes": queries.OUTCOMES,
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponseBase:
    """The problems, or the letters with their answers, the user may see, as CSV or XLSX."""
    what = request.GET.get("what", "problems")
    file_format = request.GET.get("format", "csv")
    if what not in queries.EXPORTS or file_format not in {"csv", "xlsx"}:
        raise Http404(_("No such export."))
    header = queries.PROBLEM_COLUMNS if what == "problems" else queries.LETTER_COLUMNS
    rows = queries.export_rows(request.user, what)
    return table_response(f"appeals-{what}", file_format, header, rows)


def bodies(request: HttpRequest) -> HttpResponseBase:
    """The registry of bodies, on the page or as CSV/XLSX (public: official contacts only)."""
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        header = ["code", "name_uk", "name_en", "kind", "email", "address", "deadline_days"]
        rows = (
            [b.code, b.name_uk, b.name_en, b.kind, b.email, b.address, b.deadline_days]
            for b in Body.objects.all()
        )
        return table_response("appeals-bodies", file_format, header, rows)
    return render(request, "appeals/bodies.html", {"bodies": Body.objects.all()})


@login_required
def letter_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """A letter to a body: for those who may see its problem, not a public file."""
    dispatch = get_object_or_404(Dispatch.objects.select_related("problem"), pk=pk)
    if not access.can_see(request.user, dispatch.problem) or not dispatch.letter:
        raise Http404(_("No such letter."))
    return FileResponse(
        dispatch.letter.open("rb"), as_attachment=False, filename=f"letter-{dispatch.pk}.pdf"
    )


@login_required
def answer_document(request: HttpRequest, pk: int) -> FileResponse:
    """The body's answer as filed: for those who may see its problem, not a public file."""
    found = get_object_or_404(Answer.objects.select_related("dispatch__problem"), pk=pk)
    if not access.can_see(request.user, found.dispatch.problem) or not found.document:
        raise Http404(_("No such answer."))
    return FileResponse(
        found.document.open("rb"),
        as_attachment=False,
        filename=f"answer-{found.dispatch_id}.pdf",
        content_type="application/pdf",
    )


@login_required
def letter_template(request: HttpRequest) -> HttpResponse:
    """Analysts edit the text letters are made from; each save is a new version."""
    _require_manager(request)
    current = letters.current_template()
    form = LetterTemplateForm(
        request.POST or None,
        initial={"text": current.text if current else letters.DEFAULT_TEXT},
    )
    preview = ""
    if request.method == "POST" and form.is_valid() and request.POST.get("preview"):
        # Filled from the newest letter, so the analyst sees real words; nothing is saved.
        sample = Dispatch.objects.select_related("problem", "body").order_by("-pk").first()
        try:
            letters.validate_template(form.cleaned_data["text"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("text", message)
        else:
            preview = (
                letters.render_letter(sample, form.cleaned_data["text"])
                if sample
                else _("No letter has been sent yet to fill a preview from.")
            )
    elif request.method == "POST" and form.is_valid():
        try:
            saved = file_actions.save_letter_template(
                by=request.user, text=form.cleaned_data["text"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("text", message)
        else:
            messages.success(
                request,
                _("Version %(version)s is saved; letters from now on are made from it.")
                % {"version": saved.version},
            )
            return redirect("appeals:template")
    return render(
        request,
        "appeals/template.html",
        {
            "form": form,
            "current": current,
            "versions": LetterTemplate.objects.select_related("created_by")[:20],
            "placeholders": letters.PLACEHOLDERS.items(),
            "preview": preview,
        },
    )


IMPORT_SESSION_KEY = "appeals_answer_import"


def _open_letters_download(file_format: str) -> HttpResponseBase:
    """The letters still waiting for an answer, in the columns the import reads."""
    rows = (
        [d.pk, d.body.code, d.outgoing_number, d.sent_on.isoformat(), "", "", "", "", ""]
        for d in Dispatch.objects.filter(answer__isnull=True)
        .select_related("body")
        .order_by("sent_on", "pk")
    )
    return table_response("appeals-open-letters", file_format, list(COLUMNS), rows)


@login_required
def import_answers(request: HttpRequest) -> HttpResponseBase:
    """Upload a spreadsheet of answers, see every row checked, then record them all."""
    _require_manager(request)
    if request.GET.get("letters") in {"csv", "xlsx"}:
        return _open_letters_download(request.GET["letters"])
    form = AnswerImportForm()
    plan: AnswerPlan | None = None
    stored = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("apply") and stored:
        with default_storage.open(stored["path"], "rb") as handle:
            plan = apply_answers(handle, name=stored["name"], by=request.user)
        if plan.ok:
            default_storage.delete(stored["path"])
            del request.session[IMPORT_SESSION_KEY]
            done = ngettext(
                "%(count)s answer recorded; the hromada is asked whether it solves the problem.",
                "%(count)s answers recorded; the hromadas are asked whether they solve the "
                "problem.",
                len(plan.answers),
            )
            messages.success(request, done % {"count": len(plan.answers)})
            return redirect("appeals:import_answers")
    elif request.method == "POST":
        form = AnswerImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            name = clean_file_name(upload.name)
            if stored:
                default_storage.delete(stored["path"])
            # Kept 0600 under MEDIA_ROOT until it is recorded or replaced.
            path = default_storage.save(
                f"appeals/imports/{uuid.uuid4().hex}{PurePath(name).suffix.lower()[:6]}", upload
            )
            request.session[IMPORT_SESSION_KEY] = {"path": path, "name": name}
            with default_storage.open(path, "rb") as handle:
                plan = plan_answers(handle, name=name, by=request.user)
    return render(
        request,
        "appeals/import_answers.html",
        {
            "form": form,
            "plan": plan,
            "name": (request.session.get(IMPORT_SESSION_KEY) or {}).get("name", ""),
        },
    )
