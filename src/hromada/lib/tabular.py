"""Read a CSV or XLSX file as numbered rows of {column: value}, whatever its dialect.

CSV files arrive from spreadsheets and old accounting systems: UTF-8 with or without a BOM,
or Windows-1251, separated by `;`, `,` or tabs. `open_table` detects all of that, so an
import only looks at column names and values. Row numbers are the ones a person sees in a
spreadsheet: the header is row 1, the first data row is row 2. Entirely empty rows are
skipped (their numbers are not reused). CSV values are stripped strings; XLSX values are
stripped strings, numbers, or `datetime.date` (a date-time at midnight becomes a date).
Problems with the file itself raise TabularError with a stable `code` that callers turn
into a message in the user's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (";", ",", "\t")
ENCODINGS = ("utf-8", "cp1251")
ZIP_MAGIC = b"PK\x03\x04"


class TabularError(Exception):
    """The file cannot be read as a table. `code` is one of the constants below."""

    UNSUPPORTED = "unsupported"
    UNDECODABLE = "undecodable"
    EMPTY = "empty"
    DUPLICATE_COLUMN = "duplicate_column"
    BROKEN = "broken"
    # Limits of hromada.lib.file_limits: `row` says where, `limit` and `found` how much.
    TOO_BIG = "too_big"
    UNZIPPED_TOO_BIG = "unzipped_too_big"
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_COLUMNS = "too_many_columns"
    TOO_MANY_CELLS = "too_many_cells"
    LINE_TOO_LONG = "line_too_long"
    LIMITS = frozenset(
        {TOO_BIG, UNZIPPED_TOO_BIG, TOO_MANY_ROWS, TOO_MANY_COLUMNS, TOO_MANY_CELLS, LINE_TOO_LONG}
    )

    def __init__(
        self, code: str, detail: str = "", *, row: int = 0, limit: int = 0, found: int = 0
    ) -> None:
        where = f" (row {row}, limit {limit}, found {found})" if code in self.LIMITS else ""
        super().__init__((f"{code}: {detail}" if detail else code) + where)
        self.code = code
        self.detail = detail
        self.row, self.limit, self.found = row, limit, found


Value = str | int | float | bool | dt.date
Row = dict[str, Value]


@dataclass(frozen=True)
class Table:
    """What was read: the format, the detected dialect, the columns and the numbered rows."""

    file_format: str
    encoding: str
    delimiter: str
    columns: list[str]
    rows: list[tuple[int, Row]]

    def __iter__(self) -> Iterator[tuple[int, Row]]:
        return iter(self.rows)


def open_table(
    source: str | Path | IO[bytes],
    *,
    name: str = "",
    sheet: str = "",
    columns: Sequence[str] = (),
    delimiter: str = "",
) -> Table:
    """Read the whole file. `name` gives the file name when `source` is an open file.

    `columns` names the columns of a file without a header row (its first line is then row 1
    of data); `delimiter` fixes a CSV file's separator instead of guessing it from the first
    line (a headerless line of data is no reliable guide).

    The upload limits (hromada.lib.file_limits) hold: a file over the size limit is not
    read at all, and rows, columns and cells are counted as they are read."""
    from hromada.lib.file_limits import check_size, upload_limits

    limits = upload_limits()
    if isinstance(source, str | Path):
        name = name or str(source)
        check_size(Path(source).stat().st_size, limits)
        data = Path(source).read_bytes()
    else:
        name = name or str(getattr(source, "name", ""))
        data = source.read(limits.max_bytes + 1)
        check_size(len(data), limits)
    if not data.strip():
        raise TabularError(TabularError.EMPTY)
    if _format_of(name, data) == "xlsx":
        return _read_xlsx(data, sheet, list(columns))
    return _read_csv(data, list(columns), delimiter)


def _format_of(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in XLSX_SUFFIXES or (suffix not in CSV_SUFFIXES and data.startswith(ZIP_MAGIC)):
        return "xlsx"
    if suffix in CSV_SUFFIXES or not suffix:
        return "csv"
    raise TabularError(TabularError.UNSUPPORTED, suffix)


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: a BOM means UTF-8, else UTF-8 if valid, else Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TabularError(TabularError.UNDECODABLE)


def sniff_delimiter(header_line: str) -> str:
    """The separator used most often in the header line, outside quotes; `,` on a tie."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(data: bytes, header: list[str], delimiter: str) -> Table:
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as error:
        raise TabularError(TabularError.UNDECODABLE, str(error)) from error
    from hromada.lib.file_limits import RowGuard, bounded_lines, upload_limits

    limits = upload_limits()
    lines = bounded_lines(io.StringIO(text, newline=""), limits.max_line_chars)
    first = next(lines, "")
    delimiter = delimiter or sniff_delimiter(first)
    try:
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        records: list[list[object]] = list(RowGuard(limits).rows(list(v) for v in reader))
    except csv.Error as error:
        raise TabularError(TabularError.BROKEN, str(error)) from error
    columns, rows = _rows_from(records, header)
    return Table("csv", encoding, delimiter, columns, rows)


def _read_xlsx(data: bytes, sheet: str, header: list[str]) -> Table:
    from openpyxl import load_workbook

    from hromada.lib.file_limits import RowGuard, check_archive, upload_limits

    limits = upload_limits()
    check_archive(io.BytesIO(data), limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a corrupt file
        raise TabularError(TabularError.BROKEN, str(error)) from error
    try:
        if sheet and sheet not in book.sheetnames:
            raise TabularError(TabularError.BROKEN, sheet)
        worksheet = book[sheet] if sheet else book.worksheets[0]
        read = (list(values) for values in worksheet.iter_rows(values_only=True))
        records = list(RowGuard(limits).rows(read))
    finally:
        book.close()
    columns, rows = _rows_from(records, header)
    return Table("xlsx", "", "", columns, rows)


def _cell(value: object) -> Value:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, int | float | bool | dt.date):
        return value
    return str(value).strip()


def _rows_from(
    records: list[list[object]], given: list[str]
) -> tuple[list[str], list[tuple[int, Row]]]:
    if given:  # a file without a header row: its first line is data row 1
        records = [list[object](given), *records]
    first = 0 if given else 1
    numbered = [
        (number, [_cell(v) for v in values]) for number, values in enumerate(records, first)
    ]
    numbered = [(n, values) for n, values in numbered if any(v != "" for v in values)]
    if not numbered:
        raise TabularError(TabularError.EMPTY)
    header = numbered[0][1]
    columns = [str(name).lstrip("\ufeff").strip() for name in header]
    while columns and not columns[-1]:
        columns.pop()
    from hromada.lib.file_limits import repeated

    duplicates = repeated(columns)
    if duplicates:
        raise TabularError(TabularError.DUPLICATE_COLUMN, ", ".join(duplicates))
    rows = [
        (number, {c: (values[i] if i < len(values) else "") for i, c in enumerate(columns) if c})
        for number, values in numbered[1:]
    ]
    return columns, rows
