"""Sections that other apps add to a territory's page, without territories importing them.

Dependencies point one way (members, indicators -> territories), yet the territory page
shows membership and data. Each app registers a panel in its AppConfig.ready(); the page
renders the panels in order (a `lead` panel right under the title, the others after the
territory's facts). A panel returns None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from hromada.territories.models import Territory


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, object]
    lead: bool = False  # shown first on the page, right under its title


PanelBuilder = Callable[[HttpRequest, Territory], Panel | None]
_builders: list[tuple[int, PanelBuilder]] = []


def register(builder: PanelBuilder, *, order: int = 100) -> None:
    if all(existing is not builder for _, existing in _builders):
        _builders.append((order, builder))
        _builders.sort(key=lambda item: item[0])


def panels_for(request: HttpRequest, territory: Territory) -> list[Panel]:
    built = (builder(request, territory) for _, builder in _builders)
    return [panel for panel in built if panel is not None]
