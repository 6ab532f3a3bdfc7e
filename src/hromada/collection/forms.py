"""Forms of the collection: a campaign (with its questionnaire as lines), a correction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.collection.campaign_actions import CampaignSpec, ItemSpec
from hromada.indicators.models import Missing


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
    hromadas = forms.CharField(
        label=gettext_lazy("Hromadas that report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "KATOTTG codes separated by spaces or new lines; leave empty for all member hromadas."
        ),
    )
    questionnaire = forms.CharField(
        label=gettext_lazy("Questionnaire"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        help_text=gettext_lazy(
            "One indicator per line: code | section (Ukrainian / English) | required (yes/no) "
            "| own change threshold in % (may be empty) | help (Ukrainian) | help (English)."
        ),
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

    def clean_questionnaire(self) -> list[ItemSpec]:
        items = []
        for number, line in enumerate(self.cleaned_data["questionnaire"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + [""] * 5
            code, section, required, threshold, help_uk, help_en = parts[:6]
            try:
                own = float(threshold.replace(",", ".")) / 100 if threshold else None
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(line)s: the threshold is not a number.") % {"line": number}
                ) from None
            items.append(
                ItemSpec(section or _("Questions"), code, required.lower() not in {"no", "ні", "0"},
                         help_uk, help_en, own)
            )  # fmt: skip
        return items

    def spec(self) -> CampaignSpec:
        data = self.cleaned_data
        codes = data["hromadas"].split()
        return CampaignSpec(
            year=data["year"],
            name_uk=data["name_uk"],
            name_en=data["name_en"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            items=data["questionnaire"],
            reminder_days=data["reminder_days"],
            change_threshold=data["change_threshold"] / 100,
            hromada_codes=codes or None,
        )

    @classmethod
    def initial_from(cls, spec: CampaignSpec) -> dict[str, Any]:
        lines = [
            " | ".join([
                item.code, item.section, _("yes") if item.required else _("no"),
                "" if item.change_threshold is None else f"{item.change_threshold * 100:g}",
                item.help_uk, item.help_en,
            ]).rstrip(" |")
            for item in spec.items
        ]  # fmt: skip
        return {
            "year": spec.year,
            "name_uk": spec.name_uk,
            "name_en": spec.name_en,
            "opens_on": spec.opens_on,
            "closes_on": spec.closes_on,
            "reminder_days": ", ".join(str(d) for d in spec.reminder_days),
            "change_threshold": round(spec.change_threshold * 100),
            "hromadas": "\n".join(spec.hromada_codes or []),
            "questionnaire": "\n".join(lines),
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
