from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.appeals.letters import PLACEHOLDERS
from hromada.appeals.models import Answer, Body, Outcome, Participation, Problem
from hromada.indicators.models import Indicator
from hromada.lib.documents import check_document
from hromada.members.models import Section
from hromada.territories.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_PDF_BYTES = 20 * 1024 * 1024


def _pdf(document: Any) -> Any:
    """An answer's file: a real PDF within the limits (the one rule of lib.documents)."""
    if document is None:
        return None
    content = document.read(MAX_PDF_BYTES + 1)
    checked = check_document(document.name, content, max_bytes=MAX_PDF_BYTES)
    if checked.content_type != "application/pdf":
        raise forms.ValidationError(_("The file is not a PDF."))
    document.seek(0)
    return document


class ProblemForm(forms.ModelForm[Problem]):
    hromada = forms.ModelChoiceField(
        label=_("Hromada"), queryset=Territory.objects.none(), to_field_name="code"
    )

    class Meta:
        model = Problem
        fields = ["hromada", "title", "description", "since", "legal_act", "section"]
        widgets = {"since": DATE, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas
            if hromadas.count() == 1:
                field.initial = hromadas.first()


class JoinForm(forms.Form):
    hromada = forms.ModelChoiceField(
        label=_("Hromada"), queryset=Territory.objects.none(), to_field_name="code"
    )
    details = forms.CharField(
        label=_("How it affects your hromada"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas


class AcceptForm(forms.Form):
    tags = forms.CharField(label=_("Subjects (comma-separated)"), required=False, max_length=300)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), required=False
    )
    evidence_indicator = forms.ModelChoiceField(
        label=_("Indicator that measures it"),
        queryset=Indicator.objects.filter(is_active=True).order_by("code"),
        required=False,
        to_field_name="code",
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Number of the problem it repeats"), min_value=1)


class SendForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        label=_("To which bodies"), queryset=Body.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    outgoing_number = forms.CharField(label=_("Outgoing number"), max_length=60, required=False)


class AnswerForm(forms.ModelForm[Answer]):
    class Meta:
        model = Answer
        fields = [
            "received_on",
            "incoming_number",
            "summary",
            "outcome",
            "redirected_to",
            "document",
        ]
        widgets = {"received_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def clean_document(self) -> Any:
        return _pdf(self.cleaned_data.get("document"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.REDIRECTED and not data.get("redirected_to"):
            self.add_error("redirected_to", _("Say which body the answer redirects to."))
        return data


class FeedbackForm(forms.Form):
    feedback = forms.ChoiceField(
        label=_("Is the problem solved for your hromada?"),
        choices=Participation.Feedback.choices,
        widget=forms.RadioSelect,
    )


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the public (no names, phone numbers or other personal data)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CloseForm(forms.Form):
    solved = forms.BooleanField(label=_("Solved"), required=False)
    reason = forms.CharField(label=_("Why it is closed or reopened"), max_length=300)


def _hromada_name(participation: Participation) -> str:
    return participation.hromada.name


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("What the file shows"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File (PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG, up to 20 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg"}
        ),
    )
    participation = forms.ModelChoiceField(
        label=_("For which hromada"),
        queryset=Participation.objects.none(),
        required=False,
        empty_label=_("the problem as a whole"),
    )

    def __init__(self, *args: Any, participations: Any, whole: bool, **kwargs: Any) -> None:
        """`participations`: the hromadas the user may add files for; `whole`: whether the
        user may add a file for the problem as a whole."""
        super().__init__(*args, **kwargs)
        field = self.fields["participation"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = participations
            field.label_from_instance = _hromada_name  # type: ignore[method-assign,assignment]
            field.required = not whole
            if not whole:
                field.empty_label = None


class LetterTemplateForm(forms.Form):
    text = forms.CharField(label=_("Text of the letter"), widget=forms.Textarea(attrs={"rows": 18}))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    placeholders = PLACEHOLDERS


class AnswerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of answers (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
