"""Pages of the territory registry. Views are thin: queries read, actions write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.accounts.acting import acting_user
from hromada.accounts.permissions import can_edit_territory_status
from hromada.territories import actions, picking, queries
from hromada.territories.forms import EndStatusForm, StatusForm
from hromada.territories.models import Territory, TerritoryStatus
from hromada.territories.panels import panels_for

PAGE_SIZE = 25


def browse(request: HttpRequest) -> HttpResponse:
    return render(request, "territories/browse.html", {"rows": queries.oblasts_with_counts()})


def detail(request: HttpRequest, code: str) -> HttpResponse:
    territory = queries.get_by_code(code)
    context = {
        "territory": territory,
        "ancestors": queries.ancestors(territory),
        "children": queries.children_of(territory),
        "statuses": queries.statuses_of(territory),
        "can_edit_statuses": can_edit_territory_status(request.user),
        "panels": panels_for(request, territory),
    }
    return render(request, "territories/detail.html", context)


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    exact = queries.exact_code(q)
    if exact is not None:
        return redirect("territories:detail", code=exact.code)
    results = queries.search_queryset(q)
    page = None
    if results is not None:
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "territories/search.html", {"q": q, "page": page})


def pick(request: HttpRequest) -> HttpResponse:
    """Hromadas fitting what is typed in a picker, as a list the picker's script shows."""
    choices = picking.suggestions(request.GET.get("q", "")[:100])
    return render(request, "territories/_pick_options.html", {"choices": choices})


@login_required
def status_add(request: HttpRequest, code: str) -> HttpResponse:
    territory = _editable(request, code)
    form = StatusForm(request.POST or None)

    def save() -> None:
        actions.add_status(territory, by=acting_user(request), **form.cleaned_data)

    if _saved(request, form, save, _("The wartime status was recorded.")):
        return redirect("territories:detail", code=territory.code)
    return _form_page(request, territory, form, _("Add a wartime status"))


@login_required
def status_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    territory = _editable(request, code)
    record = get_object_or_404(TerritoryStatus, pk=pk, territory=territory)
    form = StatusForm(request.POST or None, instance=record)

    def save() -> None:
        actions.change_status(record, by=acting_user(request), **form.cleaned_data)

    if _saved(request, form, save, _("The wartime status was changed.")):
        return redirect("territories:detail", code=territory.code)
    return _form_page(request, territory, form, _("Change a wartime status"))


def _saved(request: HttpRequest, form: Any, save: Callable[[], None], done: str) -> bool:
    """Run the action for a valid POST; a refusal becomes a form error, not a 500."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


@login_required
def status_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    territory = _editable(request, code)
    record = get_object_or_404(TerritoryStatus, pk=pk, territory=territory)
    form = EndStatusForm(request.POST or None, record=record)

    def save() -> None:
        actions.end_status(record, by=acting_user(request), end_date=form.cleaned_data["end_date"])

    if _saved(request, form, save, _("The wartime status was ended.")):
        return redirect("territories:detail", code=territory.code)
    context = {
        "territory": territory,
        "ancestors": queries.ancestors(territory),
        "form": form,
        "record": record,
    }
    return render(request, "territories/status_end.html", context)


def _editable(request: HttpRequest, code: str) -> Territory:
    if not can_edit_territory_status(request.user):
        raise PermissionDenied
    return queries.get_by_code(code)


def _form_page(
    request: HttpRequest, territory: Territory, form: StatusForm, title: str
) -> HttpResponse:
    context = {
        "territory": territory,
        "ancestors": queries.ancestors(territory),
        "form": form,
        "title": title,
    }
    return render(request, "territories/status_form.html", context)
