"""A practice's files and photos: added by its hromada's people or analysts, served under
the practice's own rule (everyone once it is published; before that, those who may see it)."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.learning import practice_actions
from hromada.learning.models import Practice, PracticeFile, PracticeState


class PracticeFileForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("What it shows"), max_length=300, required=False)
    file = forms.FileField(
        label=gettext_lazy("File or photo (PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG)")
    )


def may_add(user: object, practice: Practice) -> bool:
    return permissions.is_analyst(user) or permissions.covers(user, practice.hromada)


def may_see(user: object, practice: Practice) -> bool:
    return practice.state == PracticeState.PUBLISHED or may_add(user, practice)


@login_required
@require_POST
def practice_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("hromada"), pk=pk)
    if not may_add(request.user, practice):
        raise PermissionDenied
    form = PracticeFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("learning:practice", pk=practice.pk)
    upload = form.cleaned_data["file"]
    try:
        practice_actions.add_practice_file(
            practice,
            by=request.user,
            title=form.cleaned_data["title"],
            file_name=upload.name,
            content=upload.read(practice_actions.PRACTICE_FILE_BYTES + 1),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is added to the practice."))
    return redirect("learning:practice", pk=practice.pk)


def practice_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    stored = get_object_or_404(
        PracticeFile.objects.select_related("practice", "practice__hromada"),
        pk=file_id,
        practice_id=pk,
    )
    if not may_see(request.user, stored.practice):
        raise Http404(_("No such practice is published."))
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    disposition = "inline" if stored.is_picture else "attachment"
    name = quote(stored.file_name)
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{name}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
