"""A rule tried before it is saved: does it read, which indicators it uses, and which
hromadas of the latest campaign it would flag. The page shows it while the analyst types."""

from __future__ import annotations

from dataclasses import dataclass, field

from hromada.collection.models import Campaign, ValidationRule
from hromada.collection.rule_actions import known_codes
from hromada.collection.validation.checks import rule_flags
from hromada.collection.validation.data import load
from hromada.indicators.formula import FormulaError, check_formula
from hromada.indicators.models import Indicator
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import Territory

EXAMPLES = 10  # hromadas named; the rest are counted
MAX_LENGTH = 2000


@dataclass
class RuleTrial:
    error: str = ""
    indicators: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    campaign: Campaign | None = None
    checked: int = 0  # hromadas of the campaign
    flagged: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def reads(self) -> bool:
        return not self.error


def try_rule(expression: str) -> RuleTrial:
    text = expression.strip()[:MAX_LENGTH]
    if not text:
        return RuleTrial()
    try:
        node = check_formula(text, known_codes())
    except FormulaError as error:
        return RuleTrial(error=str(error))
    codes = sorted(node.references())
    named = {i.code: i.name for i in Indicator.objects.filter(code__in=codes)}
    trial = RuleTrial(indicators=[(code, named.get(code, code)) for code in codes])
    trial.campaign = Campaign.objects.order_by("-year", "-pk").first()
    if trial.campaign is None or not codes:
        return trial
    data = load(trial.campaign, codes)
    rule = ValidationRule(expression=text, message_uk=text)
    ids = {flag.territory_id for flag in rule_flags(data, rule, set(codes))}
    trial.checked, trial.flagged = len(data.rows), len(ids)
    found = Territory.objects.filter(pk__in=ids)
    trial.examples = sorted((t.name for t in found), key=sort_key)[:EXAMPLES]
    return trial
