"""The documented shapes of v1. Fields listed here never change within v1; new ones may appear."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class TerritoryOut(Schema):
    code: str
    level: str
    category: str
    name_uk: str
    name_en: str
    hromada_type: str
    parent: str | None
    oblast: str | None
    valid_from: date
    valid_to: date | None
    is_member: bool
    war_status: str | None


class TerritoryPage(Schema):
    items: list[TerritoryOut]
    next: str | None


class MemberOut(Schema):
    code: str
    name_uk: str
    name_en: str
    oblast: str | None
    joined_on: date
    status: str


class MemberPage(Schema):
    items: list[MemberOut]
    next: str | None


class AreaOut(Schema):
    code: str
    name_uk: str
    name_en: str
    description_uk: str
    description_en: str
    order: int


class IndicatorOut(Schema):
    code: str
    area: str
    name_uk: str
    name_en: str
    definition_uk: str
    definition_en: str
    unit: str
    value_type: str
    decimals: int
    polarity: str
    aggregation: str
    min_value: float | None
    max_value: float | None
    source: str
    by_sex: bool
    formula: str
    is_active: bool
    version: int
    updated_at: datetime


class IndicatorPage(Schema):
    items: list[IndicatorOut]
    next: str | None


class IndicatorVersionOut(Schema):
    indicator: str
    version: int
    origin: str
    changed_at: datetime
    reason: str
    definition: dict[str, Any]


class ObservationOut(Schema):
    territory: str
    indicator: str
    year: int
    sex: str
    value: float | None
    missing: str
    status: str
    source: str
    note: str
    updated_at: datetime


class ObservationPage(Schema):
    items: list[ObservationOut]
    next: str | None


class RankOut(Schema):
    territory: str
    name: str
    value: float | None
    comparable_value: float | None
    per_year: int | None
    missing: str
    rank: int | None
    rank_all: int | None
    percentile: int | None
    quartile: int | None


class RankingOut(Schema):
    indicator: str
    year: int | None
    # How `comparable_value` is made from `value`: "" (it is the value), per resident,
    # per 1,000 residents or per km².
    compare_per: Literal["", "capita", "1000", "km2"]
    peers: str
    reported: int
    data_version: int
    items: list[RankOut]


class PeerGroupOut(Schema):
    key: str
    name: str
    relative: bool


class ValueChangeOut(Schema):
    id: int
    territory: str
    indicator: str
    year: int
    sex: str
    old_value: float | None
    old_missing: str
    old_status: str
    new_value: float | None
    new_missing: str
    new_status: str
    published: bool
    revision: bool
    reason: str
    comment: str
    changed_at: datetime


class ChangesOut(Schema):
    version: int
    since: datetime
    definitions: list[IndicatorVersionOut]
    values: list[ValueChangeOut]
    next: str | None


class AggregateRowOut(Schema):
    group: str
    value: float | None
    reported: int
    members: int
    population_share: float | None


class AggregatesOut(Schema):
    indicator: str
    by: str
    year: int | None
    aggregable: bool
    data_version: int
    items: list[AggregateRowOut]


class NeighbourOut(Schema):
    territory: str
    name: str
    distance: float | None


class SimilarOut(Schema):
    territory: str
    indicators: list[str]
    compared: int
    items: list[NeighbourOut]


class ValueIn(Schema):
    indicator: str
    value: float | None = None
    missing: str = ""
    comment: str = ""


class RowProblem(Schema):
    index: int | None
    indicator: str
    message: str


class SubmitOut(Schema):
    saved: int
    warnings: list[RowProblem]


class ReleaseOut(Schema):
    id: int
    name_uk: str
    name_en: str
    kind: str
    note_uk: str
    note_en: str
    first_year: int
    last_year: int
    scheduled_on: date | None
    published_at: datetime | None
    new_values: int
    revised_values: int
    withdrawn_values: int


class ReleaseList(Schema):
    items: list[ReleaseOut]
