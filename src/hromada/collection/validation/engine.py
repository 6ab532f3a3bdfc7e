"""Run every check of a campaign over its reporting hromadas, in one vectorised pass."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from hromada.collection.models import Campaign, Item, ValidationRule
from hromada.collection.validation import checks, peers
from hromada.collection.validation.change import change_flags, hromada_shifts
from hromada.collection.validation.copies import copied_flags
from hromada.collection.validation.data import CheckData, Override, load
from hromada.collection.validation.fit import gather
from hromada.collection.validation.flags import Flag, Kind
from hromada.collection.validation.limits import outside
from hromada.collection.validation.slips import slip_flags
from hromada.collection.validation.split import split_flags
from hromada.collection.validation.swaps import swapped_flags
from hromada.indicators.formula import FormulaError, parse
from hromada.indicators.models import ValueType

__all__ = ["Override", "campaign_items", "evaluate", "run_checks"]


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
    flags = evaluate(data, items, [rule for rule, _references in rules], campaign.change_threshold)
    if focus is not None:
        wanted = set(focus)
        flags = [flag for flag in flags if flag.territory_id in wanted]
    return flags


def evaluate(
    data: CheckData, items: list[Item], rules: list[ValidationRule], change_threshold: float
) -> list[Flag]:
    """Every check over values already in arrays; no database. `make calibrate` runs this
    same function on the real budgets."""
    groups = peers.groups_of(data)
    item_codes = {item.indicator.code for item in items}
    amounts = [i.indicator.code for i in items if i.indicator.value_type != ValueType.INTEGER]
    years = len(data.panel.years)
    shifts = [hromada_shifts(data, amounts, column) for column in range(1 - years, 0)]
    # What a change, a slip or a swap would come from is weighed against the hromada's
    # own figures: its history, its wholes and complements, the sums it belongs to.
    this_year = shifts[-1] if shifts else np.zeros(len(data.rows))
    step = min((10.0 ** -max(i.indicator.decimals, 0) for i in items), default=1.0)
    evidence = gather(data, amounts, rules, this_year, step)
    flags: list[Flag] = []
    for item in items:
        code = item.indicator.code
        flags += checks.whole_numbers(data, item)
        flags += outside(item.indicator, code, data.panel[code][:, -1], data.rows)
        flags += checks.required(data, item)
        flags += change_flags(data, item, change_threshold, shifts, evidence)
        flags += peers.outliers(data, item.indicator, groups)
        flags += split_flags(data, item)
    flags += copied_flags(data, items)
    slips = list(slip_flags(data, items, evidence))
    # A slip names what the unusual change came from: one flag, the more useful one.
    slipped = {(flag.territory_id, flag.code) for flag in slips}
    flags = [f for f in flags if f.kind != Kind.YOY or (f.territory_id, f.code) not in slipped]
    flags += slips
    flags += swapped_flags(data, items, evidence)
    for rule in rules:
        flags += checks.rule_flags(data, rule, item_codes)
    return flags
