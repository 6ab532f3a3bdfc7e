"""The analyst's import pages: upload, preview with mapping, confirm, list, roll back."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.dataio import actions, jobs, previews, reports
from hromada.dataio.catalogue import Catalogue
from hromada.dataio.columns import ColumnRule, detect_layout
from hromada.dataio.forms import UploadForm, mapping_rows, rules_from_post
from hromada.dataio.jobs import options_of
from hromada.dataio.models import ImportJob, StagedUpload
from hromada.dataio.queries import import_batches
from hromada.dataio.reader import Cell, open_source
from hromada.indicators.models import ImportBatch, Indicator
from hromada.indicators.rollback import RollbackRefused
from hromada.jobs.progress import read_progress
from hromada.lib.tabular import TabularError

View = Callable[..., HttpResponseBase]
SHOWN_CHANGES = 100
# A long file's own indicator codes offered for mapping, at most.
MAPPED_CODES = 300
# Rows read for that offer inside the request; a larger file's whole check is a job.
SCANNED_ROWS = 20_000


def analyst_only(view: View) -> View:
    """Visitors are sent to sign in; signed-in people who are not analysts get 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not permissions.is_analyst(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _staged(request: HttpRequest, token: str) -> StagedUpload:
    """The user's own upload; one whose file has gone (cleared as stale) is not found."""
    staged = get_object_or_404(StagedUpload, token=token, created_by=acting_user(request))
    if not Path(staged.stored_path).is_file():
        actions.discard_upload(staged)
        raise Http404
    return staged


@analyst_only
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        staged = actions.stage_upload(
            form.cleaned_data["file"], by=acting_user(request), options=form.options()
        )
        return redirect("dataio:preview", token=staged.token)
    return render(request, "dataio/upload.html", {"form": form})


def _mappable(path: Path) -> tuple[list[str], bool]:
    """What the mapping table lists, and whether the file is long: a wide file's columns, or
    the codes of a long file's indicator column that are not catalogue codes (so a file from
    elsewhere can be mapped code by code, with a factor)."""
    try:
        source = open_source(path)
    except TabularError:
        return [], False
    try:
        layout = detect_layout(source.columns)
        if not layout.is_long:
            return layout.others, False
        return _foreign_codes(source.rows, source.columns.index(layout.keys["indicator"])), True
    except TabularError:
        return [], True
    finally:
        source.close()


def _foreign_codes(rows: Iterator[tuple[int, list[Cell]]], position: int) -> list[str]:
    catalogue = Catalogue.load()
    found: dict[str, None] = {}
    for _row, cells in itertools.islice(rows, SCANNED_ROWS):
        code = str(cells[position]).strip() if position < len(cells) else ""
        if code and code not in found and catalogue.indicator(code) is None:
            found[code] = None
            if len(found) >= MAPPED_CODES:
                break
    return list(found)


@analyst_only
def preview(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    path = Path(staged.stored_path)
    columns, long_file = _mappable(path)
    if request.method == "POST" and request.POST.get("action") == "recheck":
        previews.forget(staged)
        return redirect("dataio:preview", token=staged.token)
    if request.method == "POST":
        try:
            rules = rules_from_post(columns, request.POST)
        except forms.ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("dataio:preview", token=staged.token)
        _remember(request, staged, rules)
        return redirect("dataio:preview", token=staged.token)
    options = options_of(staged)
    if jobs.runs_in_background(staged):
        state, whole = previews.stored(staged)
        if not state:
            previews.ask(staged, by=acting_user(request))
            staged.refresh_from_db()
            state, whole = previews.stored(staged)
        if whole is None:
            return _pending(request, staged, state)
        report = whole
    else:
        report = actions.import_file(
            path,
            by=acting_user(request),
            options=options,
            file_name=staged.file_name,
            status=actions.chosen_status(staged.options.get("status")),
            dry_run=True,
        )
    codes = set(Indicator.objects.filter(formula="").values_list("code", flat=True))
    context = {
        "staged": staged,
        "report": report,
        "changes": reports.describe_changes(report.changed_examples[:SHOWN_CHANGES]),
        "mapping": mapping_rows(columns, options.rules, codes),
        "long_file": long_file,
        "codes": sorted(codes),
    }
    return render(request, "dataio/preview.html", context)


def _pending(request: HttpRequest, staged: StagedUpload, state: str) -> HttpResponse:
    """The page while the worker checks a large file: it asks again every few seconds."""
    job = previews.job_of(staged)
    context = {
        "staged": staged,
        "failed": state == previews.FAILED,
        "job": job,
        "progress": read_progress(job) if job else None,
    }
    return render(request, "dataio/preview_pending.html", context)


def _remember(request: HttpRequest, staged: StagedUpload, rules: list[ColumnRule]) -> None:
    staged.options = {**staged.options, "rules": [r.__dict__ for r in rules]}
    staged.save(update_fields=["options"])
    name = request.POST.get("save_as", "").strip()
    if name:
        actions.save_mapping(name, rules, by=acting_user(request))
        messages.success(request, _("Mapping “%(name)s” saved.") % {"name": name})


@analyst_only
@require_POST
def apply(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    if jobs.runs_in_background(staged):
        job = jobs.queue_import(staged, by=acting_user(request))
        return redirect("dataio:job", pk=job.pk)
    report = actions.import_file(
        Path(staged.stored_path),
        by=acting_user(request),
        options=options_of(staged),
        file_name=staged.file_name,
        status=actions.chosen_status(staged.options.get("status")),
    )
    if not report.ok:
        messages.error(request, _("The file has problems; nothing was imported."))
        return redirect("dataio:preview", token=staged.token)
    actions.discard_upload(staged)
    messages.success(
        request,
        _("Imported %(new)s new and %(changed)s changed values; %(unchanged)s were unchanged.")
        % {"new": report.new, "changed": report.changed, "unchanged": report.unchanged},
    )
    return redirect("dataio:imports")


@analyst_only
@require_POST
def discard(request: HttpRequest, token: str) -> HttpResponse:
    actions.discard_upload(_staged(request, token))
    messages.success(request, _("The uploaded file was discarded."))
    return redirect("dataio:upload")


@analyst_only
def problems(request: HttpRequest, token: str, kind: str) -> HttpResponseBase:
    staged = _staged(request, token)
    found = actions.problems_of(Path(staged.stored_path), options_of(staged))
    name = f"{Path(staged.file_name).stem}-problems"
    return reports.problem_download(found, kind, name)


@analyst_only
def batches(request: HttpRequest) -> HttpResponse:
    page = Paginator(import_batches(), 50).get_page(request.GET.get("page"))
    return render(request, "dataio/imports.html", {"page": page})


@analyst_only
def rollback(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(import_batches(), pk=pk)
    if request.method != "POST":
        return render(request, "dataio/rollback.html", {"batch": batch})
    if batch.state == ImportBatch.State.ROLLED_BACK:
        messages.error(request, _("This import has already been rolled back."))
        return redirect("dataio:imports")
    try:
        undone = actions.rollback_import(batch, by=acting_user(request))
    except RollbackRefused as error:
        messages.error(request, str(error))
        return redirect("dataio:imports")
    messages.success(
        request,
        _("Import of %(file)s rolled back: %(count)s values restored.")
        % {"file": batch.file_name, "count": undone},
    )
    return redirect("dataio:imports")


@analyst_only
def job(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A queued or running import; `?format=json` is what the page polls."""
    found = get_object_or_404(ImportJob.objects.select_related("staged"), pk=pk)
    state = {
        "state": found.state,
        "label": str(ImportJob.State(found.state).label),
        "percent": jobs.progress_of(found),
        "finished": found.state in {ImportJob.State.DONE, ImportJob.State.FAILED},
    }
    if request.GET.get("format") == "json":
        return JsonResponse(state)
    return render(request, "dataio/job.html", {"job": found, **state})
