"""Pages of the member registry. Views are thin: queries read, actions write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.members import actions, queries
from hromada.members.forms import (
    AdmitForm,
    DirectoryForm,
    DuesForm,
    PersonForm,
    SectionForm,
    StatusChangeForm,
)
from hromada.members.models import Membership, Person, Section

PAGE_SIZE = 50


def directory(request: HttpRequest) -> HttpResponse:
    oblast_rows = queries.oblast_table()
    form = DirectoryForm(request.GET, oblasts=[row.oblast for row in oblast_rows])
    memberships = queries.directory(queries.DirectoryFilters(**form.filters()))
    ids = queries.sorted_page_ids(memberships, english=get_language() == "en")
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.memberships_in_order(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "oblast_rows": oblast_rows,
            "query": query.urlencode(),
            "can_manage": permissions.can_manage_members(request.user),
        },
    )


def _membership(code: str) -> Membership:
    membership = queries.member_by_code(code)
    if membership is None:
        raise Http404(_("This hromada is not in the member registry."))
    return membership


def member(request: HttpRequest, code: str) -> HttpResponse:
    membership = _membership(code)
    territory = membership.territory
    return render(
        request,
        "members/member.html",
        {
            "membership": membership,
            "persons": queries.visible_persons(request.user, territory),
            "show_contacts": permissions.can_view_contacts(request.user),
            "can_open_workspace": permissions.can_view_private_hromada(request.user, territory),
        },
    )


def _private(request: HttpRequest, code: str) -> Membership:
    membership = _membership(code)
    if not permissions.can_view_private_hromada(request.user, membership.territory):
        raise PermissionDenied
    return membership


@login_required
def workspace(request: HttpRequest, code: str) -> HttpResponse:
    membership = _private(request, code)
    manager = permissions.can_manage_members(request.user)
    return render(
        request,
        "members/workspace.html",
        {
            "space": queries.workspace(membership, request.user),
            "membership": membership,
            "can_manage": manager,
            "status_form": StatusChangeForm() if manager else None,
            "dues_form": DuesForm() if manager else None,
        },
    )


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_members(request.user):
        raise PermissionDenied


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def change_status(request: HttpRequest, code: str) -> HttpResponse:
    _require_manager(request)
    membership = _membership(code)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            actions.change_membership_status(
                membership, by=acting_user(request), **form.cleaned_data
            )
            messages.success(request, _("The membership status was changed."))
        except ValidationError as error:
            _report(request, error)
    else:
        messages.error(request, _("Check the status form: every field is required."))
    return redirect("members:workspace", code=code)


@login_required
@require_POST
def record_dues(request: HttpRequest, code: str) -> HttpResponse:
    _require_manager(request)
    membership = _membership(code)
    form = DuesForm(request.POST)
    if form.is_valid():
        try:
            actions.record_dues(membership, by=acting_user(request), **form.cleaned_data)
            messages.success(request, _("The dues were recorded."))
        except ValidationError as error:
            _report(request, error)
    else:
        messages.error(request, _("Check the dues form: year and amount are required."))
    return redirect("members:workspace", code=code)


def branches(request: HttpRequest) -> HttpResponse:
    return render(request, "members/branches.html", {"rows": queries.branches()})


def sections(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/sections.html",
        {
            "sections": queries.sections_with_counts(request.user),
            "can_manage": permissions.can_manage_members(request.user),
        },
    )


@login_required
def section_edit(request: HttpRequest, code: str = "") -> HttpResponse:
    _require_manager(request)
    section = get_object_or_404(Section, code=code) if code else Section()
    # The form validates a copy, so the action still sees the old values for its audit row.
    copy = Section.objects.get(pk=section.pk) if section.pk else Section()
    form = SectionForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        actions.save_section(section, by=acting_user(request), **form.cleaned_data)
        messages.success(request, _("The section was saved."))
        return redirect("members:sections")
    return render(request, "members/section_form.html", {"form": form, "section": section})


@login_required
def admit(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AdmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        territory = data.pop("code")
        try:
            actions.admit_member(territory, by=acting_user(request), **data)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The hromada was admitted."))
            return redirect("members:workspace", code=territory.code)
    return render(request, "members/admit_form.html", {"form": form})


@login_required
def person_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """Add an official to a member hromada, or edit one."""
    _require_manager(request)
    membership = _membership(code)
    person = get_object_or_404(Person, pk=pk, hromada=membership.territory) if pk else None
    initial = {}
    if person is not None:
        initial = {name: getattr(person, name) for name in actions.PERSON_FIELDS}
        initial["sections"] = list(person.sections.all())
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sections = data.pop("sections")
        try:
            if person is None:
                actions.create_person(
                    by=acting_user(request), sections=sections, hromada=membership.territory, **data
                )
            else:
                actions.update_person(person, by=acting_user(request), sections=sections, **data)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The person was saved."))
            return redirect("members:workspace", code=code)
    context = {"form": form, "membership": membership, "person": person}
    return render(request, "members/person_form.html", context)
