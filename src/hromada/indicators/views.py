"""The catalogue pages: browse, one indicator, edit (analysts), export and import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.indicators import catalogue_actions, related
from hromada.indicators.catalogue_exchange import (
    CONTENT_TYPES,
    read_catalogue_file,
    to_json,
    to_xlsx,
)
from hromada.indicators.catalogue_queries import browse, current_catalogue, indicator_page
from hromada.indicators.catalogue_spec import CatalogueError
from hromada.indicators.data_queries import format_number
from hromada.indicators.forms import CatalogueImportForm, IndicatorForm, ReasonForm
from hromada.indicators.models import Area, Indicator, IndicatorVersion
from hromada.indicators.units import unit_label


def _require_analyst(request: HttpRequest) -> None:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied


def plausible_range(indicator: Indicator) -> str:
    """`0 – 3 500 000` in the reader's number format; an open end is shown as '…'."""
    if indicator.min_value is None and indicator.max_value is None:
        return "—"
    low, high = (
        "…" if value is None else format_number(value, indicator.decimals)
        for value in (indicator.min_value, indicator.max_value)
    )
    return f"{low} – {high}"


def catalogue(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    area = request.GET.get("area", "")
    analyst = permissions.is_analyst(request.user)
    inactive = analyst and request.GET.get("inactive") == "1"
    groups = browse(query, area, inactive=inactive)
    context = {
        "groups": groups,
        "areas": Area.objects.all(),
        "query": query,
        "area": area,
        "inactive": inactive,
        "total": sum(group.count for group in groups),
        "is_analyst": analyst,
    }
    return render(request, "indicators/catalogue.html", context)


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("area"), code=code)
    context = {
        "page": indicator_page(indicator),
        "indicator": indicator,
        "unit": unit_label(indicator.unit),
        "range": plausible_range(indicator),
        "is_analyst": permissions.is_analyst(request.user),
        "reason_form": ReasonForm(),
        "related": related.links_for(indicator),
    }
    return render(request, "indicators/indicator_detail.html", context)


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.spec is not None:
        try:
            indicator = catalogue_actions.create_indicator(
                form.spec, by=acting_user(request), reason=form.cleaned_data["reason"]
            )
        except CatalogueError as error:
            form.show_problems(error)
        else:
            messages.success(
                request, _("The indicator %(code)s was added.") % {"code": indicator.code}
            )
            return redirect("indicators:detail", code=indicator.code)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": None})


@login_required
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    _require_analyst(request)
    indicator = get_object_or_404(Indicator.objects.select_related("area"), code=code)
    form = IndicatorForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid() and form.spec is not None:
        try:
            changed = catalogue_actions.update_indicator(
                indicator, form.spec, by=acting_user(request), reason=form.cleaned_data["reason"]
            )
        except CatalogueError as error:
            form.show_problems(error)
        else:
            if changed:
                text = _("Saved as version %(version)s.") % {"version": indicator.version}
            else:
                text = _("Nothing was changed.")
            messages.success(request, text)
            return redirect("indicators:detail", code=indicator.code)
    context = {"form": form, "indicator": indicator}
    return render(request, "indicators/indicator_form.html", context)


@login_required
@require_POST
def indicator_set_active(request: HttpRequest, code: str) -> HttpResponse:
    _require_analyst(request)
    indicator = get_object_or_404(Indicator.objects.select_related("area"), code=code)
    form = ReasonForm(request.POST)
    active = request.POST.get("active") == "1"
    if not form.is_valid():
        messages.error(request, _("Give a reason for the change."))
        return redirect("indicators:detail", code=code)
    catalogue_actions.set_indicator_active(
        indicator, active, by=acting_user(request), reason=form.cleaned_data["reason"]
    )
    text = _("The indicator is active again.") if active else _("The indicator was deactivated.")
    messages.success(request, text)
    return redirect("indicators:detail", code=code)


def catalogue_export(request: HttpRequest, file_format: str) -> HttpResponseBase:
    writer = to_xlsx if file_format == "xlsx" else to_json
    response = HttpResponse(writer(current_catalogue()), content_type=CONTENT_TYPES[file_format])
    name = f"hromada-catalogue-{timezone.localdate():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def catalogue_import(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = catalogue_actions.apply_catalogue(
                read_catalogue_file(upload.name, upload.read()),
                by=acting_user(request),
                reason=form.cleaned_data["reason"],
                origin=IndicatorVersion.Origin.IMPORT,
            )
        except CatalogueError as error:
            problems = [str(problem) for problem in error.problems]
        else:
            text = _(
                "Catalogue imported: %(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged indicators."
            ) % {
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            }
            messages.success(request, text)
            return redirect("indicators:catalogue")
    context = {"form": form, "problems": problems}
    return render(request, "indicators/catalogue_import.html", context)
