"""Query strings reduced to the parameters a page or an endpoint reads.

Caches key on the query string; an unknown parameter (`?x=1`, `?_=timestamp`) changes
nothing in the answer, so it must not change the key either: otherwise every throwaway
value is a cache miss, and a few requests a second keep the workers computing. The reduced
query is also what goes into links kept inside cached answers, so one visitor's junk is
not served to the next.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict


def known_query(query: QueryDict, names: Iterable[str]) -> QueryDict:
    """Only the parameters in `names`, in a fixed (sorted) order, values in their order."""
    known = QueryDict(mutable=True)
    for name in sorted(set(names)):
        values = query.getlist(name)
        if values:
            known.setlist(name, values)
    return known
