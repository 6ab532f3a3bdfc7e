"""The questionnaire builder: one card per question, in order, grouped into sections.

A Django formset (ordering and removal built in), so the builder works without a script:
the order numbers say the order, a ticked box removes a question, and indicators ticked in
the picker are added as new cards. builder.js only adds buttons that move a card up or down.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from hromada.collection.campaign_actions import ItemSpec
from hromada.indicators.models import Indicator

PREFIX = "q"


class QuestionForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    section_uk = forms.CharField(label=gettext_lazy("Section (Ukrainian)"), max_length=200)
    section_en = forms.CharField(
        label=gettext_lazy("Section (English)"), max_length=200, required=False
    )
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    threshold = forms.DecimalField(
        label=gettext_lazy("Own change threshold, %"),
        required=False,
        min_value=1,
        max_value=10_000,
        decimal_places=1,
        help_text=gettext_lazy("Empty: the campaign's threshold."),
    )
    help_uk = forms.CharField(
        label=gettext_lazy("Help (Ukrainian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    help_en = forms.CharField(
        label=gettext_lazy("Help (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def spec(self) -> ItemSpec:
        data = self.cleaned_data
        section = " / ".join(
            t for t in (data["section_uk"].strip(), data["section_en"].strip()) if t
        )
        threshold = data.get("threshold")
        return ItemSpec(
            section=section,
            code=data["code"],
            required=data["required"],
            help_uk=data["help_uk"],
            help_en=data["help_en"],
            change_threshold=None if threshold is None else float(threshold) / 100,
        )


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=0, can_order=True, can_delete=True, max_num=500, absolute_max=500
)


def initial_rows(items: list[ItemSpec]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        uk, _sep, en = item.section.partition(" / ")
        rows.append(
            {
                "code": item.code,
                "section_uk": uk,
                "section_en": en,
                "required": item.required,
                "threshold": None
                if item.change_threshold is None
                else round(item.change_threshold * 100, 1),
                "help_uk": item.help_uk,
                "help_en": item.help_en,
            }
        )
    return rows


def with_added(formset: Any, codes: list[str]) -> list[dict[str, Any]]:
    """The cards as they were posted (in their order, removed ones left out) and a new card
    for each ticked indicator not asked yet, in the section named after its area."""
    rows = [
        {name: form.cleaned_data.get(name) for name in QuestionForm.base_fields}
        for form in formset.ordered_forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    asked = {row["code"] for row in rows}
    new = Indicator.objects.filter(code__in=codes, is_active=True, formula="").select_related(
        "area"
    )
    for indicator in sorted(new, key=lambda i: codes.index(i.code)):
        if indicator.code in asked:
            continue
        rows.append(
            {
                "code": indicator.code,
                "section_uk": indicator.area.name_uk,
                "section_en": indicator.area.name_en,
                "required": True,
                "threshold": None,
                "help_uk": "",
                "help_en": "",
            }
        )
    return rows


def items_of(formset: Any) -> list[ItemSpec]:
    return [
        form.spec()
        for form in formset.ordered_forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def indicator_names(codes: list[str]) -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.filter(code__in=codes).select_related("area")}
