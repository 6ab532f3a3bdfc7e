from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from hromada.dataio.models import ColumnMapping, StagedUpload
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import ImportBatch, Observation, Status
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue

Setting = tuple[Personas, Catalogue]


@pytest.fixture(autouse=True)
def data_dir(settings: object, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def upload(client: Client, name: str, text: str, **fields: object) -> StagedUpload:
    data = {"file": SimpleUploadedFile(name, text.encode()), "status": Status.DRAFT, **fields}
    response = client.post("/data/import/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StagedUpload.objects.latest("created_at")


def long_file(personas: Personas, amount: str = "1500") -> str:
    return f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,{amount}\n"


@pytest.mark.parametrize("who", ["official", "coordinator", "outsider"])
def test_only_analysts_reach_the_import_pages(setting: Setting, client: Client, who: str) -> None:
    personas, _ = setting
    client.force_login(getattr(personas, who))
    for url in ["/data/import/", "/data/imports/"]:
        assert client.get(url).status_code == 403


def test_visitors_are_asked_to_sign_in_first(setting: Setting, client: Client) -> None:
    response = client.get("/data/import/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_upload_whose_file_was_cleared_is_not_found(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "a.csv", long_file(personas))
    Path(staged.stored_path).unlink()
    assert client.get(f"/data/import/{staged.token}/").status_code == 404
    assert not StagedUpload.objects.exists()


def test_upload_preview_and_confirm_apply_the_file(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "values.csv", long_file(personas))
    assert Path(staged.stored_path).is_file()
    preview = client.get(f"/data/import/{staged.token}/")
    assert preview.context["report"].new == 1
    assert not Observation.all_objects.exists()
    response = client.post(f"/data/import/{staged.token}/apply/")
    assert response.status_code == 302
    assert Observation.all_objects.get().value == 1500
    assert not StagedUpload.objects.exists() and not Path(staged.stored_path).exists()
    assert ImportBatch.objects.get().created_by == personas.analyst


def test_the_preview_shows_changed_values_old_and_new(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    first = upload(client, "a.csv", long_file(personas, "100"))
    client.post(f"/data/import/{first.token}/apply/")
    second = upload(client, "b.csv", long_file(personas, "250"))
    page = client.get(f"/data/import/{second.token}/").content.decode()
    assert "100" in page and "250" in page and personas.hromada.code in page


def test_problems_are_listed_and_downloadable_and_block_the_import(
    setting: Setting, client: Client
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    text = long_file(personas, "abc") + f"{personas.hromada.code},nope,2023,1\n"
    staged = upload(client, "bad.csv", text)
    page = client.get(f"/data/import/{staged.token}/")
    assert page.context["report"].problem_count == 2
    assert "abc" in page.content.decode()
    listing = b"".join(client.get(f"/data/import/{staged.token}/problems.csv").streaming_content)
    rows = list(csv.reader(io.StringIO(listing.decode("utf-8-sig"))))
    assert [r[:3] for r in rows[1:]] == [["2", "value", "abc"], ["3", "indicator", "nope"]]
    workbook = client.get(f"/data/import/{staged.token}/problems.xlsx")
    path = Path(StagedUpload.objects.get().stored_path).with_suffix(".report.xlsx")
    path.write_bytes(b"".join(workbook.streaming_content))
    assert len(list(load_workbook(path).worksheets[0].iter_rows())) == 3
    client.post(f"/data/import/{staged.token}/apply/")
    assert not Observation.all_objects.exists()


def test_a_wide_file_is_mapped_on_the_preview_and_the_mapping_saved(
    setting: Setting, client: Client
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    text = f'hromada_code,own revenue,remarks\n{personas.hromada.code},"1,5",ok\n'
    staged = upload(client, "wide.csv", text, year="2022")
    assert client.get(f"/data/import/{staged.token}/").context["report"].problem_count == 2
    client.post(
        f"/data/import/{staged.token}/",
        {
            "indicator-0": "budget.revenue",
            "factor-0": "1000",
            "year-0": "",
            "indicator-1": "",
            "factor-1": "1",
            "year-1": "",
            "save_as": "Budget file",
        },
    )
    assert client.get(f"/data/import/{staged.token}/").context["report"].new == 1
    client.post(f"/data/import/{staged.token}/apply/")
    assert Observation.all_objects.get(year=2022).value == 1500
    saved = ColumnMapping.objects.get(name="Budget file")
    again = upload(client, "wide2.csv", text, year="2023", mapping=saved.pk)
    assert client.get(f"/data/import/{again.token}/").context["report"].new == 1


def test_the_imports_page_lists_batches_in_constant_queries(
    setting: Setting, client: Client, django_assert_num_queries: object
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    for amount in ["1", "2", "3"]:
        staged = upload(client, f"{amount}.csv", long_file(personas, amount))
        client.post(f"/data/import/{staged.token}/apply/")
    with django_assert_num_queries(5):  # type: ignore[operator]
        page = client.get("/data/imports/")
    assert page.content.decode().count("/rollback/") == 3


def test_an_import_is_rolled_back_after_confirmation(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "a.csv", long_file(personas))
    client.post(f"/data/import/{staged.token}/apply/")
    batch = ImportBatch.objects.get()
    assert client.get(f"/data/imports/{batch.pk}/rollback/").status_code == 200
    assert Observation.all_objects.exists()
    client.post(f"/data/imports/{batch.pk}/rollback/")
    assert not Observation.all_objects.exists()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.ROLLED_BACK


def test_a_rollback_is_refused_when_values_changed_later(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    for amount in ["1", "2"]:
        staged = upload(client, f"{amount}.csv", long_file(personas, amount))
        client.post(f"/data/import/{staged.token}/apply/")
    first = ImportBatch.objects.order_by("pk").first()
    assert first is not None
    response = client.post(f"/data/imports/{first.pk}/rollback/", follow=True)
    assert Observation.all_objects.get().value == 2
    assert "budget.revenue" in response.content.decode()


def test_a_discarded_upload_leaves_no_file(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "a.csv", long_file(personas))
    client.post(f"/data/import/{staged.token}/discard/")
    assert not StagedUpload.objects.exists() and not Path(staged.stored_path).exists()


def test_another_analysts_upload_is_not_found(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "a.csv", long_file(personas))
    client.force_login(personas.administrator)
    assert client.get(f"/data/import/{staged.token}/").status_code == 404


@pytest.fixture
def queue_in_database(settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The production queue: tasks wait in the database until `hromada worker` runs them.

    The worker closes connections between tasks as a request would; inside the test's
    transaction that would close the test's own connection, so it is left open here.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]


def test_a_large_file_is_queued_and_run_by_the_worker_with_progress(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch, queue_in_database: None
) -> None:
    from django.core.management import call_command

    from hromada.dataio import jobs
    from hromada.dataio.models import ImportJob
    from hromada.jobs.models import Job

    monkeypatch.setattr(jobs, "SYNC_LIMIT_BYTES", 10)
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "big.csv", long_file(personas))
    response = client.post(f"/data/import/{staged.token}/apply/")
    job = ImportJob.objects.get()
    assert response["Location"].endswith(f"/data/jobs/{job.pk}/")
    assert not Observation.all_objects.exists()
    waiting = client.get(f"/data/jobs/{job.pk}/", {"format": "json"}).json()
    assert (waiting["state"], waiting["percent"], waiting["finished"]) == ("queued", 0, False)
    assert "big.csv" in client.get("/jobs/").content.decode()
    call_command("worker", "--batch", stdout=io.StringIO(), verbosity=0)
    assert Observation.all_objects.get().value == 1500
    done = client.get(f"/data/jobs/{job.pk}/", {"format": "json"}).json()
    assert (done["state"], done["percent"], done["finished"]) == ("done", 100, True)
    job.refresh_from_db()
    assert job.batch == ImportBatch.objects.get() and job.result["new"] == 1
    assert not Path(staged.stored_path).exists()
    queue_job = Job.objects.get()
    assert queue_job.status == "done" and queue_job.result_url == f"/data/jobs/{job.pk}/"


def test_a_job_that_finds_problems_fails_and_writes_nothing(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.dataio import jobs
    from hromada.dataio.models import ImportJob

    monkeypatch.setattr(jobs, "SYNC_LIMIT_BYTES", 10)
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "big.csv", long_file(personas, "oops"))
    client.post(f"/data/import/{staged.token}/apply/")
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    assert not Observation.all_objects.exists()
    page = client.get(f"/data/jobs/{job.pk}/").content.decode()
    assert f"/data/import/{staged.token}/" in page


def test_the_job_page_shows_the_progress_the_worker_wrote(
    setting: Setting, client: Client, monkeypatch: pytest.MonkeyPatch, queue_in_database: None
) -> None:
    from hromada.dataio import jobs
    from hromada.dataio.models import ImportJob

    monkeypatch.setattr(jobs, "SYNC_LIMIT_BYTES", 10)
    personas, _ = setting
    client.force_login(personas.analyst)
    staged = upload(client, "big.csv", long_file(personas))
    client.post(f"/data/import/{staged.token}/apply/")
    job = jobs.claim(ImportJob.objects.get().pk)
    assert job is not None and jobs.claim(job.pk) is None
    path = jobs.progress_path(job)
    assert path is not None
    path.write_text('{"stage": "reading", "done": 300, "total": 1000}')
    state = client.get(f"/data/jobs/{job.pk}/", {"format": "json"}).json()
    assert (state["state"], state["percent"]) == ("running", 30)
    assert 'value="30"' in client.get(f"/data/jobs/{job.pk}/").content.decode()


def test_the_preview_says_how_public_values_would_change_and_keeps_them_public(
    setting: Setting, client: Client
) -> None:
    personas, catalogue = setting
    record_observations(
        [ValueInput(personas.hromada.pk, catalogue.revenue.pk, 2023, "", 1400, "")],
        by=None,
        reason="import",
        status=Status.PUBLISHED,
    )
    client.force_login(personas.analyst)
    staged = upload(client, "values.csv", long_file(personas), status="keep")
    preview = client.get(f"/data/import/{staged.token}/")
    text = preview.content.decode()
    assert "1 опубліковане значення отримає нове число й лишиться опублікованим." in text
    assert "0 опублікованих значень зникнуть із публічних сторінок" in text
    client.post(f"/data/import/{staged.token}/apply/")
    assert Observation.objects.get().value == 1500  # still public, with its new figure


def test_the_upload_form_keeps_statuses_by_default(setting: Setting, client: Client) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    form = client.get("/data/import/").context["form"]
    assert form["status"].value() == "keep"


def test_a_long_file_from_elsewhere_is_mapped_code_by_code_on_the_preview(
    setting: Setting, client: Client
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    code = personas.hromada.code
    text = (
        "hromada_code,year,indicator_code,value\n"
        f"{code},2023,income_own_uah,1234567.89\n"
        f"{code},2023,dfrr_executed,5\n"
        f"{code},2023,budget.share,12.5\n"
    )
    staged = upload(client, "elsewhere.csv", text)
    first = client.get(f"/data/import/{staged.token}/")
    assert first.context["report"].problem_count == 2
    assert [row["column"] for row in first.context["mapping"]] == [
        "income_own_uah",
        "dfrr_executed",
    ]
    client.post(
        f"/data/import/{staged.token}/",
        {"indicator-0": "budget.revenue", "factor-0": "0,001", "indicator-1": "", "factor-1": "1"},
    )
    report = client.get(f"/data/import/{staged.token}/").context["report"]
    assert report.ok and report.new == 2
    client.post(f"/data/import/{staged.token}/apply/")
    stored = dict(Observation.all_objects.values_list("indicator__code", "value"))
    assert stored == {"budget.revenue": 1234.57, "budget.share": 12.5}


def test_problem_reports_neutralise_formulas_from_the_file(
    setting: Setting, client: Client
) -> None:
    personas, _ = setting
    client.force_login(personas.analyst)
    hostile = '=HYPERLINK("http://evil.example","x")'
    staged = upload(client, "bad.csv", long_file(personas, '"' + hostile.replace('"', '""') + '"'))
    listing = b"".join(client.get(f"/data/import/{staged.token}/problems.csv").streaming_content)
    rows = list(csv.reader(io.StringIO(listing.decode("utf-8-sig"))))
    assert rows[1][2] == "'" + hostile
    response = client.get(f"/data/import/{staged.token}/problems.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cell = sheet.cell(2, 3)
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")
