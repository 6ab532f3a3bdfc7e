"""Forms of the analysts' pages. The respondent's questionnaire is built from the definition
(templates/surveys/respond.html), not from a Django form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.analytics.models import PeerGroup
from hromada.members.models import Section
from hromada.surveys.actions import SurveySpec, WaveSpec
from hromada.surveys.builder import PageQuestion
from hromada.surveys.models import Mode, PanelKind, RespondentRole, ReviewState
from hromada.territories.models import HromadaType, Territory


class SurveyForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Latin letters, digits, hyphens.")
    )
    title_uk = forms.CharField(label=_("Title (Ukrainian)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    description_uk = forms.CharField(
        label=_("Description (Ukrainian)"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea, required=False
    )

    def spec(self) -> SurveySpec:
        return SurveySpec(**self.cleaned_data)


class UploadForm(forms.Form):
    workbook = forms.FileField(label=_("XLSForm workbook (.xlsx)"))


class WaveForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    closes_on = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    keeps_place = forms.BooleanField(
        label=_("Anonymous answers keep the hromada's type and oblast"),
        required=False,
        initial=True,
    )
    prefill = forms.BooleanField(
        label=_("Pre-fill answers from the previous wave (closed mode only)"), required=False
    )
    # Waves of named people are opened by the room that names them, not on this form.
    panel_kind = forms.ChoiceField(
        label=_("Panel"), choices=[c for c in PanelKind.choices if c[0] != PanelKind.PEOPLE]
    )
    oblast = forms.ModelChoiceField(
        label=_("Oblast"), queryset=Territory.objects.none(), required=False, to_field_name="code"
    )
    hromada_type = forms.ChoiceField(
        label=_("Type of hromada"), choices=[("", "—"), *HromadaType.choices], required=False
    )
    peer_group = forms.ModelChoiceField(
        label=_("Peer group"), queryset=PeerGroup.objects.all(), required=False
    )
    codes = forms.CharField(
        label=_("KATOTTG codes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    role = forms.ChoiceField(
        label=_("Respondent"),
        choices=[c for c in RespondentRole.choices if c[0] != RespondentRole.NAMED],
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.filter(is_active=True), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["oblast"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = Territory.objects.oblasts().valid().order_by("name_uk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("panel_kind")
        if kind == PanelKind.OBLAST and not data.get("oblast"):
            self.add_error("oblast", _("Choose the oblast."))
        if kind == PanelKind.HROMADA_TYPE and not data.get("hromada_type"):
            self.add_error("hromada_type", _("Choose the type of hromada."))
        if kind == PanelKind.PEER_GROUP and not data.get("peer_group"):
            self.add_error("peer_group", _("Choose the peer group."))
        return data

    def panel_value(self) -> str:
        data = self.cleaned_data
        kind = data["panel_kind"]
        if kind == PanelKind.OBLAST:
            return str(data["oblast"].code)
        if kind == PanelKind.HROMADA_TYPE:
            return str(data["hromada_type"])
        if kind == PanelKind.CODES:
            return str(data["codes"])
        if kind == PanelKind.PEER_GROUP:
            return str(data["peer_group"].pk)
        return ""

    def spec(self) -> WaveSpec:
        data = self.cleaned_data
        return WaveSpec(
            year=data["year"],
            closes_on=data["closes_on"],
            mode=data["mode"],
            panel_kind=data["panel_kind"],
            panel_value=self.panel_value(),
            role=data["role"],
            section=data.get("section"),
            keeps_place=data.get("keeps_place", False),
            prefill=data.get("prefill", False),
        )


class ReviewForm(forms.Form):
    state = forms.ChoiceField(label=_("Review state"), choices=ReviewState.choices)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PageQuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            ("", "—"),
            ("integer", _("whole number")),
            ("decimal", _("number with decimals")),
            ("text", _("text")),
            ("date", _("date")),
            ("select_one", _("one choice")),
            ("select_multiple", _("several choices")),
        ],
        required=False,
    )
    name = forms.CharField(label=_("Name in the form"), max_length=60, required=False)
    label_uk = forms.CharField(label=_("Question (Ukrainian)"), max_length=500, required=False)
    label_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=2000,
        help_text=_("For choices: name = Українською / English; separated by semicolons."),
    )

    def question(self) -> PageQuestion | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return PageQuestion(
            kind=data["kind"],
            name=data["name"].strip(),
            label_uk=data["label_uk"].strip(),
            label_en=data["label_en"].strip(),
            required=data["required"],
            choices=data["choices"],
        )


PageQuestionFormSet = forms.formset_factory(PageQuestionForm, extra=10, max_num=60)
