from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from hromada.indicators.models import Indicator
from hromada.learning.models import (
    ENGLISH_TEXTS,
    Event,
    Evidence,
    ParticipantRole,
    Practice,
    PracticeState,
    Session,
)
from hromada.territories.models import Territory


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *ParticipantRole.choices], required=False
    )
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

    def clean_role(self) -> str:
        return str(self.cleaned_data.get("role") or ParticipantRole.OTHER)


def _english_widget(name: str) -> forms.Widget:
    if name in ("problem_en", "solution_en", "results_en"):
        return forms.Textarea(attrs={"rows": 4, "lang": "en"})
    return forms.TextInput(attrs={"lang": "en"})


ENGLISH_WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
    name: _english_widget(name) for name in ENGLISH_TEXTS.values()
}


def english_fields(form: forms.BaseForm) -> list[BoundField]:
    """The optional English texts of a practice, shown in a fieldset of their own."""
    return [form[name] for name in ENGLISH_TEXTS.values()]


def ukrainian_fields(form: forms.BaseForm) -> list[BoundField]:
    """The other fields, the indicator picker left to its own fieldset."""
    skipped = {*ENGLISH_TEXTS.values(), "target_indicators"}
    return [form[name] for name in form.fields if name not in skipped]


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
            "target_indicators",
            "start_year",
            *ENGLISH_TEXTS.values(),
        ]
        widgets = {"target_indicators": forms.CheckboxSelectMultiple, **ENGLISH_WIDGETS}
        help_texts = {
            "target_indicators": _(
                "The indicators the practice should move; its page compares them before and "
                "after the start year with similar hromadas."
            ),
        }

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas
            if hromadas.count() == 1:
                field.initial = hromadas.first()
        targets = self.fields["target_indicators"]
        if isinstance(targets, forms.ModelMultipleChoiceField):
            targets.queryset = Indicator.objects.filter(is_active=True).select_related("area")

    def clean_start_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("start_year")
        if year is not None and not 1991 <= year <= 2100:
            raise forms.ValidationError(_("Give the year the practice started, such as 2021."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target_indicators") and not data.get("start_year"):
            self.add_error(
                "start_year", _("Give the start year: the indicators are compared around it.")
            )
        return data

    def english_fields(self) -> list[BoundField]:
        return english_fields(self)

    def ukrainian_fields(self) -> list[BoundField]:
        return ukrainian_fields(self)

    def indicator_groups(self) -> list[tuple[str, list[Any]]]:
        """The picker's checkboxes grouped by the indicators' areas, in catalogue order."""
        field = self.fields["target_indicators"]
        areas: dict[int, str] = {}
        if isinstance(field, forms.ModelMultipleChoiceField):
            areas = {i.pk: i.area.name for i in field.queryset or []}
        groups: dict[str, list[Any]] = {}
        for box in self["target_indicators"]:
            groups.setdefault(areas.get(int(str(box.data["value"])), ""), []).append(box)
        return list(groups.items())


class AdoptionForm(forms.Form):
    hromada = forms.ModelChoiceField(
        label=_("Hromada"), queryset=Territory.objects.none(), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Adopted in (year)"), min_value=1991, max_value=2100)
    note = forms.CharField(label=_("How it went"), max_length=300, required=False)

    def __init__(self, *args: Any, hromadas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hromada"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = hromadas
            if hromadas.count() == 1:
                field.initial = hromadas.first()


class AttendanceSheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("Attendance sheet (CSV or XLSX)"),
        help_text=_(
            "An e-mail column and one column per session, named by its date or number; "
            "cells: + present, - absent, п excused."
        ),
    )


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

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        """Filled with the practice's current review and English texts, so saving it again
        changes only what the reviewer changed."""
        kwargs.setdefault(
            "initial",
            {
                "decision": "publish" if practice.state == PracticeState.PUBLISHED else "",
                "evidence": practice.evidence,
                "note": practice.review_note,
                **{name: getattr(practice, name) for name in ENGLISH_TEXTS.values()},
            },
        )
        super().__init__(*args, **kwargs)
        english = forms.fields_for_model(
            Practice, fields=list(ENGLISH_TEXTS.values()), widgets=ENGLISH_WIDGETS
        )
        self.fields.update(english)

    def english_fields(self) -> list[BoundField]:
        return english_fields(self)

    def ukrainian_fields(self) -> list[BoundField]:
        return ukrainian_fields(self)

    def english_texts(self) -> dict[str, str]:
        """The English texts the form sent; one it did not send at all (an older page, a
        script posting the decision only) is kept as it is, never emptied."""
        sent = [name for name in ENGLISH_TEXTS.values() if name in self.data]
        return {name: self.cleaned_data.get(name) or "" for name in sent}


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
