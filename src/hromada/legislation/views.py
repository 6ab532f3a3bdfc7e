"""Pages of legislative work. Views are thin: queries read, actions write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.legislation import actions, impact_page, queries
from hromada.legislation.consultations import consultations_visible_to
from hromada.legislation.forms import (
    BillFilterForm,
    BillImportForm,
    DraftForm,
    FollowForm,
    LetterForm,
    PositionFilterForm,
    PositionForm,
    StageForm,
    TagForm,
)
from hromada.legislation.models import Bill, Letter, Position, Watch
from hromada.legislation.stages import Stage

PAGE_SIZE = 50


def _require_analyst(request: HttpRequest) -> None:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def bill_list(request: HttpRequest) -> HttpResponse:
    form = BillFilterForm(request.GET or None)
    rows = queries.ranked_bills(form.filters() if form.is_bound else queries.BillFilters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/bill_list.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "is_analyst": permissions.is_analyst(request.user),
        },
    )


def _bill(number: str) -> Bill:
    bill = queries.bill_by_number(number)
    if bill is None:
        raise Http404(_("No bill with this number is tracked."))
    return bill


def bill_detail(request: HttpRequest, number: str) -> HttpResponse:
    bill = _bill(number)
    analyst = permissions.is_analyst(request.user)
    return render(
        request,
        "legislation/bill_detail.html",
        {
            "bill": bill,
            "stages": queries.stages_of(bill),
            "positions": queries.positions_visible_to(request.user).filter(bill=bill),
            "watch": queries.watch_of(request.user, bill),
            "is_analyst": analyst,
            "tag_form": TagForm(
                initial={"subjects": bill.subjects.all(), "sections": bill.sections.all()}
            )
            if analyst
            else None,
            "stage_form": StageForm() if analyst else None,
            "consultations": consultations_visible_to(request.user).filter(bill=bill),
        },
    )


@login_required
def import_bills(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = BillImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        files = [(f.name or "file", f.read()) for f in form.cleaned_data["upload"]]
        summary = actions.import_bills(files, by=request.user)
        if summary.ok:
            messages.success(
                request,
                _(
                    "Imported: %(new)s new bills, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(stages)s new stages, %(alerts)s alerts."
                )
                % {
                    "new": len(summary.new),
                    "updated": len(summary.updated),
                    "unchanged": summary.unchanged,
                    "stages": summary.new_stages,
                    "alerts": summary.alerts,
                },
            )
    return render(request, "legislation/import.html", {"form": form, "summary": summary})


@login_required
def add_draft(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bill = actions.add_draft(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("number", error)
        else:
            return redirect("legislation:bill", number=bill.number)
    return render(request, "legislation/draft_form.html", {"form": form})


@login_required
@require_POST
def tag_bill(request: HttpRequest, number: str) -> HttpResponse:
    _require_analyst(request)
    bill = _bill(number)
    form = TagForm(request.POST)
    if form.is_valid():
        actions.tag_bill(
            bill,
            by=request.user,
            subjects=list(form.cleaned_data["subjects"]),
            sections=list(form.cleaned_data["sections"]),
        )
        messages.success(request, _("Subjects and sections saved."))
    return redirect("legislation:bill", number=bill.number)


@login_required
@require_POST
def add_stage(request: HttpRequest, number: str) -> HttpResponse:
    _require_analyst(request)
    bill = _bill(number)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            actions.record_stage(
                bill,
                by=request.user,
                stage=Stage(form.cleaned_data["stage"]),
                title=form.cleaned_data["title"],
                happened_on=form.cleaned_data["happened_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Stage recorded."))
    else:
        messages.error(request, _("Fill in the stage, what happened and the date."))
    return redirect("legislation:bill", number=bill.number)


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    number = request.POST.get("bill", "")
    if number:
        bill = _bill(number)
        actions.follow(request.user, kind=Watch.Kind.BILL, bill=bill)
        messages.success(request, _("You follow bill № %(number)s.") % {"number": bill.number})
        return redirect("legislation:bill", number=bill.number)
    form = FollowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.follow(
                request.user,
                kind=data["kind"],
                subject=data["subject"],
                section=data["section"],
                keyword=data["keyword"],
                by_email=data["by_email"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved to what you follow."))
    else:
        messages.error(request, _("Choose what to follow."))
    return redirect("legislation:following")


@login_required
@require_POST
def unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    watch = get_object_or_404(Watch, pk=pk, user=request.user)
    actions.unfollow(watch, by=request.user)
    messages.success(request, _("You no longer follow this."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("legislation:following")


@login_required
def following(request: HttpRequest) -> HttpResponse:
    alerts = list(queries.alerts_of(request.user)[:100])
    unread = [alert.pk for alert in alerts if alert.read_at is None]
    response = render(
        request,
        "legislation/following.html",
        {
            "watches": queries.watches_of(request.user),
            "alerts": alerts,
            "unread": set(unread),
            "form": FollowForm(),
        },
    )
    actions.mark_alerts_read(request.user)
    return response


def position_list(request: HttpRequest) -> HttpResponse:
    form = PositionFilterForm(request.GET or None)
    rows = queries.published_positions(
        form.filters() if form.is_bound else queries.PositionFilters()
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = (
        queries.positions_visible_to(request.user).filter(published_on__isnull=True)
        if permissions.is_analyst(request.user)
        else None
    )
    return render(
        request,
        "legislation/position_list.html",
        {"form": form, "page": page, "query": _query_without_page(request), "drafts": drafts},
    )


def _position(request: HttpRequest, pk: int) -> Position:
    return get_object_or_404(queries.positions_visible_to(request.user), pk=pk)


def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = _position(request, pk)
    analyst = permissions.is_analyst(request.user)
    return render(
        request,
        "legislation/position_detail.html",
        {
            "position": position,
            "letters": position.letters.all(),
            "versions": position.versions.all(),
            "is_analyst": analyst,
            "letter_form": LetterForm() if analyst else None,
            "consultations": position.consultations.all(),
            **impact_page.impact_context(position),
        },
    )


@login_required
def position_edit(request: HttpRequest, pk: int | None = None, number: str = "") -> HttpResponse:
    _require_analyst(request)
    position = _position(request, pk) if pk else None
    bill = position.bill if position else (_bill(number) if number else None)
    initial = {"subjects": position.subjects.all()} if position else {}
    form = PositionForm(request.POST or None, instance=position, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {
            k: form.cleaned_data[k] for k in ("title", "stance", "summary", "proposals", "evidence")
        }
        if position is None:
            values["bill"] = bill
        saved = actions.save_position(
            position,
            by=request.user,
            values=values,
            subjects=list(form.cleaned_data["subjects"]),
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Position saved."))
        return redirect("legislation:position", pk=saved.pk)
    return render(
        request,
        "legislation/position_form.html",
        {"form": form, "position": position, "bill": bill},
    )


@login_required
@require_POST
def position_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    position = _position(request, pk)
    actions.publish_position(position, by=request.user)
    messages.success(request, _("The position is public."))
    return redirect("legislation:position", pk=position.pk)


@login_required
@require_POST
def letter_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    position = _position(request, pk)
    form = LetterForm(request.POST, request.FILES)
    if form.is_valid():
        actions.add_letter(position, by=request.user, **form.cleaned_data)
        messages.success(request, _("Letter recorded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
    return redirect("legislation:position", pk=position.pk)


def letter_document(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF of a letter that carried a position: public once the position is."""
    letter = get_object_or_404(Letter.objects.select_related("position"), pk=pk)
    visible = queries.positions_visible_to(request.user).filter(pk=letter.position_id).exists()
    if not visible or not letter.document:
        raise Http404(_("No such letter."))
    return FileResponse(letter.document.open("rb"), filename=f"letter-{letter.pk}.pdf")
