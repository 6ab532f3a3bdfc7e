"""The form that creates an API token on the tokens page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.accounts import permissions
from hromada.api.models import Scope
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import Territory


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("For example: ERP export"))
    hromada = forms.ChoiceField(label=_("Acts for"), required=False)
    scopes = forms.MultipleChoiceField(
        label=_("May"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Without a scope a token reads published data only, without a rate limit."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if permissions.has_country_scope(user):
            choices.append(("", str(_("Myself (my whole area of responsibility)"))))
        else:
            hromadas = permissions.covered_territories(user, Territory.objects.hromadas().valid())
            choices += [(t.code, t.name) for t in sorted(hromadas, key=lambda t: sort_key(t.name))]
        field = self.fields["hromada"]
        if isinstance(field, forms.ChoiceField):
            field.choices = choices
            field.required = not permissions.has_country_scope(user)
        self.has_choices = bool(choices)
