"""The scheduled download of the Rada's bill files from the addresses in the settings.

`hromada download_bills` (once, or `--loop`) queues the `download_rada_files` task; the worker
fetches every address of HROMADA_RADA_BILLS_URLS and imports them as one set through the same
import as a user's upload. A file that cannot be fetched stops the run before anything is
written, and the reason is kept in the job and the audit log.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.legislation.actions import ImportSummary, import_bills_as_system
from hromada.legislation.rada_files import MAX_FILE_BYTES

ALLOWED_SCHEMES = ("http", "https", "file")


@dataclass
class DownloadResult:
    fetched: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    summary: ImportSummary | None = None

    def describe(self) -> str:
        if self.failures:
            return "; ".join(self.failures)
        if self.summary is None:
            return _("No addresses of the Rada's files are configured.")
        if not self.summary.ok:
            return "; ".join(str(problem) for problem in self.summary.problems)
        return _(
            "%(files)s files: %(new)s new bills, %(updated)s updated, %(stages)s new stages."
        ) % {
            "files": len(self.fetched),
            "new": len(self.summary.new),
            "updated": len(self.summary.updated),
            "stages": self.summary.new_stages,
        }


def file_name(url: str) -> str:
    """The name the importer recognises the dataset by (bills_main.csv, billinfo.json, ...)."""
    return PurePosixPath(urlsplit(url).path).name or url


def fetch(url: str, *, opener: Any = urllib.request.urlopen) -> bytes:
    scheme = urlsplit(url).scheme
    if scheme not in ALLOWED_SCHEMES:
        raise ValueError(_("%(url)s: only http, https and file addresses are read.") % {"url": url})
    with opener(url, timeout=settings.RADA_DOWNLOAD_TIMEOUT) as response:
        content: bytes = response.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ValueError(_("%(url)s is larger than the import accepts.") % {"url": url})
    return content


def download_and_import(
    urls: list[str] | None = None, *, opener: Any = urllib.request.urlopen
) -> DownloadResult:
    urls = list(settings.RADA_BILLS_URLS if urls is None else urls)
    result = DownloadResult()
    if not urls:
        return result
    files: list[tuple[str, bytes]] = []
    for url in urls:
        try:
            files.append((file_name(url), fetch(url, opener=opener)))
            result.fetched.append(url)
        except (OSError, URLError, ValueError) as error:
            result.failures.append(f"{url}: {error}")
    if result.failures:
        record_audit(
            action="legislation.bills.download_failed",
            object_type="legislation.bill",
            object_repr=", ".join(urls)[:200],
            reason="; ".join(result.failures)[:1000],
        )
        return result
    result.summary = import_bills_as_system(files)
    return result
