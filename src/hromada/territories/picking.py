"""Choosing hromadas by name where people used to type KATOTTG codes.

One rule for every picker (compare, peer groups, campaigns): an entry is a code or a piece
of a name; a name that fits one current hromada is taken, one that fits several is answered
with the candidates to choose from, never guessed. The search is the registry's own (case,
apostrophe and Latin-spelling proof, see territories.search).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hromada.territories.models import Level, Territory
from hromada.territories.queries import search_queryset
from hromada.territories.search import as_code

SUGGESTIONS = 8  # what fits a phone screen under the field
CANDIDATES = 6  # shown for an entry that fits several hromadas
# Names are looked up one query each (codes all at once): a form with more typed names than
# this is not a person typing, and the rest are answered as not found.
NAME_LOOKUPS = 20


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    place: str  # raion and oblast, to tell namesakes apart


@dataclass
class Resolution:
    chosen: list[Choice] = field(default_factory=list)  # in the order given, no repeats
    ambiguous: list[tuple[str, list[Choice]]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [choice.code for choice in self.chosen]


def as_choice(territory: Territory) -> Choice:
    place = ", ".join(
        t.name for t in (territory.raion, territory.oblast) if t is not None and t != territory
    )
    return Choice(territory.code, territory.name, place)


def suggestions(query: str, *, limit: int = SUGGESTIONS) -> list[Choice]:
    """Current hromadas whose name or code holds every word of the query."""
    found = search_queryset(query)
    if found is None:
        return []
    hromadas = found.filter(level=Level.HROMADA, valid_to__isnull=True)
    return [as_choice(t) for t in hromadas[:limit]]


def resolve(entries: list[str], *, limit: int | None = None) -> Resolution:
    """Turn what a person entered (codes or names, in order) into hromadas."""
    result = Resolution()
    seen: set[str] = set()
    texts = [e.strip() for e in entries if e.strip()]
    codes = [code for code in (as_code(t) for t in texts) if code]
    by_code = {
        t.code: t
        for t in Territory.objects.hromadas()
        .filter(code__in=codes)
        .select_related("raion", "oblast")
    }
    lookups = 0
    for text in texts:
        code = as_code(text)
        if code is not None:
            territory = by_code.get(code)
            if territory is None:
                result.unknown.append(text)
                continue
            candidates = [as_choice(territory)]
        else:
            lookups += 1
            candidates = [] if lookups > NAME_LOOKUPS else suggestions(text, limit=CANDIDATES + 1)
            if not candidates:
                result.unknown.append(text)
                continue
            exact = [c for c in candidates if c.name.casefold() == text.casefold()]
            if len(candidates) > 1 and len(exact) == 1:
                candidates = exact
            if len(candidates) > 1:
                result.ambiguous.append((text, candidates[:CANDIDATES]))
                continue
        choice = candidates[0]
        if choice.code not in seen:
            seen.add(choice.code)
            result.chosen.append(choice)
    if limit is not None:
        result.chosen = result.chosen[:limit]
    return result


def problems(resolution: Resolution) -> list[str]:
    """What a form says when a picker's entry could not be taken."""
    found = [
        _("“%(text)s” fits several hromadas: tick the one you mean.") % {"text": text}
        for text, _candidates in resolution.ambiguous
    ]
    if resolution.unknown:
        found.append(
            _("No current hromada has this name or code: %(entries)s.")
            % {"entries": ", ".join(resolution.unknown)}
        )
    return found


def for_form(form: Any, name: str) -> Resolution:
    """The picker of a form's field: what was posted (or the initial codes), resolved once."""
    cache: dict[str, Resolution] = form.__dict__.setdefault("_picker_resolutions", {})
    if name not in cache:
        bound = form.is_bound
        cache[name] = resolve(
            form.data.getlist(name) if bound else list(form.initial.get(name) or [])
        )
    return cache[name]
