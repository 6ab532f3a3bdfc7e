from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from hromada.accounts import queries
from hromada.accounts.models import User
from hromada.collection.work_queries import work_for


@login_required
def me(request: HttpRequest) -> HttpResponse:
    account = queries.my_account(cast(User, request.user))
    # The first screen after signing in: the collection work waiting for this person.
    tasks = work_for(request.user)
    return render(request, "accounts/me.html", {"account": account, "tasks": tasks})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """What django-axes shows instead of signing in, once a username and address are locked."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form; the e-mailed link points at the public address of the site."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)
