"""The respondent's pages: a questionnaire opened by a personal link, no account needed.

The token in the address is the only key. A made-up, mistyped or foreign token gets the same
plain "not found" as any missing page, so links cannot be probed for which exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hromada.surveys import actions, answering, queries
from hromada.surveys.models import Invitation, InvitationState, WaveState
from hromada.surveys.questions import Question, questions_of


@dataclass(frozen=True)
class Item:
    """One question as the page shows it, with its current answer and message."""

    question: Question
    value: str
    error: str
    hidden: bool
    published: queries.PublishedValue | None = None

    @property
    def picked(self) -> list[str]:
        return self.value.split()


def _invitation(token: str) -> Invitation:
    invitation = queries.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _page(
    request: HttpRequest,
    invitation: Invitation,
    raw: dict[str, str],
    checked: answering.Checked,
    status: int = 200,
    notice: str = "",
) -> HttpResponse:
    questions = questions_of(invitation.wave.form.definition)
    published = queries.published_beside(
        invitation.hromada_id, {q.indicator for q in questions if q.indicator}
    )
    items = [
        Item(
            q,
            raw.get(q.name, ""),
            checked.errors.get(q.name, ""),
            q.name in checked.hidden,
            published.get(q.indicator),
        )
        for q in questions
        if not q.is_calculation
    ]
    context = {
        "invitation": invitation,
        "wave": invitation.wave,
        "items": items,
        "notice": notice,
        "has_errors": bool(checked.errors),
    }
    return render(request, "surveys/respond.html", context, status=status)


def _closed_page(request: HttpRequest, invitation: Invitation, message: str) -> HttpResponse:
    return render(
        request, "surveys/respond_closed.html", {"wave": invitation.wave, "message": message}
    )


@never_cache
def respond(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    if invitation.state == InvitationState.SUBMITTED:
        return _closed_page(request, invitation, _("Thank you: your answers are submitted."))
    if invitation.wave.state != WaveState.OPEN:
        return _closed_page(
            request, invitation, _("This survey wave is closed; answers are no longer accepted.")
        )
    questions = questions_of(invitation.wave.form.definition)
    if request.method != "POST":
        raw = dict(invitation.draft) or queries.previous_answers(invitation)
        return _page(request, invitation, raw, answering.check(questions, raw, final=False))
    raw = answering.read_post(questions, request.POST)
    try:
        if request.POST.get("action") == "submit":
            checked = actions.submit_answers(invitation, raw)
            if checked.ok:
                return _closed_page(
                    request, invitation, _("Thank you: your answers are submitted.")
                )
            return _page(request, invitation, raw, checked, status=400)
        checked = actions.save_draft(invitation, raw)
    except actions.SurveyError as error:
        return _closed_page(request, invitation, error.message)
    notice = _("Your answers are saved; you can continue later with the same link.")
    return _page(request, invitation, raw, checked, notice=notice)


@require_POST
def relevance(request: HttpRequest, token: str) -> JsonResponse:
    """Which questions the answers so far hide, for the page's script; nothing is stored."""
    invitation = _invitation(token)
    questions = questions_of(invitation.wave.form.definition)
    checked = answering.check(questions, answering.read_post(questions, request.POST), final=False)
    return JsonResponse({"hidden": sorted(checked.hidden)})
