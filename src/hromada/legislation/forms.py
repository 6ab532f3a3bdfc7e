from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.legislation.models import Position, Stance, Subject, Watch
from hromada.legislation.queries import BillFilters, PositionFilters
from hromada.legislation.rada_files import MAX_FILE_BYTES
from hromada.legislation.stages import Stage
from hromada.members.models import Section


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


MAX_UPLOAD_FILES = 10


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked as a single file would be."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        if len(items) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files at once.") % {"count": MAX_UPLOAD_FILES}
            )
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items]
        for item in cleaned:
            if item.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(mb)s MB.") % {"name": item.name, "mb": 100}
                )
        return cleaned


class BillImportForm(forms.Form):
    upload = MultipleFileField(
        label=_(
            "The Rada's files (bills_main, bills_executives, bills_initiators CSV; billinfo JSON)"
        )
    )


class BillFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the number or title"), required=False, max_length=200)
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.all(), required=False, to_field_name="code"
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), required=False, to_field_name="code"
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *Stage.choices], required=False)

    def filters(self) -> BillFilters:
        if not self.is_valid():
            return BillFilters()
        data = self.cleaned_data
        return BillFilters(
            text=data["q"],
            subject=data["subject"].code if data["subject"] else "",
            section=data["section"].code if data["section"] else "",
            stage=data["stage"],
        )


class PositionFilterForm(forms.Form):
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.all(), required=False, to_field_name="code"
    )
    stance = forms.ChoiceField(
        label=_("Stance"), choices=[("", "—"), *Stance.choices], required=False
    )
    stage = forms.ChoiceField(
        label=_("Stage of the bill"), choices=[("", "—"), *Stage.choices], required=False
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def filters(self) -> PositionFilters:
        if not self.is_valid():
            return PositionFilters()
        data = self.cleaned_data
        return PositionFilters(
            subject=data["subject"].code if data["subject"] else "",
            stance=data["stance"],
            stage=data["stage"],
            since=data["since"],
            until=data["until"],
        )


class DraftForm(forms.Form):
    number = forms.CharField(label=_("Number or reference"), max_length=40)
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.CharField(
        label=_("Kind (e.g. a ministry's draft law, a Cabinet resolution)"),
        max_length=200,
        required=False,
    )
    registered_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    title = forms.CharField(label=_("What happened"), max_length=300)
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class TagForm(forms.Form):
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"),
        queryset=Section.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=Watch.Kind.choices)
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.all(), required=False, to_field_name="code", label=_("Subject")
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(), required=False, to_field_name="code", label=_("Section")
    )
    keyword = forms.CharField(max_length=100, required=False, label=_("Keyword"))
    by_email = forms.BooleanField(required=False, initial=True, label=_("Also by e-mail"))


class PositionForm(forms.ModelForm[Position]):
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Why it changes (for the history)"), required=False, max_length=300
    )

    class Meta:
        model = Position
        fields = ["title", "stance", "summary", "proposals", "evidence"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "proposals": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }


class LetterForm(forms.Form):
    addressee = forms.CharField(
        label=_("To whom (a Rada committee, the Cabinet, a ministry)"), max_length=300
    )
    sent_on = forms.DateField(
        label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    outgoing_number = forms.CharField(label=_("Outgoing number"), max_length=60, required=False)
    document = forms.FileField(label=_("The letter (PDF)"), required=False)

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document is not None:
            if document.size > 20 * 1024 * 1024:
                raise forms.ValidationError(_("The file is larger than 20 MB."))
            if not document.read(5).startswith(b"%PDF-"):
                raise forms.ValidationError(_("The file is not a PDF."))
            document.seek(0)
        return document
