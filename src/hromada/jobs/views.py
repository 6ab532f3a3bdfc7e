"""The jobs page: background work with its progress and, when it failed, why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hromada.accounts import permissions
from hromada.jobs import queries
from hromada.jobs.models import Job
from hromada.jobs.progress import read_progress

PAGE_SIZE = 50


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    rows = queries.jobs_visible_to(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [_row(job) for job in page.object_list],
        "refresh": any(job.is_active for job in page.object_list),
        "sees_all": permissions.can_see_all_jobs(request.user),
    }
    template = "jobs/_table.html" if request.headers.get("HX-Request") else "jobs/list.html"
    return render(request, template, context)


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(queries.jobs_visible_to(request.user), pk=pk)
    context = {**_row(job), "show_traceback": permissions.can_see_all_jobs(request.user)}
    template = "jobs/_detail.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, context)


def _row(job: Job) -> dict[str, object]:
    progress = read_progress(job)
    percent = 100 if job.status == "done" else progress.percent
    return {"job": job, "progress": progress, "percent": percent}
