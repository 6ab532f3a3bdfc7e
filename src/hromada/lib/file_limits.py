"""Limits on uploaded tables, checked while a file is read, never after loading all of it.

A hostile or careless file can exhaust a worker in ways its size does not show: a 650 KB
workbook with 300,000 rows, a 9 MB XLSX that unpacks to gigabytes (a zip bomb), a CSV
header of a million columns, a 200 MB line without a line break. Every reader of uploads
(the statistics import, the Excel template, the registry and catalogue files) asks the
same limits, configured in settings (docs/configuration.md), and stops at the first one
passed with a TabularError saying which limit, where, and what was found.

The unpacked size of an XLSX comes from its zip directory before anything is unpacked; it
is trustworthy as a bound, because Python's zipfile never reads past the size it declares.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hromada.lib.tabular import TabularError

R = TypeVar("R", bound=Sized)
MB = 1024 * 1024
# A line of a CSV file longer than this is not a table row: even 5,000 columns of
# 100 characters stay below it.
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_cells: int
    max_unzipped_bytes: int
    max_line_chars: int = MAX_LINE_CHARS


def upload_limits() -> Limits:
    """The limits configured in settings (HROMADA_UPLOAD_* variables)."""
    return Limits(
        max_bytes=settings.HROMADA_UPLOAD_MAX_MB * MB,
        max_rows=settings.HROMADA_UPLOAD_MAX_ROWS,
        max_columns=settings.HROMADA_UPLOAD_MAX_COLUMNS,
        max_cells=settings.HROMADA_UPLOAD_MAX_CELLS,
        max_unzipped_bytes=settings.HROMADA_UPLOAD_MAX_UNZIPPED_MB * MB,
        max_line_chars=MAX_LINE_CHARS,
    )


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TabularError(TabularError.TOO_BIG, limit=limits.max_bytes, found=size)


def check_archive(source: Path | IO[bytes], limits: Limits) -> None:
    """Refuse an XLSX whose parts would unpack to more than the limit, before unpacking."""
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TabularError(TabularError.BROKEN, str(error)) from error
    finally:
        if not isinstance(source, Path):
            source.seek(0)
    if unpacked > limits.max_unzipped_bytes:
        raise TabularError(
            TabularError.UNZIPPED_TOO_BIG, limit=limits.max_unzipped_bytes, found=unpacked
        )


class RowGuard:
    """Counts rows, columns and cells as they are read; `check` raises at the first excess."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0

    def check(self, number: int, width: int) -> None:
        """`number` is the row as a spreadsheet shows it (the header is row 1)."""
        limits = self.limits
        if number - 1 > limits.max_rows:
            raise TabularError(TabularError.TOO_MANY_ROWS, row=number, limit=limits.max_rows)
        if width > limits.max_columns:
            raise TabularError(
                TabularError.TOO_MANY_COLUMNS, row=number, limit=limits.max_columns, found=width
            )
        self.cells += width
        if self.cells > limits.max_cells:
            raise TabularError(TabularError.TOO_MANY_CELLS, row=number, limit=limits.max_cells)

    def rows(self, records: Iterable[R], first: int = 1) -> Iterator[R]:
        for number, record in enumerate(records, first):
            self.check(number, len(record))
            yield record


def bounded_lines(text: IO[str], max_chars: int, first: int = 1) -> Iterator[str]:
    """The lines of a text file, refusing one longer than `max_chars` before reading it all."""
    for number in iter(int, 1):  # counts from 0 for ever; stops at the end of the file
        line = text.readline(max_chars + 1)
        if not line:
            return
        if len(line) > max_chars and not line.endswith("\n"):
            raise TabularError(TabularError.LINE_TOO_LONG, row=first + number, limit=max_chars)
        yield line


def repeated(names: Iterable[str]) -> list[str]:
    """Names given more than once, sorted; one pass, however many columns there are."""
    counts = Counter(name for name in names if name)
    return sorted(name for name, count in counts.items() if count > 1)


def _number(value: float, decimals: int | None = None) -> str:
    """Grouped as the active language writes numbers (5 000 000 in Ukrainian)."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def limit_message(error: TabularError) -> str | None:
    """The user's-language sentence for a passed limit; None for other file problems."""
    values = {"row": _number(error.row), "limit": _number(error.limit),
              "found": _number(error.found), "limit_mb": _number(error.limit / MB, 1),
              "found_mb": _number(error.found / MB, 1)}  # fmt: skip
    messages = {
        TabularError.TOO_BIG: _(
            "The file is %(found_mb)s MB; files up to %(limit_mb)s MB are accepted."
        ),
        TabularError.UNZIPPED_TOO_BIG: _(
            "The workbook unpacks to %(found_mb)s MB, more than the %(limit_mb)s MB accepted; "
            "it may be damaged or built to overload the site."
        ),
        TabularError.TOO_MANY_ROWS: _(
            "Row %(row)s: the file has more than %(limit)s rows; split it into smaller files."
        ),
        TabularError.TOO_MANY_COLUMNS: _(
            "Row %(row)s has %(found)s columns; at most %(limit)s are accepted."
        ),
        TabularError.TOO_MANY_CELLS: _(
            "Row %(row)s: the file has more than %(limit)s cells; split it into smaller files."
        ),
        TabularError.LINE_TOO_LONG: _(
            "Line %(row)s is longer than %(limit)s characters; this is not a table."
        ),
    }
    message = messages.get(error.code)
    return message % values if message else None
