"""Run every check of a campaign over its reporting hromadas, in one vectorised pass."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.collection.models import Campaign, Item, ValidationRule
from hromada.collection.validation import checks, peers
from hromada.collection.validation.data import Override, load
from hromada.collection.validation.flags import Flag
from hromada.collection.validation.split import split_flags
from hromada.indicators.formula import FormulaError, parse

__all__ = ["Override", "campaign_items", "run_checks"]


def campaign_items(campaign: Campaign, codes: Iterable[str] | None = None) -> list[Item]:
    items = campaign.items.select_related("indicator")
    if codes is not None:
        items = items.filter(indicator__code__in=list(codes))
    return list(items)


def _rules_for(codes: set[str]) -> list[tuple[ValidationRule, set[str]]]:
    found = []
    for rule in ValidationRule.objects.filter(is_active=True):
        try:
            references = parse(rule.expression).references()
        except FormulaError:
            continue
        if references & codes:
            found.append((rule, set(references)))
    return found


def run_checks(
    campaign: Campaign,
    *,
    territory_ids: Iterable[int] | None = None,
    codes: Iterable[str] | None = None,
    overrides: Iterable[Override] = (),
) -> list[Flag]:
    """Flags of the campaign's year, for the given hromadas (all by default) and codes.

    Peers and rules always see every reporting hromada, so the answer for one hromada is
    the same whether it is checked alone or with all the others.
    """
    items = campaign_items(campaign, codes)
    item_codes = {item.indicator.code for item in items}
    rules = _rules_for(item_codes)
    needed = item_codes.union(*(references for _, references in rules))
    focus = None if territory_ids is None else list(territory_ids)
    data = load(campaign, needed, overrides, focus)
    groups = peers.groups_of(data)
    flags: list[Flag] = []
    for item in items:
        flags += checks.type_and_range(data, item)
        flags += checks.required(data, item)
        flags += checks.change(data, item, campaign.change_threshold)
        flags += peers.outliers(data, item.indicator, groups)
        flags += split_flags(data, item)
    for rule, _references in rules:
        flags += checks.rule_flags(data, rule, item_codes)
    if focus is not None:
        wanted = set(focus)
        flags = [flag for flag in flags if flag.territory_id in wanted]
    return flags
