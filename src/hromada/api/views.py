"""The API tokens page: a signed-in person lists, creates and revokes their own tokens."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.acting import acting_user
from hromada.accounts.models import User
from hromada.api.forms import TokenForm
from hromada.api.models import ApiToken
from hromada.api.tokens import create_token, revoke_token
from hromada.territories.models import Territory


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    secret = ""
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["hromada"]
        hromada = Territory.objects.filter(code=code).first() if code else None
        _token, secret = create_token(
            by=acting_user(request),
            user=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            hromada=hromada,
        )
        form = TokenForm(user=request.user)
    # login_required guarantees a signed-in user here.
    mine = ApiToken.objects.filter(user=cast(User, request.user)).select_related("hromada")
    context = {"form": form, "tokens": mine, "secret": secret, "can_create": form.has_choices}
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    revoke_token(token, by=acting_user(request))
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
