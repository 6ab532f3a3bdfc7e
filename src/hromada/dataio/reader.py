"""Read a CSV or XLSX file lazily: the header once, then one row at a time.

`hromada.lib.tabular` reads a whole file into memory, which suits small registry files but
not a statistics import of millions of values; this reader keeps memory flat. It shares the
dialect rules (BOM, UTF-8 or Windows-1251, the delimiter of the header line) and the error
codes with `tabular`. Row numbers are the ones a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hromada.dataio.json_source import read_json
from hromada.lib.file_limits import (
    Limits,
    RowGuard,
    bounded_lines,
    check_archive,
    check_size,
    repeated,
    upload_limits,
)
from hromada.lib.progress import ProgressCallback
from hromada.lib.tabular import ZIP_MAGIC, TabularError, sniff_delimiter

Cell = str | int | float
SAMPLE_BYTES = 256 * 1024
Progress = ProgressCallback
STAGE = "reading"


@dataclass
class Source:
    """An opened file: its format, its dialect, its header and a lazy row iterator."""

    file_format: str
    encoding: str
    delimiter: str
    columns: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    close: Callable[[], None]


def file_format(path: Path) -> str:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if path.suffix.lower() in {".xlsx", ".xlsm"} or magic == ZIP_MAGIC:
        return "xlsx"
    if path.suffix.lower() == ".json" or magic.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"{":
        return "json"
    return "csv"


def open_source(path: Path, *, progress: Progress | None = None) -> Source:
    """The file opened for reading; the upload limits are checked as its rows are read."""
    limits = upload_limits()
    check_size(path.stat().st_size, limits)
    kind = file_format(path)
    if kind == "xlsx":
        return _open_xlsx(path, progress, limits)
    if kind == "json":
        return _open_json(path, progress)
    return _open_csv(path, progress, limits)


def _open_json(path: Path, progress: Progress | None) -> Source:
    """The project's own JSON and JSON-stat exports, as a long table (see json_source)."""
    columns, records = read_json(path)

    def tick() -> None:
        if progress:
            progress(STAGE, 1, 1)

    return Source("json", "utf-8", "", columns, _numbered(records, tick, _cell), lambda: None)


def _encoding_of(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _numbered(
    records: Iterator[list[Any]], tick: Callable[[], None], cell: Callable[[Any], Cell] = _cell
) -> Iterator[tuple[int, list[Cell]]]:
    for number, record in enumerate(records, 2):
        cells = list(map(cell, record))
        # any(cells) settles nearly every row; a row of falsy cells (0, "") is checked exactly.
        if any(cells) or any(value != "" for value in cells):
            yield number, cells
        if number % 1000 == 0:
            tick()
    tick()


def _header(first: list[object]) -> list[str]:
    columns = [str(_cell(name)).lstrip("\ufeff").strip() for name in first]
    while columns and not columns[-1]:
        columns.pop()
    duplicates = repeated(columns)
    if duplicates:
        raise TabularError(TabularError.DUPLICATE_COLUMN, ", ".join(duplicates))
    if not any(columns):
        raise TabularError(TabularError.EMPTY)
    return columns


def _open_csv(path: Path, progress: Progress | None, limits: Limits) -> Source:
    size = max(path.stat().st_size, 1)
    raw = path.open("rb")
    encoding = _encoding_of(raw.read(SAMPLE_BYTES))
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    guard = RowGuard(limits)
    try:
        first_line = next(bounded_lines(text, limits.max_line_chars), "")
        delimiter = sniff_delimiter(first_line)
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        guard.check(1, len(header))
        columns = _header(list(header))
    except (UnicodeDecodeError, TabularError) as error:
        text.close()
        if isinstance(error, TabularError):
            raise
        raise TabularError(TabularError.UNDECODABLE, str(error)) from error

    def tick() -> None:
        if progress:
            progress(STAGE, min(raw.tell(), size), size)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        """_numbered for text: the csv module gives strings only, so trimming is all a cell
        needs and a row of empty strings is blank. One loop (with the row limits) rather
        than a generator per step: it runs for every row of the file."""
        check, strip = guard.check, str.strip
        try:
            lines = bounded_lines(text, limits.max_line_chars, first=2)
            for number, record in enumerate(csv.reader(lines, delimiter=delimiter), 2):
                check(number, len(record))
                cells: list[Cell] = list(map(strip, record))
                if any(cells):
                    yield number, cells
                if number % 1000 == 0:
                    tick()
        except UnicodeDecodeError as error:
            raise TabularError(TabularError.UNDECODABLE, str(error)) from error
        except csv.Error as error:
            raise TabularError(TabularError.BROKEN, str(error)) from error
        tick()

    return Source("csv", encoding, delimiter, columns, rows(), text.close)


def _open_xlsx(path: Path, progress: Progress | None, limits: Limits) -> Source:
    from openpyxl import load_workbook

    check_archive(path, limits)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a corrupt file
        raise TabularError(TabularError.BROKEN, str(error)) from error
    sheet = book.worksheets[0]
    total = max(int(sheet.max_row or 1), 1)
    records = sheet.iter_rows(values_only=True)
    first = next(records, None)
    if first is None:
        book.close()
        raise TabularError(TabularError.EMPTY)
    guard = RowGuard(limits)
    guard.check(1, len(first))
    columns = _header(list(first))

    done = 1

    def counted() -> Iterator[list[object]]:
        nonlocal done
        for done, record in enumerate(records, 2):  # `done` is read by tick
            guard.check(done, len(record))
            yield list(record)

    def tick() -> None:
        if progress:
            progress(STAGE, min(done, total), total)

    return Source("xlsx", "", "", columns, _numbered(counted(), tick), book.close)
