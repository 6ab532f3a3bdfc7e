"""Uploading a filled template: check it is the right one, validate every row like the web
form does, then store all of it or nothing, with a report by row and column."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hromada.accounts.models import User
from hromada.collection.entry_actions import Answer, entry_open, save_answers
from hromada.collection.errors import CollectionError
from hromada.collection.excel import (
    COLUMN_LETTERS,
    COMMENT,
    DATA_SHEET,
    HEADER,
    META_SHEET,
    MISSING,
    SEX,
    SEX_LABELS,
    VALUE,
    VERSION,
    Meta,
    missing_code,
)  # fmt: skip
from hromada.collection.models import Campaign, Submission
from hromada.collection.permissions import can_enter
from hromada.collection.validation.verdict import Answer as Checked
from hromada.collection.validation.verdict import check_answers
from hromada.indicators.models import Indicator
from hromada.lib.cells import restore_text
from hromada.lib.file_limits import check_archive, check_size, limit_message, upload_limits
from hromada.lib.numbers import NumberError, parse_number
from hromada.lib.tabular import TabularError


@dataclass
class UploadReport:
    saved: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _where(row: int, column: int, text: str) -> str:
    return _("Row %(row)s, column %(column)s (%(name)s): %(text)s") % {
        "row": row, "column": COLUMN_LETTERS[column - 1], "name": HEADER[column - 1], "text": text,
    }  # fmt: skip


def _read_meta(workbook: Any, campaign: Campaign, expected: Meta) -> None:
    if META_SHEET not in workbook.sheetnames or DATA_SHEET not in workbook.sheetnames:
        raise CollectionError(_("This is not a template downloaded from this site."))
    meta = {str(row[0]): str(row[1]) for row in workbook[META_SHEET].iter_rows(values_only=True)
            if row and row[0] is not None}  # fmt: skip
    if meta.get("campaign") != str(campaign.pk):
        raise CollectionError(_("This template belongs to another campaign; download a new one."))
    if meta.get("scope") != expected.scope or meta.get("kind") != expected.kind:
        raise CollectionError(
            _("This template was made for %(scope)s, not for %(expected)s; download your own.")
            % {"scope": meta.get("scope", "?"), "expected": expected.scope}
        )
    if meta.get("version") != VERSION:
        raise CollectionError(
            _("This template is of an older version of the questionnaire; download a new one.")
        )
    if meta.get("signature") != expected.signature():
        raise CollectionError(_("The template's hidden data were changed; download a new one."))
    header = next(workbook[DATA_SHEET].iter_rows(min_row=1, max_row=1, values_only=True), ())
    if tuple(str(h or "") for h in header[: len(HEADER)]) != HEADER:
        raise CollectionError(_("The header row was changed; download a new template."))


Key = tuple[int, str, str]  # territory, indicator code, sex
Found = dict[Key, tuple[int, Answer]]
# Empty rows a person may leave below the template's rows before the workbook is refused.
SPARE_ROWS = 100
_SEX_OF = {label: sex for sex, label in SEX_LABELS.items()}


def _answer(
    cells: tuple[Any, ...], number: int, indicator: Indicator, report: UploadReport
) -> Answer | None:
    raw_value, raw_missing, raw_comment = cells[VALUE - 1], cells[MISSING - 1], cells[COMMENT - 1]
    missing = missing_code(str(raw_missing or ""))
    if missing is None:
        report.problems.append(_where(number, MISSING, _("choose a reason from the list.")))
        return None
    try:
        value = float(raw_value) if isinstance(raw_value, int | float) else parse_number(
            str(raw_value or ""))  # fmt: skip
    except NumberError as error:
        report.problems.append(_where(number, VALUE, error.message))
        return None
    sex = _SEX_OF.get(str(cells[SEX - 1] or SEX_LABELS[""]).strip())
    if sex is None or (sex and not indicator.by_sex):
        report.problems.append(_where(number, SEX, _("do not change this column.")))
        return None
    return Answer(indicator, value, "" if value is not None else missing,
                  "" if sex else restore_text(str(raw_comment or "").strip()), sex)  # fmt: skip


def _template_rows(indicators: dict[str, Indicator], allowed: dict[str, Submission]) -> int:
    """How many rows of answers the template has: a by-sex indicator has three."""
    return sum(3 if i.by_sex else 1 for i in indicators.values()) * len(allowed)


def _parse(workbook: Any, campaign: Campaign, allowed: dict[str, Submission],
           report: UploadReport) -> Found:  # fmt: skip
    """The answers by row; reading stops at the first row past the template's (a workbook
    with 300,000 added rows is refused at once), and a repeated row is a problem."""
    indicators = {i.indicator.code: i.indicator for i in campaign.items.select_related("indicator")}
    last_row = _template_rows(indicators, allowed) + SPARE_ROWS + 1
    answers: Found = {}
    for number, cells in enumerate(workbook[DATA_SHEET].iter_rows(min_row=2, values_only=True), 2):
        if number > last_row:
            raise CollectionError(
                _("Row %(row)s: this template has %(rows)s rows of answers; remove the rows "
                  "added below them and upload again.")
                % {"row": _number(number), "rows": _number(last_row - SPARE_ROWS - 1)}
            )  # fmt: skip
        cells = tuple(cells[: len(HEADER)]) + (None,) * len(HEADER)
        if not any(cells[: len(HEADER)]):
            continue
        code, indicator_code = str(cells[0] or "").strip(), str(cells[2] or "").strip()
        if code not in allowed:
            report.problems.append(_where(number, 1, _("this hromada is not yours to report.")))
            continue
        if indicator_code not in indicators:
            report.problems.append(_where(number, 3, _("not in this campaign's questionnaire.")))
            continue
        answer = _answer(cells, number, indicators[indicator_code], report)
        if answer is None:
            continue
        key = (allowed[code].territory_id, indicator_code, answer.sex)
        if key in answers:
            first = answers[key][0]
            report.problems.append(_where(number, 3, _(
                "repeats row %(first)s (the same hromada, indicator and sex); keep one of them."
            ) % {"first": first}))  # fmt: skip
            continue
        answers[key] = (number, answer)
    return answers


def _validate(campaign: Campaign, answers: Found, allowed: dict[str, Submission],
              report: UploadReport) -> None:  # fmt: skip
    given = [Checked(t, code, a.value, a.missing, a.comment, sex)
             for (t, code, sex), (_n, a) in answers.items()]  # fmt: skip
    territory_ids = [s.territory_id for s in allowed.values()]
    verdict = check_answers(campaign, given, territory_ids=territory_ids)
    unexplained = set(verdict.unexplained)
    for flag in verdict.flags:
        number, _answer = answers.get((flag.territory_id, flag.code, flag.sex), (0, None))
        column = COMMENT if flag.kind == "reason" else VALUE
        where = _where(number, column, flag.message) if number else f"{flag.code}: {flag.message}"
        if flag.is_error:
            report.problems.append(where)
        elif flag in unexplained:
            report.warnings.append(where)


def _open(file: IO[bytes]) -> Any:
    limits = upload_limits()
    try:
        check_size(file.seek(0, os.SEEK_END), limits)
        file.seek(0)
        check_archive(file, limits)
    except TabularError as error:
        if error.code == TabularError.BROKEN:
            raise CollectionError(_("The file cannot be read as an Excel workbook.")) from error
        raise CollectionError(limit_message(error) or str(error)) from error
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise CollectionError(_("The file cannot be read as an Excel workbook.")) from error


def _number(value: int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


@transaction.atomic
def upload_workbook(
    campaign: Campaign,
    file: IO[bytes],
    expected: Meta,
    submissions: list[Submission],
    *,
    by: User | None,
) -> UploadReport:
    """Check and store a filled template; raises CollectionError with the report if refused.

    Who uploads is checked before the file is opened; the file is read row by row
    (openpyxl's read-only mode) within the upload limits of hromada.lib.file_limits."""
    if not all(can_enter(by, s.territory) for s in submissions):
        raise PermissionDenied
    workbook = _open(file)
    try:
        _read_meta(workbook, campaign, expected)
        allowed = {s.territory.code: s for s in submissions}
        report = UploadReport()
        answers = _parse(workbook, campaign, allowed, report)
    finally:
        workbook.close()
    touched = {territory_id for territory_id, _code, _sex in answers}
    report.problems += [
        _("%(hromada)s: the questionnaire is closed for changes.") % {"hromada": s.territory.name}
        for s in submissions
        if s.territory_id in touched and not entry_open(s)
    ]
    if not report.problems:
        _validate(campaign, answers, allowed, report)
    if report.problems:
        raise CollectionError(_("Nothing was saved: correct these cells and upload again."),
                              report.problems)  # fmt: skip
    for submission in submissions:
        mine = [a for (t, _c, _s), (_n, a) in answers.items() if t == submission.territory_id]
        if mine:
            save_answers(submission, mine, by=by)
            report.saved += len(mine)
    return report
