from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.legislation.consultations import ArticleText, split_articles
from hromada.legislation.impact import check_impact_formula
from hromada.legislation.models import (
    Audience,
    Bill,
    GovernmentMeeting,
    ImpactModel,
    Opinion,
    Position,
    Stance,
    Subject,
    Watch,
)
from hromada.legislation.queries import BillFilters, PositionFilters
from hromada.legislation.rada_files import MAX_FILE_BYTES
from hromada.legislation.stages import Stage
from hromada.members.models import Section
from hromada.territories.models import Level, Territory


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


MAX_UPLOAD_FILES = 10


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked as a single file would be."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.json,.txt,.tsv"}))
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
    q = forms.CharField(
        label=_("Words in the number, title or draft text"), required=False, max_length=200
    )
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


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    question = forms.CharField(
        label=_("What the association asks (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    audience = forms.ChoiceField(label=_("Addressed to"), choices=Audience.choices)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), required=False, to_field_name="code"
    )
    oblast = forms.ModelChoiceField(
        label=_("Oblast"),
        queryset=Territory.objects.filter(level=Level.OBLAST).order_by("name_uk"),
        required=False,
        to_field_name="code",
    )
    articles = forms.CharField(
        label=_("The draft's articles: each begins with a line “## Стаття …”"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean_articles(self) -> list[ArticleText]:
        return split_articles(self.cleaned_data["articles"])


class CommentForm(forms.Form):
    opinion = forms.ChoiceField(
        label=_("Your opinion"), choices=Opinion.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    wording = forms.CharField(
        label=_("Proposed wording"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsolidateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices)
    summary = forms.CharField(label=_("Why, in short"), widget=forms.Textarea(attrs={"rows": 5}))
    proposals = forms.CharField(
        label=_("Proposed wording"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.TypedMultipleChoiceField(
        label=_("Comments taken into account"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, comment_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = comment_choices  # type: ignore[attr-defined]


class ImpactForm(forms.ModelForm[ImpactModel]):
    reason = forms.CharField(
        label=_("Why it changes (for the history)"), required=False, max_length=300
    )

    class Meta:
        model = ImpactModel
        fields = ["label", "formula", "year", "unit", "decimals", "assumptions", "additive"]
        widgets = {
            "formula": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
            "assumptions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "formula": _(
                "Indicator codes of the catalogue with + − × ÷ and numbers, e.g. "
                "budget.revenue.pit * (0.64 / 0.60 - 1)."
            ),
        }

    def clean_formula(self) -> str:
        text = str(self.cleaned_data["formula"]).strip()
        check_impact_formula(text)
        return text

    def clean_decimals(self) -> int:
        decimals = int(self.cleaned_data["decimals"])
        if decimals > 6:
            raise forms.ValidationError(_("At most 6 decimals."))
        return decimals


class MeetingForm(forms.ModelForm[GovernmentMeeting]):
    class Meta:
        model = GovernmentMeeting
        fields = ["body_kind", "body", "held_on", "representatives", "outcome"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "representatives": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    bill = forms.CharField(label=_("Bill number (optional)"), max_length=40, required=False)
    position = forms.ModelChoiceField(
        label=_("Position voiced"), queryset=Position.objects.all(), required=False
    )
    voiced = forms.CharField(
        label=_("What the association said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_bill(self) -> Bill | None:
        number = self.cleaned_data["bill"].strip()
        if not number:
            return None
        bill = Bill.objects.filter(number=number).first()
        if bill is None:
            raise forms.ValidationError(
                _("No bill numbered %(number)s is tracked.") % {"number": number}
            )
        return bill


class MPImportForm(forms.Form):
    upload = MultipleFileField(
        label=_("The Rada's MP files (mps…-data.csv; mp-posts_ids.csv and mp-posts_unit.txt)")
    )
