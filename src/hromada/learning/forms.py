from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.learning.models import Event, Evidence, Practice, Session
from hromada.territories.models import Territory


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    hromada = forms.ModelChoiceField(
        label=_("Employing hromada"), queryset=Territory.objects.none(), to_field_name="code"
    )

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas
            if hromadas.count() == 1:
                field.initial = hromadas.first()


class PracticeForm(forms.ModelForm[Practice]):
    hromada = forms.ModelChoiceField(
        label=_("Hromada"), queryset=Territory.objects.none(), to_field_name="code"
    )

    class Meta:
        model = Practice
        fields = [
            "hromada",
            "title",
            "section",
            "problem",
            "solution",
            "cost",
            "duration",
            "results",
            "contacts",
            "start_year",
        ]

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("publish: implemented, results measurable, transferable")),
            ("return", _("return for changes")),
        ],
        widget=forms.RadioSelect,
    )
    evidence = forms.ChoiceField(
        label=_("Evidence level"), choices=[("", "—"), *Evidence.choices], required=False
    )
    note = forms.CharField(
        label=_("Note to the hromada"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why it is revoked"), max_length=300)


class EventForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "programme",
            "section",
            "audience",
            "capacity",
            "credits",
            "completion_share",
            "registration_open",
            "is_published",
        ]
        widgets = {"programme": forms.Textarea(attrs={"rows": 5})}


def session_formset() -> Any:
    return forms.inlineformset_factory(
        Event,
        Session,
        fields=["starts_at", "ends_at", "place", "topic", "hours"],
        widgets={
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        },
        extra=2,
        can_delete=True,
    )
