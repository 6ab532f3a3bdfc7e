"""Forms of the member pages. They validate input; the actions in actions.py write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.members.models import MembershipStatus, Section
from hromada.territories.models import HromadaType, Territory

ALL = "all"

if TYPE_CHECKING:
    from typing import TypeAlias

    SectionModelForm: TypeAlias = forms.ModelForm[Section]
else:
    SectionModelForm = forms.ModelForm


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    oblast = forms.ChoiceField(label=_("Oblast"), required=False)
    hromada_type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("any type")), *HromadaType.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*MembershipStatus.choices, (ALL, _("any status"))],
    )

    def __init__(self, data: Any, *, oblasts: list[Territory]) -> None:
        data = data.copy()
        data.setdefault("status", MembershipStatus.ACTIVE)
        super().__init__(data)
        self.fields["oblast"].choices = [("", _("all oblasts"))] + [  # type: ignore[attr-defined]
            (oblast.code, oblast.name) for oblast in oblasts
        ]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"status": MembershipStatus.ACTIVE}
        values = dict(self.cleaned_data)
        if values["status"] == ALL:
            values["status"] = ""
        return values


class SectionForm(SectionModelForm):
    class Meta:
        model = Section
        fields = [
            "code",
            "name_uk",
            "name_en",
            "description_uk",
            "description_en",
            "order",
            "is_active",
        ]


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MembershipStatus.choices)
    on = forms.DateField(
        label=_("Effective on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DuesForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1992, max_value=2100)
    amount = forms.DecimalField(
        label=_("Amount, UAH"), min_value=0, max_digits=12, decimal_places=2
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AdmitForm(forms.Form):
    code = forms.CharField(label=_("KATOTTG code of the hromada"), max_length=19)
    joined_on = forms.DateField(
        label=_("Joined on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    decision = forms.CharField(label=_("Decision"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_code(self) -> Territory:
        code = self.cleaned_data["code"].strip().upper()
        territory = Territory.objects.filter(code=code).first()
        if territory is None:
            raise forms.ValidationError(_("Unknown KATOTTG code."))
        return territory


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"),
        queryset=Section.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(label=_("Consents to personal-data processing"), required=False)
    consent_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today when left empty."),
    )
