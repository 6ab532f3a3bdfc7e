"""What other rooms hold for an indicator, listed on its page without the catalogue
importing them: a room registers a builder in its AppConfig.ready() (as territory panels do).
Learning lists the practices that target the indicator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hromada.indicators.models import Indicator


@dataclass(frozen=True)
class RelatedLink:
    kind: str  # what it is, in the reader's language ("best practice")
    title: str
    url: str
    in_ukrainian: bool = False  # a Ukrainian title on an English page, for want of an English one


RelatedBuilder = Callable[[Indicator], list[RelatedLink]]
_builders: list[RelatedBuilder] = []


def register(builder: RelatedBuilder) -> None:
    if all(existing is not builder for existing in _builders):
        _builders.append(builder)


def links_for(indicator: Indicator) -> list[RelatedLink]:
    return [link for builder in _builders for link in builder(indicator)]
