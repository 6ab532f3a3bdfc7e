"""Sections that other rooms add to a hromada's profile PDF, without analytics importing them.

Dependencies point one way (legislation -> analytics), yet the PDF carries the hromada's
figure under each published position's impact model. A room registers a builder in its
AppConfig.ready() (as territory panels and indicator links do); the PDF renders the sections
in order after the data tables. A builder returns None when it has nothing to show, and
reads only what the public may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hromada.territories.models import Territory


@dataclass(frozen=True)
class ReportSection:
    template: str  # rendered with `context` plus `site` (the site's address, for links)
    context: dict[str, object]


SectionBuilder = Callable[[Territory], ReportSection | None]
_builders: list[tuple[int, SectionBuilder]] = []


def register(builder: SectionBuilder, *, order: int = 100) -> None:
    if all(existing is not builder for _, existing in _builders):
        _builders.append((order, builder))
        _builders.sort(key=lambda item: item[0])


def sections_for(territory: Territory) -> list[ReportSection]:
    built = (builder(territory) for _, builder in _builders)
    return [section for section in built if section is not None]
