"""Forms of the collection: a campaign (its questionnaire is questionnaire_form), a correction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.collection.campaign_actions import CampaignSpec, ItemSpec
from hromada.indicators.models import Missing
from hromada.territories import picking


class DateInput(forms.DateInput):
    input_type = "date"


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Reporting year"), min_value=2000, max_value=2100)
    name_uk = forms.CharField(label=gettext_lazy("Name (Ukrainian)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200, required=False)
    opens_on = forms.DateField(label=gettext_lazy("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=gettext_lazy("Closes on (deadline)"), widget=DateInput)
    reminder_days = forms.CharField(
        label=gettext_lazy("Reminders, days before the deadline"),
        initial="14, 7, 1",
        help_text=gettext_lazy("Numbers separated by commas, e.g. 14, 7, 1."),
    )
    change_threshold = forms.IntegerField(
        label=gettext_lazy("Year-over-year change that raises a warning, %"),
        initial=50,
        min_value=1,
    )
    # Chosen with the hromada picker (names or codes); empty: every member hromada.
    hromadas = forms.Field(
        label=gettext_lazy("Hromadas that report"), required=False, widget=forms.MultipleHiddenInput
    )

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"]
        try:
            days = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Enter whole numbers separated by commas.")) from None
        if any(day < 0 for day in days):
            raise forms.ValidationError(_("Days before the deadline cannot be negative."))
        return days

    def clean_hromadas(self) -> list[str]:
        resolution = self.picker_resolution()
        if problems := picking.problems(resolution):
            raise forms.ValidationError(problems)
        return resolution.codes

    def picker_resolution(self) -> picking.Resolution:
        return picking.for_form(self, "hromadas")

    def spec(self, items: list[ItemSpec]) -> CampaignSpec:
        data = self.cleaned_data
        return CampaignSpec(
            year=data["year"],
            name_uk=data["name_uk"],
            name_en=data["name_en"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            items=items,
            reminder_days=data["reminder_days"],
            change_threshold=data["change_threshold"] / 100,
            hromada_codes=data["hromadas"] or None,
        )

    @classmethod
    def initial_from(cls, spec: CampaignSpec) -> dict[str, Any]:
        return {
            "year": spec.year,
            "name_uk": spec.name_uk,
            "name_en": spec.name_en,
            "opens_on": spec.opens_on,
            "closes_on": spec.closes_on,
            "reminder_days": ", ".join(str(d) for d in spec.reminder_days),
            "change_threshold": round(spec.change_threshold * 100),
            "hromadas": list(spec.hromada_codes or []),
        }


class CorrectionForm(forms.Form):
    value = forms.CharField(label=gettext_lazy("Corrected value"), required=False)
    missing = forms.ChoiceField(
        label=gettext_lazy("Or why it is missing"),
        choices=[("", "—"), *Missing.choices],
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3})
    )
