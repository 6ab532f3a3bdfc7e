from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from hromada.lib.tabular import TabularError, open_table, sniff_delimiter

HEADER_AND_ROWS = "код;дата;рішення\nUA01;15.03.2021;Рішення № 5\nUA02;2021-03-16;\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (HEADER_AND_ROWS.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + HEADER_AND_ROWS.encode("utf-8"), "utf-8-sig"),
        (HEADER_AND_ROWS.encode("cp1251"), "cp1251"),
    ],
)
def test_csv_in_any_usual_encoding_reads_the_same_rows(
    tmp_path: Path, encoded: bytes, encoding: str
) -> None:
    table = open_table(write(tmp_path, "members.csv", encoded))
    assert table.encoding == encoding
    assert table.columns == ["код", "дата", "рішення"]
    assert table.rows == [
        (2, {"код": "UA01", "дата": "15.03.2021", "рішення": "Рішення № 5"}),
        (3, {"код": "UA02", "дата": "2021-03-16", "рішення": ""}),
    ]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_detected_from_the_header(tmp_path: Path, delimiter: str) -> None:
    text = f'code{delimiter}name\nUA01{delimiter}"Київ, місто"\n'
    table = open_table(write(tmp_path, "t.csv", text.encode()))
    assert table.delimiter == delimiter
    assert table.rows[0][1]["code"] == "UA01"


def test_commas_inside_quotes_do_not_decide_the_delimiter() -> None:
    assert sniff_delimiter('"a, b, c";"d"') == ";"


def test_empty_rows_are_skipped_but_row_numbers_stay_those_of_the_file(tmp_path: Path) -> None:
    table = open_table(write(tmp_path, "t.csv", b"code,name\n\n,\nUA01,x\n"))
    assert table.rows == [(4, {"code": "UA01", "name": "x"})]


def test_short_rows_get_empty_values_and_blank_trailing_headers_are_dropped(
    tmp_path: Path,
) -> None:
    table = open_table(write(tmp_path, "t.csv", b"code,name,,\nUA01\n"))
    assert table.columns == ["code", "name"]
    assert table.rows == [(2, {"code": "UA01", "name": ""})]


def test_xlsx_gives_dates_as_dates_and_numbers_as_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "joined", "amount"])
    sheet.append([None, None, None])
    naive = dt.datetime(2021, 3, 15)  # noqa: DTZ001 -- spreadsheet cells are naive
    sheet.append([" UA01 ", naive, 1250.5])
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = open_table(path)
    assert table.file_format == "xlsx"
    assert table.rows == [(3, {"code": "UA01", "joined": dt.date(2021, 3, 15), "amount": 1250.5})]


def test_an_open_file_is_read_with_its_given_name(tmp_path: Path) -> None:
    table = open_table(io.BytesIO(b"a;b\n1;2\n"), name="upload.csv")
    assert table.rows == [(2, {"a": "1", "b": "2"})]


def test_iterating_a_table_yields_numbered_rows(tmp_path: Path) -> None:
    table = open_table(write(tmp_path, "t.csv", b"a\n1\n2\n"))
    assert [number for number, _ in table] == [2, 3]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.csv", b"  \n", TabularError.EMPTY),
        ("dup.csv", b"code;code\n1;2\n", TabularError.DUPLICATE_COLUMN),
        ("table.ods", b"whatever", TabularError.UNSUPPORTED),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", TabularError.BROKEN),
        ("bad.csv", b"\xef\xbb\xbfcode\n\xff\xfe\n", TabularError.UNDECODABLE),
    ],
)
def test_unreadable_files_raise_a_coded_error(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    with pytest.raises(TabularError) as caught:
        open_table(write(tmp_path, name, data))
    assert caught.value.code == code


def test_a_file_without_a_header_row_takes_the_columns_given(tmp_path: Path) -> None:
    path = tmp_path / "units.txt"
    path.write_bytes("9\tФракція «Громади, села»\n10\tГрупа\n".encode("cp1251"))
    table = open_table(path, columns=("unit_id", "name"), delimiter="\t")
    assert table.columns == ["unit_id", "name"] and table.encoding == "cp1251"
    assert table.rows == [
        (1, {"unit_id": "9", "name": "Фракція «Громади, села»"}),
        (2, {"unit_id": "10", "name": "Група"}),
    ]
