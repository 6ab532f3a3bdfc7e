"""The analysts' pages: surveys, questionnaire uploads, waves, rates, results, exports."""

from __future__ import annotations

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada.surveys import actions, exports, indicator_publishing, queries, results
from hromada.surveys.builder import page_rows
from hromada.surveys.forms import (
    PageQuestionFormSet,
    ReviewForm,
    SurveyForm,
    UploadForm,
    WaveForm,
)
from hromada.surveys.models import Response, Survey, SurveyKind, Wave
from hromada.surveys.permissions import can_manage_surveys, can_see_rates, rates_oblast
from hromada.surveys.questions import questions_of


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_surveys(request.user):
        raise PermissionDenied


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not can_see_rates(request.user):
        raise PermissionDenied
    can_manage = can_manage_surveys(request.user)
    # Training evaluations belong to their events: only the analysts who manage them see
    # them here, on their own tab, apart from the surveys of members.
    training = can_manage and request.GET.get("kind") == SurveyKind.TRAINING_EVALUATION
    kind = SurveyKind.TRAINING_EVALUATION if training else SurveyKind.MEMBERS
    context = {"surveys": queries.surveys(kind), "can_manage": can_manage, "training": training}
    return render(request, "surveys/survey_list.html", context)


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.create_survey(form.spec(), by=request.user)
        except actions.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The survey is created. Upload its questionnaire."))
            return redirect("surveys:survey", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


def _survey_page(
    request: HttpRequest, survey: Survey, upload: UploadForm, problems: list[str]
) -> HttpResponse:
    form = queries.latest_form(survey)
    context = {
        "survey": survey,
        "upload": upload,
        "problems": problems,
        "form_version": form,
        "questions": questions_of(form.definition) if form else [],
        "waves": queries.waves_of(survey),
    }
    return render(request, "surveys/survey_detail.html", context, status=400 if problems else 200)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    survey = get_object_or_404(Survey, pk=pk)
    return _survey_page(request, survey, UploadForm(), [])


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    survey = get_object_or_404(Survey, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _survey_page(request, survey, form, [])
    workbook = form.cleaned_data["workbook"]
    try:
        version = actions.upload_form(survey, workbook.name, workbook.read(), by=request.user)
    except actions.SurveyError as error:
        return _survey_page(request, survey, form, [error.message, *error.details])
    messages.success(
        request, _("Questionnaire version %(number)s is saved.") % {"number": version.number}
    )
    return redirect("surveys:survey", pk=survey.pk)


@login_required
def wave_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    survey = get_object_or_404(Survey, pk=pk)
    form = WaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = actions.open_wave(survey, form.spec(), by=request.user)
        except actions.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The wave is open: %(invited)s personal links are ready.")
                % {"invited": opened.invited},
            )
            if opened.without_respondent:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s hromada of the panel has no person in this role in the "
                        "member registry and got no link.",
                        "%(count)s hromadas of the panel have no person in this role in the "
                        "member registry and got no link.",
                        opened.without_respondent,
                    )
                    % {"count": opened.without_respondent},
                )
            return redirect("surveys:wave", pk=opened.wave.pk)
    return render(request, "surveys/wave_form.html", {"form": form, "survey": survey})


@login_required
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_see_rates(request.user):
        raise PermissionDenied
    wave = get_object_or_404(Wave.objects.select_related("survey", "form", "section"), pk=pk)
    manager = can_manage_surveys(request.user)
    context = {
        "wave": wave,
        "rates": results.rates(wave, rates_oblast(request.user)),
        "rates_by_type": results.rates(wave, rates_oblast(request.user), by="type"),
        "can_manage": manager,
        "results": results.question_results(wave) if manager else [],
        "invitations": wave.invitations.select_related("hromada").order_by("hromada__name_uk")
        if manager
        else [],
        "responses": wave.responses.select_related("hromada", "oblast").order_by(
            "review", "hromada__name_uk", "submitted_on", "pk"
        )
        if manager
        else [],
    }
    return render(request, "surveys/wave_detail.html", context)


def _wave_action(request: HttpRequest, pk: int) -> Wave:
    _require_manager(request)
    return get_object_or_404(Wave.objects.select_related("survey", "form"), pk=pk)


@login_required
@require_POST
def mail(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    reminder = request.POST.get("kind") == "reminder"
    try:
        job = actions.start_mailing(wave, reminder=reminder, by=request.user)
    except actions.SurveyError as error:
        messages.error(request, error.message)
        return redirect("surveys:wave", pk=wave.pk)
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    actions.close_wave(wave, by=request.user)
    messages.success(request, _("The wave is closed."))
    return redirect("surveys:wave", pk=wave.pk)


@login_required
@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    try:
        job = actions.start_export(wave, request.POST.get("file_format", ""), by=request.user)
    except actions.SurveyError as error:
        messages.error(request, error.message)
        return redirect("surveys:wave", pk=wave.pk)
    return redirect("jobs:detail", pk=job.pk)


@login_required
def export_file(request: HttpRequest, pk: int, name: str) -> FileResponse:
    wave = _wave_action(request, pk)
    prefix = f"{wave.survey.code}-{wave.year}-".lower()
    if not re.fullmatch(exports.NAME_PATTERN, name) or not name.startswith(prefix):
        raise Http404
    path = exports.folder() / name
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    try:
        published = indicator_publishing.publish_as_indicator(
            wave, request.POST.get("question", ""), by=request.user
        )
    except actions.SurveyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "%(count)s values of “%(indicator)s” for %(year)s are recorded as verified; "
                "they become public with the next release of %(year)s."
            )
            % {
                "count": published.hromadas,
                "indicator": published.indicator.name,
                "year": wave.year,
            },
        )
    return redirect("surveys:wave", pk=wave.pk)


@login_required
@require_POST
def publish_results(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    try:
        actions.publish_results(wave, by=request.user)
    except actions.SurveyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The aggregated results of the wave are public now."))
    return redirect("surveys:wave", pk=wave.pk)


@login_required
def response_detail(request: HttpRequest, pk: int, response: uuid.UUID) -> HttpResponse:
    wave = _wave_action(request, pk)
    answer = get_object_or_404(
        Response.objects.select_related("hromada", "oblast"), wave=wave, pk=response
    )
    form = ReviewForm(request.POST or None, initial={"state": answer.review})
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_response(
                answer,
                state=form.cleaned_data["state"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except actions.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The review is saved."))
            return redirect("surveys:wave", pk=wave.pk)
    questions = [q for q in questions_of(wave.form.definition) if q.is_answered]
    shown = [(q, q.answer_text(str(answer.answers.get(q.name, "")))) for q in questions]
    context = {"wave": wave, "answer": answer, "shown": shown, "form": form}
    return render(request, "surveys/response_detail.html", context)


@login_required
@require_POST
def approve_all(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_action(request, pk)
    count = actions.approve_received(wave, by=request.user)
    messages.success(request, _("Approved responses: %(count)s.") % {"count": count})
    return redirect("surveys:wave", pk=wave.pk)


@login_required
def build(request: HttpRequest, pk: int) -> HttpResponse:
    """A simple questionnaire built on the page, one row per question."""
    _require_manager(request)
    survey = get_object_or_404(Survey, pk=pk)
    # The latest version, when the page can show it, fills the rows so that it can be changed.
    latest = queries.latest_form(survey)
    rows = page_rows(latest.definition) if latest and request.method != "POST" else None
    formset = PageQuestionFormSet(request.POST or None, initial=rows)
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        questions = [q for form in formset.forms if (q := form.question()) is not None]
        try:
            version = actions.build_form(survey, questions, by=request.user)
        except actions.SurveyError as error:
            problems = [error.message, *error.details]
        else:
            messages.success(
                request,
                _("Questionnaire version %(number)s is saved.") % {"number": version.number},
            )
            return redirect("surveys:survey", pk=survey.pk)
    # Empty rows over a version the page cannot show would silently drop its conditions.
    unshown = latest if latest and rows is None and request.method != "POST" else None
    context = {"survey": survey, "formset": formset, "problems": problems, "unshown": unshown}
    return render(request, "surveys/build.html", context, status=400 if problems else 200)
