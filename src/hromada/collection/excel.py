"""The Excel template: one sheet of rows (hromada x indicator), an instructions sheet, and
hidden signed metadata so a workbook comes back only to where it was made for.
Every cell goes through `safe_row`: a comment like `=HYPERLINK(...)` stays text.

The same layout serves one hromada and a whole oblast (one row per hromada x indicator).
Columns: hromada code, hromada, indicator code, indicator, sex, unit, last year, value, why
missing, comment. Only the last three are unlocked; the sheet is protected. A by-sex
indicator has three rows: the total, then women and men (their comment is the total's).
Version 2 added the sex column; a version 1 workbook is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from hromada.collection.models import Campaign, Submission
from hromada.collection.queries import questionnaire
from hromada.indicators.models import Missing
from hromada.indicators.units import unit_label
from hromada.lib.cells import safe_row

VERSION = "2"
DATA_SHEET = "Data"
META_SHEET = "meta"
HEADER = ("Код громади / Hromada code", "Громада / Hromada", "Код показника / Indicator code",
          "Показник / Indicator", "Стать / Sex", "Одиниця / Unit", "Минулий рік / Last year",
          "Значення / Value", "Чому немає / Why missing", "Коментар / Comment")  # fmt: skip
SEX, VALUE, MISSING, COMMENT = 5, 8, 9, 10  # 1-based columns
COLUMN_LETTERS = "ABCDEFGHIJ"
SEX_LABELS = {"": "усього / total", "f": "жінки / women", "m": "чоловіки / men"}


def missing_choices() -> list[str]:
    """The reasons a value may be missing, as the workbook's list offers them: in the
    language of the person who downloads it."""
    return [str(label) for label in Missing.labels]


def missing_code(text: str) -> str | None:
    """The reason code of a "why missing" cell: its label in Ukrainian or English (a workbook
    made in either language comes back), or the code itself; None when it is none of them."""
    wanted = text.strip().casefold()
    if not wanted:
        return ""
    for code, label in Missing.choices:
        names = {code.casefold()}
        for language in ("uk", "en"):
            with override(language):
                names.add(str(label).casefold())
        if wanted in names:
            return str(code)
    return None


@dataclass(frozen=True)
class Meta:
    campaign_id: int
    scope: str  # a hromada code, or an oblast code
    kind: str  # "hromada" or "oblast"

    def signature(self) -> str:
        text = "|".join([str(self.campaign_id), self.scope, self.kind, VERSION, *HEADER])
        key = settings.SECRET_KEY.encode()
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _instructions(workbook: Workbook, campaign: Campaign) -> None:
    sheet = workbook.create_sheet("Інструкція - Instructions")
    sheet.column_dimensions["A"].width = 110
    lines: list[str] = []
    for language in ("uk", "en"):
        with override(language):
            lines += [
                campaign.name,
                _("Fill in the Value column; if there is no value, choose why in the Why missing "
                  "column and say why in the Comment column."),
                _("Explain every value the site warned about in the Comment column."),
                _("An indicator split by sex has three rows: the total, women and men. Women "
                  "plus men must equal the total; the comment goes in the total's row."),
                _("Do not change the other columns, the header or the sheets: a changed template "
                  "is refused. Upload the file on the questionnaire page."),
                _("Reasons a value may be missing: %(reasons)s.")
                % {"reasons": ", ".join(missing_choices())},
                "",
            ]  # fmt: skip
    for line in lines:
        sheet.append(safe_row([line]))


def shown_missing(code: str) -> str | None:
    return str(Missing(code).label) if code in Missing.values else None


def build_workbook(campaign: Campaign, submissions: list[Submission], meta: Meta) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    parts: list[int] = []  # rows of women and men, whose comment is the total's
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for submission in submissions:
        for block in questionnaire(submission, with_flags=False):
            for row in block.rows:
                indicator = row.item.indicator
                sheet.append(safe_row([
                    submission.territory.code, submission.territory.name, indicator.code,
                    indicator.name, SEX_LABELS[""], unit_label(indicator.unit), row.last_year,
                    row.value, shown_missing(row.missing), row.comment or None,
                ]))  # fmt: skip
                for part in row.parts:
                    sheet.append(safe_row([
                        submission.territory.code, submission.territory.name, indicator.code,
                        indicator.name, SEX_LABELS[part.sex], unit_label(indicator.unit),
                        part.last_year, part.value, shown_missing(part.missing), None,
                    ]))  # fmt: skip
                    parts.append(sheet.max_row)
    missing = DataValidation(type="list", formula1='"' + ",".join(missing_choices()) + '"',
                             allow_blank=True)  # fmt: skip
    sheet.add_data_validation(missing)
    if sheet.max_row > 1:
        missing.add(f"I2:I{sheet.max_row}")
    for cells in sheet.iter_rows(min_row=2, min_col=VALUE, max_col=COMMENT):
        for cell in cells:
            cell.protection = Protection(locked=False)
    for number in parts:
        sheet.cell(number, COMMENT).protection = Protection(locked=True)
        sheet.cell(number, COMMENT).fill = PatternFill("solid", fgColor="EEEEEE")
    sheet.protection.sheet = True
    sheet.freeze_panes = "A2"
    for letter, width in zip(COLUMN_LETTERS, (22, 24, 30, 50, 16, 12, 14, 14, 18, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    _instructions(workbook, campaign)
    hidden = workbook.create_sheet(META_SHEET)
    for key, value in (("campaign", meta.campaign_id), ("scope", meta.scope),
                       ("kind", meta.kind), ("version", VERSION),
                       ("signature", meta.signature())):  # fmt: skip
        hidden.append([key, value])
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
