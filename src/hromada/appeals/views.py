"""Pages of members' problems. Views are thin: queries read, actions write."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.appeals import access, actions, file_actions, queries
from hromada.appeals.forms import (
    AcceptForm,
    AnswerForm,
    CloseForm,
    EvidenceForm,
    FeedbackForm,
    JoinForm,
    MergeForm,
    ProblemForm,
    PublishForm,
    SendForm,
)
from hromada.appeals.models import (
    Dispatch,
    EvidenceFile,
    Problem,
    ProblemState,
)
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
    dispatches = problem.dispatches.select_related(
        "body", "answer", "answer__redirected_to", "redirected_from__body"
    )
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
        "accept_form": AcceptForm(
            initial={
                "tags": problem.tags,
                "section": problem.section,
                "evidence_indicator": problem.evidence_indicator,
            }
        )
        if manager
        else None,
        "send_form": SendForm(initial={"sent_on": timezone.localdate()}) if manager else None,
        "answer_form": AnswerForm() if manager else None,
        "publish_form": PublishForm(initial={"summary": problem.public_summary})
        if manager
        else None,
        "merge_form": MergeForm() if manager else None,
        "close_form": CloseForm() if manager else None,
        "files": _files_of(request, problem) if full else [],
        "evidence_form": _evidence_form(request, problem)
        if full and problem.state != ProblemState.MERGED
        else None,
    }
    return render(request, "appeals/problem_detail.html", context)


def _files_of(request: HttpRequest, problem: Problem) -> list[tuple[EvidenceFile, bool]]:
    """The problem's evidence files, each with whether this user may remove it."""
    return [
        (item, file_actions.can_delete_evidence(request.user, item))
        for item in problem.files.select_related("participation__hromada")
    ]


def _fail(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _act(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], str],
    back: Problem | int,
) -> HttpResponse:
    """The shape of every small action on a problem: a valid form runs the action, whose
    result message or refusal is shown; an invalid form shows its errors; back to the page."""
    if form.is_valid():
        try:
            messages.success(request, run(form.cleaned_data))
        except ValidationError as error:
            _fail(request, error)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect("appeals:problem", pk=back.pk if isinstance(back, Problem) else back)


ProblemView = Callable[[HttpRequest, Problem], HttpResponse]


def _manager_post(view: ProblemView) -> Callable[[HttpRequest, int], HttpResponse]:
    """An analyst's POST about one problem: signed in, analyst, the problem exists."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        _require_manager(request)
        return view(request, get_object_or_404(Problem, pk=pk))

    return wrapped


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    if not (problem.is_public or access.can_see(request.user, problem)):
        raise PermissionDenied

    def run(data: dict[str, Any]) -> str:
        actions.join_problem(problem, by=request.user, **data)
        return _("Your hromada has joined this problem.")

    return _act(request, JoinForm(request.POST, hromadas=_covered_hromadas(request)), run, problem)


@_manager_post
def accept(request: HttpRequest, problem: Problem) -> HttpResponse:
    """A new problem is taken into work; a later one only gets its subjects, section and
    indicator changed."""

    def run(data: dict[str, Any]) -> str:
        if problem.state == ProblemState.NEW:
            actions.accept_problem(problem, by=request.user, **data)
            return _("The problem is taken into work.")
        if problem.state == ProblemState.MERGED:
            raise ValidationError(_("This problem is merged into another."))
        actions.classify_problem(problem, by=request.user, **data)
        return _("The subjects, section and indicator are saved.")

    return _act(request, AcceptForm(request.POST), run, problem)


@_manager_post
def merge(request: HttpRequest, problem: Problem) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        into = Problem.objects.filter(pk=data["into"]).first()
        if into is None:
            raise ValidationError(_("There is no problem with that number."))
        actions.merge_problem(problem, into=into, by=request.user)
        return _("Merged; its hromadas now share the other problem.")

    response = _act(request, MergeForm(request.POST), run, problem)
    problem.refresh_from_db(fields=["merged_into"])
    return (
        redirect("appeals:problem", pk=problem.merged_into_id)
        if problem.merged_into_id
        else response
    )


@_manager_post
def send(request: HttpRequest, problem: Problem) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        dispatches = actions.send_letters(
            problem,
            by=request.user,
            bodies=list(data["bodies"]),
            sent_on=data["sent_on"],
            outgoing_number=data["outgoing_number"],
        )
        return _("%(count)s letters recorded; their PDFs are being made.") % {
            "count": len(dispatches)
        }

    return _act(request, SendForm(request.POST), run, problem)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    dispatch = get_object_or_404(Dispatch.objects.select_related("problem", "body"), pk=pk)

    def run(data: dict[str, Any]) -> str:
        actions.record_answer(dispatch, by=request.user, **data)
        return _("Answer recorded; the hromadas are asked whether it solves the problem.")

    return _act(request, AnswerForm(request.POST, request.FILES), run, dispatch.problem_id)


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


@_manager_post
def publish(request: HttpRequest, problem: Problem) -> HttpResponse:
    if request.POST.get("unpublish"):
        actions.unpublish_problem(problem, by=request.user)
        messages.success(request, _("The problem is no longer public."))
        return redirect("appeals:problem", pk=problem.pk)

    def run(data: dict[str, Any]) -> str:
        actions.publish_problem(problem, by=request.user, summary=data["summary"])
        return _("The problem is on the public list.")

    return _act(request, PublishForm(request.POST), run, problem)


@_manager_post
def close(request: HttpRequest, problem: Problem) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        if request.POST.get("reopen"):
            actions.reopen_problem(problem, by=request.user, reason=data["reason"])
        else:
            actions.close_problem(
                problem, by=request.user, solved=data["solved"], reason=data["reason"]
            )
        return _("The state of the problem is changed.")

    return _act(request, CloseForm(request.POST), run, problem)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem, pk=pk)
    if not access.can_see(request.user, problem):
        raise PermissionDenied
    form = _evidence_form(request, problem, request.POST, request.FILES)

    def run(data: dict[str, Any]) -> str:
        upload = data["file"]
        content = upload.read(file_actions.MAX_EVIDENCE_BYTES + 1)
        file_actions.upload_evidence(
            problem,
            by=request.user,
            title=data["title"],
            file_name=upload.name,
            content=content,
            participation=data["participation"],
        )
        return _("The file is added to the problem.")

    return _act(request, form, run, problem)


def _evidence_form(request: HttpRequest, problem: Problem, *args: Any) -> EvidenceForm:
    manager = access.can_manage(request.user)
    participations = (
        problem.participations.select_related("hromada")
        if manager
        else access.participations_for(request.user, problem)
    )
    whole = manager or access.can_act_for(request.user, problem.hromada)
    return EvidenceForm(*args, participations=participations, whole=whole)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, only for those who may see its problem (never the public). Files
    are small (MAX_EVIDENCE_BYTES), so they are read whole and no handle is left open."""
    item = get_object_or_404(EvidenceFile.objects.select_related("problem"), pk=pk)
    if not access.can_see(request.user, item.problem):
        raise Http404(_("No such file."))
    with item.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=item.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(EvidenceFile.objects.select_related("problem"), pk=pk)
    if not access.can_see(request.user, item.problem):
        raise Http404(_("No such file."))
    file_actions.delete_evidence(item, by=request.user)
    messages.success(request, _("The file is removed."))
    return redirect("appeals:problem", pk=item.problem_id)
