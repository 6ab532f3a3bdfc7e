"""Forms of the analysts' status pages; the actions do the checking that needs the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.territories.models import TerritoryStatus

if TYPE_CHECKING:
    from typing import TypeAlias

    StatusModelForm: TypeAlias = forms.ModelForm[TerritoryStatus]
else:
    StatusModelForm = forms.ModelForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class StatusForm(StatusModelForm):
    class Meta:
        model = TerritoryStatus
        fields = ["status", "start_date", "end_date", "source", "note"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end comes before the start."))
        return data


class EndStatusForm(forms.Form):
    end_date = forms.DateField(label=_("until"), widget=DateInput())

    def __init__(self, *args: object, record: TerritoryStatus, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.record = record

    def clean_end_date(self) -> object:
        end = self.cleaned_data["end_date"]
        if end < self.record.start_date:
            raise forms.ValidationError(_("The end comes before the start."))
        return end
