"""The scheduled download of the Rada's files: from configured addresses, through the queue,
never from the internet in tests (file:// addresses and a stand-in transport)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hromada.audit.models import AuditEntry
from hromada.jobs.models import Job
from hromada.legislation.download import download_and_import
from hromada.legislation.models import Bill
from tests.legislation.conftest import FIRST, SEED


def _urls(names: tuple[str, ...] | list[str]) -> list[str]:
    return [(SEED / name).as_uri() for name in names]


def test_the_command_queues_the_download_and_the_worker_imports_the_files(
    db: None, settings: Any
) -> None:
    settings.RADA_BILLS_URLS = _urls(FIRST)
    out = io.StringIO()
    call_command("download_bills", stdout=out)
    assert "queued job" in out.getvalue()
    job = Job.objects.get()
    # The jobs page shows the label in the reader's language.
    assert job.label == "Завантаження файлів законопроєктів Верховної Ради"
    assert Bill.objects.count() == 6
    assert Bill.objects.get(number="12101").main_committee
    entry = AuditEntry.objects.get(action="legislation.bills.import")
    assert entry.actor is None and entry.changes["new"] == [0, 6]
    call_command("download_bills", "--now", stdout=out)
    assert "нових законопроєктів: 0" in out.getvalue()
    assert Bill.objects.count() == 6


def test_a_file_that_cannot_be_fetched_stops_the_run_before_anything_is_written(
    db: None, tmp_path: Path
) -> None:
    urls = [*_urls(FIRST), (tmp_path / "bills_gone.csv").as_uri()]
    result = download_and_import(urls)
    assert result.failures and "bills_gone.csv" in result.describe()
    assert not Bill.objects.exists()
    assert AuditEntry.objects.filter(action="legislation.bills.download_failed").exists()


def test_http_addresses_go_through_the_transport_with_the_timeout(db: None, settings: Any) -> None:
    settings.RADA_DOWNLOAD_TIMEOUT = 7
    asked: list[tuple[str, float]] = []

    class Response(io.BytesIO):
        def __enter__(self) -> Response:
            return self

        def __exit__(self, *args: object) -> None:
            self.close()

    def transport(url: str, timeout: float) -> Response:
        asked.append((url, timeout))
        return Response((SEED / url.rsplit("/", 1)[1]).read_bytes())

    urls = [f"https://data.rada.gov.ua/ogd/zpr/skl9/{name}" for name in FIRST]
    result = download_and_import(urls, opener=transport)
    assert result.summary is not None and len(result.summary.new) == 6
    assert [timeout for _url, timeout in asked] == [7, 7, 7]


def test_only_web_and_file_addresses_are_read(db: None) -> None:
    result = download_and_import(["ftp://example.org/bills_main.csv"])
    assert result.failures and not Bill.objects.exists()


def test_without_addresses_the_command_says_so(db: None, settings: Any) -> None:
    settings.RADA_BILLS_URLS = []
    with pytest.raises(CommandError, match="HROMADA_RADA_BILLS_URLS"):
        call_command("download_bills")
