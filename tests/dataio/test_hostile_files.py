"""Hostile or careless import files are refused while they are read, with a message that
names the limit and the row; uploads are kept for the server's user only; a large file's
preview reads only its first rows."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from hromada.dataio import jobs
from hromada.dataio.models import StagedUpload
from hromada.indicators.models import Observation, Status
from hromada.jobs.models import Job
from hromada.lib import file_limits
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue

Setting = tuple[Personas, Catalogue]


@pytest.fixture(autouse=True)
def data_dir(settings: object, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def post(client: Client, name: str, data: bytes) -> object:
    return client.post(
        "/data/import/", {"file": SimpleUploadedFile(name, data), "status": Status.DRAFT}
    )


def preview_problems(client: Client, name: str, data: bytes) -> list[str]:
    response = post(client, name, data)
    assert response.status_code == 302, response.content.decode()[:500]  # type: ignore[attr-defined]
    staged = StagedUpload.objects.latest("created_at")
    page = client.get(f"/data/import/{staged.token}/")
    return [p.reason for p in page.context["report"].problems]


def rows(personas: Personas, count: int) -> bytes:
    lines = ["territory,indicator,year,value"]
    lines += [f"{personas.hromada.code},budget.revenue,{2000 + n % 20},{n}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def test_a_file_over_the_size_limit_is_refused_before_it_is_kept(
    setting: Setting, client: Client, settings: object
) -> None:
    personas, _ = setting
    settings.HROMADA_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    client.force_login(personas.analyst)
    response = post(client, "big.csv", rows(personas, 1) + b"x" * (1024 * 1024 + 10))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "до 1,0 МБ" in response.content.decode()  # type: ignore[attr-defined]
    assert not StagedUpload.objects.exists()


def test_rows_past_the_limit_are_refused_naming_the_row(
    setting: Setting, client: Client, settings: object
) -> None:
    personas, _ = setting
    settings.HROMADA_UPLOAD_MAX_ROWS = 10  # type: ignore[attr-defined]
    client.force_login(personas.analyst)
    problems = preview_problems(client, "long.csv", rows(personas, 30))
    assert problems == [
        "Рядок 12: у файлі більше рядків, ніж дозволено (10); розділіть його на менші файли."
    ]
    assert not Observation.all_objects.exists()


def test_too_many_columns_are_refused_at_the_header(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    header = ",".join(f"c{n}" for n in range(6000))
    problems = preview_problems(client, "wide.csv", f"territory,{header}\n".encode())
    assert problems == ["Рядок 1: стовпців — 6\xa0001, а приймається щонайбільше 5\xa0000."]


def test_a_header_of_a_million_columns_is_refused_as_an_overlong_line(
    setting: Setting, client: Client
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    header = ",".join(f"c{n}" for n in range(1_000_000))
    problems = preview_problems(client, "wide.csv", f"territory,{header}\n".encode())
    assert problems == ["Рядок 1 довший за дозволені 1\xa0000\xa0000 символів; це не таблиця."]


def test_too_many_cells_in_all_are_refused(
    setting: Setting, client: Client, settings: object
) -> None:
    personas, _ = setting
    settings.HROMADA_UPLOAD_MAX_CELLS = 50  # type: ignore[attr-defined]
    client.force_login(personas.analyst)
    problems = preview_problems(client, "many.csv", rows(personas, 20))
    assert problems == [
        "Рядок 13: у файлі більше клітинок, ніж дозволено (50); розділіть його на менші файли."
    ]


def test_a_line_without_end_is_refused_before_it_is_read_whole(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    personas, _ = setting
    monkeypatch.setattr(file_limits, "MAX_LINE_CHARS", 1000)
    client.force_login(personas.analyst)
    problems = preview_problems(client, "header.csv", b"territory;" + b"a" * 5000 + b"\n")
    assert problems == ["Рядок 1 довший за дозволені 1\xa0000 символів; це не таблиця."]


def zip_bomb(inflated_bytes: int) -> bytes:
    """A valid workbook with one more part that unpacks to `inflated_bytes` of zeros."""
    book = Workbook()
    book.active.append(["territory", "indicator", "year", "value"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * inflated_bytes)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory(
    setting: Setting, client: Client, settings: object
) -> None:
    personas, _ = setting
    settings.HROMADA_UPLOAD_MAX_UNZIPPED_MB = 2  # type: ignore[attr-defined]
    client.force_login(personas.analyst)
    data = zip_bomb(3 * 1024 * 1024)
    assert len(data) < 100_000
    problems = preview_problems(client, "bomb.xlsx", data)
    assert len(problems) == 1
    assert "розпаковується" in problems[0] and "2,0 МБ" in problems[0]


def test_an_upload_is_readable_by_the_server_user_only(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    post(client, "ok.csv", rows(personas, 2))
    kept = Path(StagedUpload.objects.get().stored_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def test_the_preview_of_a_large_file_is_checked_whole_by_the_worker_once(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    personas, _ = setting
    monkeypatch.setattr(jobs, "SYNC_LIMIT_BYTES", 100)
    client.force_login(personas.analyst)
    post(client, "large.csv", rows(personas, 30))
    staged = StagedUpload.objects.get()
    # The queue (immediate in tests) checked every row, not a sample, outside the request:
    # the repeats of rows 22-31 are found.
    page = client.get(f"/data/import/{staged.token}/")
    assert page.context["report"].problem_count == 10
    assert page.context["report"].problems[-1].row == 31
    client.get(f"/data/import/{staged.token}/")  # a reload reads the stored report
    assert Job.objects.filter(label__contains="large.csv").count() == 1


def test_while_the_worker_checks_the_page_waits_and_then_shows_the_preview(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.dataio import previews

    personas, _ = setting
    monkeypatch.setattr(jobs, "SYNC_LIMIT_BYTES", 100)
    queued: list[tuple[object, ...]] = []

    def start_job(task: object, *args: object, **kwargs: object) -> Job:
        queued.append(args)
        return Job(pk=None)

    monkeypatch.setattr(previews, "start_job", start_job)
    client.force_login(personas.analyst)
    post(client, "large.csv", rows(personas, 30))
    token = StagedUpload.objects.get().token
    waiting = client.get(f"/data/import/{token}/")
    assert "preview-progress" in waiting.content.decode() and "report" not in waiting.context
    (args,) = queued
    previews.check_whole_file.call(*args)  # what `hromada worker` does
    done = client.get(f"/data/import/{token}/")
    assert done.context["report"].problem_count == 10 and len(queued) == 1


def test_the_xlsx_problem_report_is_bounded_and_points_to_the_csv(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.dataio import reports

    personas, _ = setting
    monkeypatch.setattr(reports, "XLSX_PROBLEMS", 3)
    client.force_login(personas.analyst)
    bad = b"territory,indicator,year,value\n" + b"UA0,nope,2020,1\n" * 10
    post(client, "bad.csv", bad)
    token = StagedUpload.objects.get().token
    response = client.get(f"/data/import/{token}/problems.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3 + 1
    assert "CSV" in str(rows[-1][3])
    listing = b"".join(client.get(f"/data/import/{token}/problems.csv").streaming_content)
    assert len(listing.decode("utf-8-sig").splitlines()) > 10


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(
    setting: Setting, client: Client, settings: object
) -> None:
    personas, _ = setting
    settings.HROMADA_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    client.force_login(personas.analyst)
    response = client.generic(
        "POST",
        "/data/import/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "до 1 МБ" in response.content.decode()
    assert not StagedUpload.objects.exists()


def test_a_stored_preview_reads_back_as_the_report_it_was() -> None:
    from hromada.dataio.actions import ImportReport
    from hromada.dataio.convert import Notices, Problem
    from hromada.dataio.previews import report_from_json, report_to_json
    from hromada.indicators.actions import ChangedValue, ValueInput

    report = ImportReport("a.csv", "ab", "csv", dry_run=True, new=3, changed=1, unchanged=2)
    report.public_changed, report.public_withdrawn, report.public_added = 1, 0, 2
    report.problems, report.problem_count = [Problem(4, "value", "x", "Not a number.")], 7
    report.unusual = Notices([Problem(2, "value", "-1", "below")], 5)
    report.changed_examples = [ChangedValue(ValueInput(1, 2, 2023, "", 5.5, ""), 4.0, "", "draft")]
    assert report_from_json(report_to_json(report)) == report


@pytest.mark.parametrize(
    "dataset",
    [
        {"class": "dataset", "id": [1, "a", None, 2], "dimension": {}},
        {"class": "dataset", "id": ["territory", "indicator", "year", "sex"],
         "dimension": {"territory": "x"}},
        {"class": "dataset", "id": ["territory", "indicator", "year", "sex"],
         "dimension": {n: {"category": {"index": [str(i) for i in range(1000)]}}
                       for n in ("territory", "indicator", "year", "sex")}, "value": []},
        {"class": "dataset", "id": ["territory", "indicator", "year", "sex"],
         "dimension": {n: {"category": {"index": ["a"]}}
                       for n in ("territory", "indicator", "year", "sex")}, "value": "x"},
    ],
)  # fmt: skip
def test_a_hostile_json_stat_file_is_a_clear_problem_not_a_crash_or_a_hang(
    dataset: dict[str, object], tmp_path: Path
) -> None:
    import json

    from hromada.dataio.actions import import_file
    from hromada.dataio.convert import Options

    path = tmp_path / "cube.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    report = import_file(path, by=None, options=Options(), dry_run=True)
    assert not report.ok and report.problems[0].reason
