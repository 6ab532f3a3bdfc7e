"""Pages of members' problems. Views are thin: queries read, actions write."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.appeals import access, actions, queries
from hromada.appeals.forms import (
    AcceptForm,
    AnswerForm,
    CloseForm,
    FeedbackForm,
    JoinForm,
    MergeForm,
    ProblemForm,
    PublishForm,
    SendForm,
)
from hromada.appeals.models import Body, Dispatch, Problem, ProblemState
from hromada.lib.cells import safe_row
from hromada.territories.models import Territory

PAGE_SIZE = 50


def _require_manager(request: HttpRequest) -> None:
    if not access.can_manage(request.user):
        raise PermissionDenied


def _covered_hromadas(request: HttpRequest) -> object:
    return permissions.covered_territories(request.user, Territory.objects.hromadas().valid())


def problem_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    mine = (
        Paginator(queries.problems_for(request.user, state=state), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "appeals/problem_list.html",
        {
            "public": queries.public_problems().select_related("hromada")[:100],
            "mine": mine,
            "state": state,
            "states": ProblemState.choices,
            "can_raise": request.user.is_authenticated and _covered_hromadas(request).exists(),  # type: ignore[attr-defined]
            "can_manage": access.can_manage(request.user),
            "overdue": queries.overdue().count() if access.can_manage(request.user) else 0,
        },
    )


@login_required
def problem_new(request: HttpRequest) -> HttpResponse:
    hromadas = _covered_hromadas(request)
    if not hromadas.exists():  # type: ignore[attr-defined]
        raise PermissionDenied
    form = ProblemForm(request.POST or None, hromadas=hromadas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        problem = actions.raise_problem(
            by=request.user,
            hromada=data["hromada"],
            title=data["title"],
            description=data["description"],
            since=data["since"],
            legal_act=data["legal_act"],
            section=data["section"],
        )
        messages.success(
            request, _("The problem is registered; the association's analysts will take it up.")
        )
        return redirect("appeals:problem", pk=problem.pk)
    return render(request, "appeals/problem_form.html", {"form": form})


def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(
        Problem.objects.select_related("hromada", "section", "evidence_indicator"), pk=pk
    )
    full = access.can_see(request.user, problem)
    if not full and not problem.is_public:
        # Visitors learn nothing of unpublished problems, not even that they exist.
        raise Http404(_("No such problem is published."))
    manager = access.can_manage(request.user)
    hromadas = (
        _covered_hromadas(request) if request.user.is_authenticated else Territory.objects.none()
    )
    joinable = hromadas.exclude(  # type: ignore[attr-defined]
        pk__in=problem.participations.values_list("hromada_id", flat=True)
    )
    dispatches = problem.dispatches.select_related("body", "answer", "answer__redirected_to")
    context = {
        "problem": problem,
        "full": full,
        "manager": manager,
        "participations": problem.participations.select_related("hromada") if full else [],
        "evidence": queries.evidence(problem) if full and problem.evidence_indicator else [],
        "dispatches": dispatches if full else [],
        "today": timezone.localdate(),
        "join_form": JoinForm(hromadas=joinable)
        if joinable.exists() and problem.state in actions.OPEN_STATES
        else None,
        "mine": access.participations_for(request.user, problem)
        if request.user.is_authenticated
        else [],
        "feedback_form": FeedbackForm(),
        "accept_form": AcceptForm(initial={"tags": problem.tags, "section": problem.section})
        if manager
        else None,
        "send_form": SendForm(initial={"sent_on": timezone.localdate()}) if manager else None,
        "answer_form": AnswerForm() if manager else None,
        "publish_form": PublishForm(initial={"summary": problem.public_summary})
        if manager
        else None,
        "merge_form": MergeForm() if manager else None,
        "close_form": CloseForm() if manager else None,
    }
    return render(request, "appeals/problem_detail.html", context)


def _problem_for_manager(request: HttpRequest, pk: int) -> Problem:
    _require_manager(request)
    return get_object_or_404(Problem, pk=pk)


def _fail(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    form = JoinForm(request.POST, hromadas=_covered_hromadas(request))
    if not form.is_valid():
        raise PermissionDenied
    if not (problem.is_public or access.can_see(request.user, problem)):
        raise PermissionDenied
    try:
        actions.join_problem(problem, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Your hromada has joined this problem."))
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem_for_manager(request, pk)
    form = AcceptForm(request.POST)
    if form.is_valid():
        problem.evidence_indicator = form.cleaned_data["evidence_indicator"]
        problem.save(update_fields=["evidence_indicator"])
        actions.accept_problem(
            problem,
            by=request.user,
            tags=form.cleaned_data["tags"],
            section=form.cleaned_data["section"],
        )
        messages.success(request, _("The problem is taken into work."))
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem_for_manager(request, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        into = Problem.objects.filter(pk=form.cleaned_data["into"]).first()
        if into is None:
            messages.error(request, _("There is no problem with that number."))
            return redirect("appeals:problem", pk=problem.pk)
        try:
            actions.merge_problem(problem, into=into, by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Merged; its hromadas now share the other problem."))
            return redirect("appeals:problem", pk=into.pk)
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem_for_manager(request, pk)
    form = SendForm(request.POST)
    if form.is_valid():
        dispatches = actions.send_letters(
            problem,
            by=request.user,
            bodies=list(form.cleaned_data["bodies"]),
            sent_on=form.cleaned_data["sent_on"],
            outgoing_number=form.cleaned_data["outgoing_number"],
        )
        messages.success(
            request,
            _("%(count)s letters recorded; their PDFs are being made.")
            % {"count": len(dispatches)},
        )
    else:
        messages.error(request, _("Choose the bodies and the date of dispatch."))
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    dispatch = get_object_or_404(Dispatch.objects.select_related("problem", "body"), pk=pk)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.record_answer(dispatch, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("Answer recorded; the hromadas are asked whether it solves the problem.")
            )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect("appeals:problem", pk=dispatch.problem_id)


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    participation = (
        access.participations_for(request.user, problem)
        .filter(hromada__code=request.POST.get("hromada", ""))
        .first()
    )
    form = FeedbackForm(request.POST)
    if participation is None:
        raise PermissionDenied
    if form.is_valid():
        actions.give_feedback(
            participation, by=request.user, feedback=form.cleaned_data["feedback"]
        )
        messages.success(request, _("Thank you: your answer is recorded."))
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem_for_manager(request, pk)
    if request.POST.get("unpublish"):
        actions.unpublish_problem(problem, by=request.user)
        messages.success(request, _("The problem is no longer public."))
        return redirect("appeals:problem", pk=problem.pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        actions.publish_problem(problem, by=request.user, summary=form.cleaned_data["summary"])
        messages.success(request, _("The problem is on the public list."))
    else:
        messages.error(request, _("Write the summary the public will read."))
    return redirect("appeals:problem", pk=problem.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem_for_manager(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        if request.POST.get("reopen"):
            actions.reopen_problem(problem, by=request.user, reason=form.cleaned_data["reason"])
        else:
            actions.close_problem(
                problem,
                by=request.user,
                solved=form.cleaned_data["solved"],
                reason=form.cleaned_data["reason"],
            )
        messages.success(request, _("The state of the problem is changed."))
    else:
        messages.error(request, _("Say why."))
    return redirect("appeals:problem", pk=problem.pk)


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


def board(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = queries.board(year)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="appeals-board.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["body", "sent", "answered", "on_time", "overdue", *(v for v, _l in queries.OUTCOMES)]
        )
        for row in rows:
            writer.writerow(
                safe_row(
                    [
                        row.body.name_uk,
                        row.sent,
                        row.answered,
                        row.on_time,
                        row.overdue,
                        *(row.outcomes[v] for v, _l in queries.OUTCOMES),
                    ]
                )
            )
        return response
    years = sorted({d.year for d in Dispatch.objects.dates("sent_on", "year")}, reverse=True)
    return render(
        request,
        "appeals/board.html",
        {"rows": rows, "year": year, "years": years, "outcomes": queries.OUTCOMES},
    )


def bodies(request: HttpRequest) -> HttpResponse:
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
