from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hromada.dataio.actions import KEEP_STATUS
from hromada.dataio.columns import SKIP, ColumnRule, MappingError, rule_from
from hromada.dataio.models import ColumnMapping
from hromada.indicators.models import Status
from hromada.lib.file_limits import check_size, limit_message, upload_limits
from hromada.lib.tabular import TabularError


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8 or Windows-1251, ; or , separated) or XLSX.")
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1991,
        max_value=2100,
        help_text=_("For a wide file without a year column."),
    )
    status = forms.ChoiceField(
        label=_("Status of the imported values"),
        choices=[(KEEP_STATUS, _("as it is now (new values as drafts)")), *Status.choices],
        initial=KEEP_STATUS,
        help_text=_(
            "By default a published value stays published with its new figure; choose a "
            "status only to set it for every value of the file."
        ),
    )
    mapping = forms.ModelChoiceField(
        label=_("Saved column mapping"),
        queryset=ColumnMapping.objects.all(),
        required=False,
        empty_label=_("none"),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            check_size(upload.size or 0, upload_limits())
        except TabularError as error:
            raise forms.ValidationError(limit_message(error) or str(error)) from error
        return upload

    def options(self) -> dict[str, object]:
        mapping = self.cleaned_data["mapping"]
        return {
            "year": self.cleaned_data["year"],
            "status": self.cleaned_data["status"],
            "rules": mapping.rules if mapping else [],
        }


def mapping_rows(
    columns: list[str], rules: list[ColumnRule], codes: set[str]
) -> list[dict[str, Any]]:
    """One row per wide column for the mapping table, pre-filled from the current rules
    or, for a column named like an indicator code, with that code."""
    known = {rule.column: rule for rule in rules}
    rows = []
    for position, column in enumerate(columns):
        rule = known.get(column)
        indicator = column if column in codes else ""
        if rule:
            indicator = "" if rule.skipped else rule.indicator
        rows.append(
            {
                "position": position,
                "column": column,
                "indicator": indicator,
                "factor": (f"{rule.factor:g}" if rule else "1"),
                "year": (rule.year or "") if rule else "",
            }
        )
    return rows


def rules_from_post(columns: list[str], data: Any) -> list[ColumnRule]:
    """The rules typed into the mapping table; an empty indicator field means skip."""
    rules = []
    for position, column in enumerate(columns):
        entry = {
            "column": column,
            "indicator": data.get(f"indicator-{position}", "").strip() or SKIP,
            "factor": data.get(f"factor-{position}", "").strip() or "1",
            "year": data.get(f"year-{position}", "").strip(),
        }
        try:
            rules.append(rule_from(entry))
        except MappingError as error:
            raise forms.ValidationError(str(error)) from error
    return rules
