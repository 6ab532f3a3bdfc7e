"""The official's questionnaire: the page, the autosave of one field, and submitting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.acting import acting_user
from hromada.collection import board_queries, queries
from hromada.collection.entry_actions import (
    Answer,
    FieldValue,
    NeedsConfirmation,
    ValueChanged,
    entry_open,
    save_answer_parts,
)
from hromada.collection.errors import CollectionError
from hromada.collection.models import Campaign, Item, Submission
from hromada.collection.permissions import can_enter, can_publish, can_review
from hromada.collection.queries import SEXES
from hromada.collection.validation import ERROR, Flag, Kind, Override
from hromada.collection.workflow_actions import submit_submission
from hromada.indicators.models import Missing
from hromada.lib.locking import gave_way
from hromada.lib.numbers import NumberError, parse_number


def get_submission(request: HttpRequest, pk: int, code: str) -> Submission:
    """The submission of hromada `code` in campaign `pk`, if the user may work on it."""
    campaign = get_object_or_404(Campaign, pk=pk)
    submission = queries.submission_of(campaign, code)
    if submission is None:
        raise Http404
    if not can_enter(request.user, submission.territory):
        raise PermissionDenied
    return submission


def entry_url(submission: Submission) -> str:
    return reverse(
        "collection:entry", kwargs={"pk": submission.campaign_id, "code": submission.territory.code}
    )


@login_required
def entry(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = get_submission(request, pk, code)
    blocks = queries.questionnaire(submission)
    rows = [row for block in blocks for row in block.rows]
    context = {
        "submission": submission,
        "campaign": submission.campaign,
        "entry_texts": _entry_texts(),
        "blocks": blocks,
        "editable": entry_open(submission),
        "missing_choices": Missing.choices,
        "empty_rows": [r for r in rows if r.is_empty],
        "error_rows": [r for r in rows if r.has_error],
        "warning_rows": [r for r in rows if r.has_warning],
        "returned_rows": [r for r in rows if r.return_note],
        "events": board_queries.events_of(submission),
        "can_review": can_review(request.user, submission.territory),
        "can_publish": can_publish(request.user),
    }
    return render(request, "collection/entry.html", context)


def _entry_texts() -> dict[str, str]:
    """What the page's script (entry.js) says when an autosave does not reach the server."""
    return {
        "sending": _("Sending…"),
        "retry": _("Try again"),
        "offline": _(
            "Not saved: no connection. Your value is kept in this browser and is sent as "
            "soon as the connection is back."
        ),
        "signedOut": _(
            "Not saved: you are signed out. Your value is kept in this browser; sign in and "
            "you come back to this field, and the value is sent."
        ),
        "signIn": _("Sign in again"),
        "failed": _(
            "Not saved: the server did not accept the request. Your value is kept in this "
            "browser; try again in a minute."
        ),
        "login": reverse("accounts:login"),
    }


@dataclass(frozen=True)
class ConflictLine:
    """One value of a field that changed under the person typing: theirs and the saved one."""

    sex: str
    saved: FieldValue
    yours: Answer

    def shown(self, value: float | None, missing: str) -> str:
        if value is not None:
            return number_format(value, use_l10n=True, force_grouping=True)
        return str(Missing(missing).label) if missing else "—"

    @property
    def saved_text(self) -> str:
        return self.shown(self.saved.value, self.saved.missing)

    @property
    def yours_text(self) -> str:
        return self.shown(self.yours.value, self.yours.missing)


def _field_response(
    request: HttpRequest,
    item: Item,
    flags: list[Flag],
    saved: bool,
    *,
    version: str | None = None,
    conflict: list[ConflictLine] | None = None,
    confirm: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "flags": flags,
        "saved": saved,
        "saved_at": timezone.localtime(),
        "item": item,
        "version": version,
        "conflict": conflict,
        "confirm": confirm,
    }
    status = 409 if conflict else status
    return render(request, "collection/_field_messages.html", context, status=status)


def _conflict(error: ValueChanged, answers: list[Answer]) -> list[ConflictLine]:
    yours = {answer.sex: answer for answer in answers}
    return [ConflictLine(s.sex, s, yours[s.sex]) for s in error.saved if s.sex in yours]


def signed_in_or_401(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """login_required, except that an autosave (htmx) of a signed-out person gets 401 and a
    short text instead of the sign-in page, so the page can say so and keep the value."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated and request.headers.get("HX-Request"):
            message = _("You are signed out, so this value was not saved. Sign in again.")
            return HttpResponse(message, status=401, content_type="text/plain; charset=utf-8")
        return login_required(view)(request, *args, **kwargs)

    return wrapper


@signed_in_or_401
@require_POST
def save_field(request: HttpRequest, pk: int, code: str, indicator: str) -> HttpResponse:
    """Autosave one field (htmx, on change and after typing) and answer with its messages."""
    submission = get_submission(request, pk, code)
    item = get_object_or_404(
        submission.campaign.items.select_related("indicator"), indicator__code=indicator
    )
    text = request.POST.get("value", "")
    missing = request.POST.get("missing", "")
    comment = request.POST.get("comment", "").strip()
    if missing not in Missing.values:
        missing = ""
    try:
        value = parse_number(text)
    except NumberError as error:
        flag = Flag(submission.territory_id, indicator, Kind.TYPE, ERROR, error.message)
        return _field_response(request, item, [flag], saved=False)
    answer = Answer(item.indicator, value, "" if value is not None else missing, comment)
    parts = _parts(request, item, comment) if item.indicator.by_sex else []
    if isinstance(parts, str):
        flag = Flag(submission.territory_id, indicator, Kind.TYPE, ERROR, parts)
        return _field_response(request, item, [flag], saved=False)
    seen = request.POST.get("seen")  # absent from forms rendered before versions existed
    confirmed = request.POST.get("confirm_state") == "1"
    try:
        saved = save_answer_parts(
            submission, [answer, *parts], by=acting_user(request), seen=seen, confirmed=confirmed
        )
    except NeedsConfirmation as error:
        return _field_response(request, item, [], False, confirm=error.message)
    except ValueChanged as error:
        lines = _conflict(error, [answer, *parts])
        return _field_response(request, item, [], False, version=error.version, conflict=lines)
    except CollectionError as error:
        flag = Flag(submission.territory_id, indicator, Kind.TYPE, ERROR, error.message)
        return _field_response(request, item, [flag], saved=False)
    except OperationalError as error:
        if not gave_way(error):
            raise
        flag = Flag(submission.territory_id, indicator, Kind.TYPE, ERROR, _busy())
        return _field_response(request, item, [flag], saved=False, status=503)
    if not request.headers.get("HX-Request"):
        return redirect(entry_url(submission) + f"#row-{indicator}")
    override = Override(submission.territory_id, indicator, value, answer.missing)
    typed = [Override(submission.territory_id, indicator, p.value, p.missing, p.sex) for p in parts]
    flags = queries.field_flags(submission, indicator, override, comment, typed)
    return _field_response(request, item, flags, saved=True, version=saved.version)


def _parts(request: HttpRequest, item: Item, comment: str) -> list[Answer] | str:
    """The values for women and men sent with a by-sex field (those the form has), or the
    message of one that is not a number."""
    parts = []
    for sex in SEXES:
        if f"value_{sex}" not in request.POST and f"missing_{sex}" not in request.POST:
            continue
        missing = request.POST.get(f"missing_{sex}", "")
        try:
            value = parse_number(request.POST.get(f"value_{sex}", ""))
        except NumberError:
            return _not_a_number(sex)
        missing = missing if missing in Missing.values and value is None else ""
        parts.append(Answer(item.indicator, value, missing, comment, sex))
    return parts


def _busy() -> str:
    return _(
        "The database is busy writing a large import, so this value was not saved. "
        "Change the field again in a minute."
    )


def _not_a_number(sex: str) -> str:
    if sex == "f":
        return _("Enter a number for women, e.g. 12 345 or 12,5.")
    return _("Enter a number for men, e.g. 12 345 or 12,5.")


@login_required
@require_POST
def submit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = get_submission(request, pk, code)
    try:
        submit_submission(
            submission, by=acting_user(request), comment=request.POST.get("comment", "")
        )
    except CollectionError as error:
        messages.error(request, error.message)
        for detail in error.details:
            messages.warning(request, detail)
    else:
        messages.success(request, _("Submitted. The regional coordinator will review it."))
    return redirect(entry_url(submission))
