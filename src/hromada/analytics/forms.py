"""The peer group form: a rule (type AND band AND oblast AND membership) or a saved list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.analytics.models import PeerGroup
from hromada.indicators.population_bands import BANDS
from hromada.territories import picking
from hromada.territories.models import HromadaType, Territory


class PeerGroupForm(forms.Form):
    name_uk = forms.CharField(label=_("Name (Ukrainian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PeerGroup.Kind.choices)
    hromada_types = forms.MultipleChoiceField(
        label=_("Types of hromada"),
        choices=HromadaType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bands = forms.MultipleChoiceField(
        label=_("Population bands"),
        choices=[(b.code, b.label) for b in BANDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The codifier numbers oblasts in the order of the Ukrainian alphabet; the database's
    # order of names would put Івано-Франківська first and Волинська before Вінницька.
    oblasts = forms.ModelMultipleChoiceField(
        label=_("Oblasts"), queryset=Territory.objects.oblasts().order_by("code"), required=False
    )
    members_only = forms.BooleanField(label=_("Association members only"), required=False)
    # Chosen with the hromada picker (names or codes); see territories.picking.
    hromada_codes = forms.Field(
        label=_("Hromadas of a saved list"), required=False, widget=forms.MultipleHiddenInput
    )

    def clean_hromada_codes(self) -> list[str]:
        resolution = self.picker_resolution()
        if problems := picking.problems(resolution):
            raise forms.ValidationError(problems)
        return resolution.codes

    def picker_resolution(self) -> picking.Resolution:
        return picking.for_form(self, "hromada_codes")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == PeerGroup.Kind.LIST and not data.get("hromada_codes"):
            self.add_error("hromada_codes", _("A saved list needs at least one hromada."))
        return data


def initial_for(group: PeerGroup) -> dict[str, Any]:
    return {
        "name_uk": group.name_uk,
        "name_en": group.name_en,
        "description": group.description,
        "kind": group.kind,
        "hromada_types": group.hromada_types,
        "bands": group.bands,
        "oblasts": list(group.oblasts.all()),
        "members_only": group.members_only,
        "hromada_codes": [t.code for t in group.hromadas.order_by("code")],
    }
