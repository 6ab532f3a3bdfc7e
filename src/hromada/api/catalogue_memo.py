"""The indicators by code and the codes of territories, kept by each process per registry.

Every API read turns codes into ids or back (`?indicator=` of a ranking or of a page of
values, the `territory` and `indicator` of each value). Asked of the database, each was a
compiled ORM query, 15-17 % of such a request (py-spy on the benchmark's data). Indicators
and territories change only through audited actions (the catalogue's and the codifier's),
so each process keeps them until the registry part of the content stamp changes
(hromada.web.registry_memo), or for at most PAGE_SECONDS when written around the actions.
"""

from __future__ import annotations

from collections.abc import Iterable

from hromada.indicators.models import Indicator
from hromada.territories.models import Territory
from hromada.web.registry_memo import per_registry
from hromada.web.stamps import content_stamp


def indicators_by_code() -> dict[str, Indicator]:
    """Every indicator, active or not, by its code. Shared by the process: read only."""
    return per_registry(
        "api:indicators", content_stamp(), lambda: {i.code: i for i in Indicator.objects.all()}
    )


def indicator_codes() -> dict[int, str]:
    return per_registry(
        "api:indicator-codes",
        content_stamp(),
        lambda: {item.pk: code for code, item in indicators_by_code().items()},
    )


def territory_codes(ids: Iterable[int]) -> dict[int, str]:
    """The codes of the territories `ids`; one kept for the process is read from there."""
    known = per_registry(
        "api:territory-codes",
        content_stamp(),
        lambda: dict(Territory.objects.values_list("pk", "code")),
    )
    wanted = set(ids)
    found = {pk: known[pk] for pk in wanted if pk in known}
    if len(found) < len(wanted):  # added since without an audited action: ask for them
        missing = wanted - found.keys()
        found.update(Territory.objects.filter(pk__in=missing).values_list("pk", "code"))
    return found
