"""Who should hear of a new bill or a new stage: the people whose followed items match it."""

from __future__ import annotations

from collections import defaultdict

from hromada.legislation.models import Bill, Watch
from hromada.territories.search import normalise


def active_watches() -> list[Watch]:
    """Everything followed by active people; an import reads it once for all its bills."""
    return list(Watch.objects.filter(user__is_active=True))


def followers(bill: Bill, watches: list[Watch] | None = None) -> dict[int, bool]:
    """User id -> whether they want e-mail, for everyone following something this bill matches."""
    subject_ids = set(bill.subjects.values_list("pk", flat=True))
    section_ids = set(bill.sections.values_list("pk", flat=True))
    # A section follows subjects too: a bill on a section's subject is the section's bill.
    section_ids |= set(
        bill.subjects.filter(sections__isnull=False).values_list("sections__pk", flat=True)
    )
    wanted: dict[int, bool] = defaultdict(bool)
    for watch in active_watches() if watches is None else watches:
        if _matches(watch, bill, subject_ids, section_ids):
            wanted[watch.user_id] |= watch.by_email
    return dict(wanted)


def _matches(watch: Watch, bill: Bill, subject_ids: set[int], section_ids: set[int]) -> bool:
    if watch.kind == Watch.Kind.BILL:
        return watch.bill_id == bill.pk
    if watch.kind == Watch.Kind.SUBJECT:
        return watch.subject_id in subject_ids
    if watch.kind == Watch.Kind.SECTION:
        return watch.section_id in section_ids
    words = normalise(watch.keyword).split()
    return bool(words) and all(word in bill.search_text for word in words)
