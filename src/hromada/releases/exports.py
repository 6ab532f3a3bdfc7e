"""Every change a release brought, as CSV lines streamed one by one (a first release of a
whole panel holds millions). Unpublished sides of a change stay blank, as in the feed."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from hromada.releases import queries
from hromada.releases.models import Release

COLUMNS = (
    "territory", "indicator", "year", "sex", "old_value", "old_missing", "new_value",
    "new_missing", "change", "reason", "comment", "changed_at",
)  # fmt: skip


class _Line:
    """A file-like target that keeps the last line csv.writer wrote."""

    text = ""

    def write(self, value: str) -> None:
        self.text = value


def kind_of_change(old_status: str, new_status: str) -> str:
    if old_status != queries.PUBLISHED:
        return "new"
    return "revised" if new_status == queries.PUBLISHED else "withdrawn"


def change_lines(release: Release) -> Iterator[str]:
    line = _Line()
    writer = csv.writer(line, lineterminator="\n")
    writer.writerow(COLUMNS)
    yield line.text
    for row in queries.release_changes(release).iterator(chunk_size=2000):
        old_public = row.old_status == queries.PUBLISHED
        new_public = row.new_status == queries.PUBLISHED
        writer.writerow((
            row.territory.code, row.indicator.code, row.year, row.sex,
            row.old_value if old_public else "", row.old_missing if old_public else "",
            row.new_value if new_public else "", row.new_missing if new_public else "",
            kind_of_change(row.old_status, row.new_status), row.reason,
            row.comment if new_public else "", row.changed_at.isoformat(),
        ))  # fmt: skip
        yield line.text
