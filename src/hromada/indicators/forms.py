"""Forms for analysts: an indicator's definition, deactivation, and a catalogue upload.

The forms only shape input; the catalogue rules (code format, formula codes and cycles,
derived indicators not aggregated) live in catalogue_spec and catalogue_validation and run
in the actions. Their problems come back onto the field they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.indicators.catalogue_spec import (
    CODE_MAX_LENGTH,
    MAX_DECIMALS,
    CatalogueError,
    IndicatorSpec,
    check_code,
    read_indicator,
)
from hromada.indicators.models import (
    Aggregation,
    Area,
    ComparePer,
    Indicator,
    Polarity,
    ValueType,
)
from hromada.indicators.units import UNIT_LABELS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("code"),
        max_length=CODE_MAX_LENGTH,
        help_text=_("Chosen once and never changed, for example budget.revenue.own."),
    )
    area = forms.ModelChoiceField(
        label=_("area"), queryset=Area.objects.all(), to_field_name="code"
    )
    name_uk = forms.CharField(label=_("name (Ukrainian)"), max_length=300)
    name_en = forms.CharField(label=_("name (English)"), max_length=300)
    definition_uk = forms.CharField(label=_("definition (Ukrainian)"), widget=forms.Textarea)
    definition_en = forms.CharField(label=_("definition (English)"), widget=forms.Textarea)
    unit = forms.CharField(
        label=_("unit"),
        max_length=40,
        help_text=_("Use a unit from the list where one fits, so it is shown translated."),
        widget=forms.TextInput(attrs={"list": "unit-list"}),
    )
    value_type = forms.ChoiceField(label=_("value type"), choices=ValueType.choices)
    decimals = forms.IntegerField(label=_("decimals"), min_value=0, max_value=MAX_DECIMALS)
    polarity = forms.ChoiceField(label=_("polarity"), choices=Polarity.choices)
    aggregation = forms.ChoiceField(
        label=_("aggregation"),
        choices=Aggregation.choices,
        help_text=_("Derived indicators are not aggregated: they are recomputed from inputs."),
    )
    compare_per = forms.ChoiceField(
        label=_("compared"),
        choices=ComparePer.choices,
        required=False,
        help_text=_(
            "A count or total that grows with the hromada's size (deaths, pupils, revenues) "
            "is ranked per resident, per 1,000 residents or per km², with the raw value beside."
        ),
    )
    min_value = forms.FloatField(label=_("plausible minimum"), required=False)
    max_value = forms.FloatField(label=_("plausible maximum"), required=False)
    hard_min = forms.FloatField(
        label=_("impossible below"),
        required=False,
        help_text=_("A value below this is refused (a negative count); leave empty for money."),
    )
    hard_max = forms.FloatField(
        label=_("impossible above"),
        required=False,
        help_text=_("A value above this is refused (a share over 100 %)."),
    )
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    by_sex = forms.BooleanField(label=_("split by sex"), required=False)
    formula = forms.CharField(
        label=_("formula"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for a derived indicator, for example "
            "budget.revenue.own * 1000 / demography.population; lag(code, 1) is last year."
        ),
    )
    reason = forms.CharField(
        label=_("reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        self.indicator = indicator
        if indicator is not None:
            kwargs.setdefault("initial", self._initial(indicator))
        super().__init__(*args, **kwargs)
        if indicator is not None:
            del self.fields["code"]
        else:
            self.fields["reason"].required = False
        self.spec: IndicatorSpec | None = None

    @staticmethod
    def _initial(indicator: Indicator) -> dict[str, Any]:
        names = [name for name in IndicatorForm.base_fields if name not in {"code", "reason"}]
        initial = {name: getattr(indicator, name) for name in names}
        initial["area"] = indicator.area.code
        return initial

    @property
    def unit_choices(self) -> list[str]:
        return list(UNIT_LABELS)

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        message = check_code(code)
        if message is not None:
            raise forms.ValidationError(message)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        values = {k: v for k, v in data.items() if k not in {"reason", "area"}}
        values["area"] = data["area"].code
        values["code"] = self.indicator.code if self.indicator else data["code"]
        values["order"] = self.indicator.order if self.indicator else 0
        values["is_active"] = self.indicator.is_active if self.indicator else True
        spec, problems = read_indicator(values, where="")
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        self.spec = spec
        return data

    def show_problems(self, error: CatalogueError) -> None:
        """Put the problems an action found back on the fields they name."""
        for problem in error.problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=_("catalogue file"), help_text=_("A .json or .xlsx file exported by Hromada.")
    )
    reason = forms.CharField(label=_("reason for the import"), max_length=500)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".json", ".xlsx")):
            raise forms.ValidationError(_("Choose a .json or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
