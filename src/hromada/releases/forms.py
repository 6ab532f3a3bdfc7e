from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.collection.models import Campaign
from hromada.releases.actions import ReleasePlan
from hromada.releases.models import Release


class ReleaseForm(forms.Form):
    name_uk = forms.CharField(label=_("Name (Ukrainian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Release.Kind.choices)
    first_year = forms.IntegerField(label=_("First year"))
    last_year = forms.IntegerField(
        label=pgettext_lazy("the latest year a release covers", "Last year")
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        required=False,
        help_text=_("With a campaign, only its indicators are released."),
    )
    scheduled_on = forms.DateField(
        label=_("Scheduled for"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note_uk = forms.CharField(label=_("Note (Ukrainian)"), widget=forms.Textarea, required=False)
    note_en = forms.CharField(label=_("Note (English)"), widget=forms.Textarea, required=False)

    def plan(self) -> ReleasePlan:
        data = self.cleaned_data
        campaign = data.get("campaign")
        return ReleasePlan(
            name_uk=data["name_uk"],
            name_en=data.get("name_en", ""),
            kind=data["kind"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            scheduled_on=data.get("scheduled_on"),
            note_uk=data.get("note_uk", ""),
            note_en=data.get("note_en", ""),
            campaign_id=campaign.pk if campaign else None,
        )
