from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.members.models import Person, Section
from hromada.workspaces.actions import MeetingInput
from hromada.workspaces.models import Meeting


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 5}))
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_published = forms.BooleanField(
        label=_("Published: the public sees this meeting"), required=False
    )

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingForm:
        return cls(initial={name: getattr(meeting, name) for name in MeetingInput.__annotations__})

    def meeting_input(self) -> MeetingInput:
        return MeetingInput(**self.cleaned_data)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG; up to 10 MB)"))
    is_published = forms.BooleanField(
        label=_("Published: the public may download it"), required=False
    )


class ChairForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member"), queryset=Person.objects.none())
    since = forms.DateField(
        label=_("Chairs since"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: object, section: Section, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ModelChoiceField, self.fields["person"])  # type: ignore[type-arg]
        field.queryset = section.persons.order_by("full_name")
