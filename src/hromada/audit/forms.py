from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.audit.queries import AuditFilters


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    actor = forms.CharField(label=_("By"), required=False, max_length=150)
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    text = forms.CharField(label=_("Object or reason contains"), required=False, max_length=200)
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
    object_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: object, object_types: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choice_field = self.fields["object_type"]
        if isinstance(choice_field, forms.ChoiceField):
            choice_field.choices = [("", _("Any")), *((t, t) for t in object_types)]

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            action=data["action"].strip(),
            actor=data["actor"].strip(),
            object_type=data["object_type"] or "",
            object_id=data["object_id"].strip(),
            since=data["since"],
            until=data["until"],
            text=data["text"].strip(),
        )
