"""The demo's generation rules, one per base indicator, read from seed/profiles.toml.

Each rule says how an indicator's synthetic values follow from the hromada's population,
from another indicator, or from a plausible mean; docs/demo.md explains every key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Under seed/ so that it is packaged with the other data files.
PROFILES_FILE = Path(__file__).with_name("seed") / "profiles.toml"
TYPES = ("city", "settlement", "village")
RULES = ("population", "settlements", "per_1000", "share_of", "remainder_of", "mean")
# Years are counted from the latest demo year: a rate or mean describes 2024.
BASE_YEAR = 2024


class ProfileError(ValueError):
    """profiles.toml names an unknown key or indicator, or misses a rule."""


@dataclass(frozen=True)
class Profile:
    code: str
    rule: str
    rate: float = 0.0  # per_1000 / per_capita (converted to per 1,000), share, or mean
    spread: float = 0.0
    parent: str = ""
    minus: tuple[str, ...] = ()
    group: str = "parts"
    elasticity: float = 1.0
    trend: float = 1.0
    type_factor: dict[str, float] = field(default_factory=dict)
    female: float = 0.5
    not_applicable: dict[str, float] = field(default_factory=dict)
    since: int = 0
    applies_with: str = ""
    fixed: bool = False
    noise: float = 0.05
    hromada_spread: float = 0.2

    @property
    def depends_on(self) -> tuple[str, ...]:
        return tuple(code for code in (self.parent, self.applies_with, *self.minus) if code)

    def factor(self, hromada_type: str) -> float:
        return self.type_factor.get(hromada_type, 1.0)


_KEYS = {
    "elasticity",
    "trend",
    "type_factor",
    "female",
    "not_applicable",
    "since",
    "fixed",
    "noise",
    "hromada_spread",
    "group",
    "spread",
    "share",
    "minus",
    "applies_with",
}


def _rule(code: str, raw: dict[str, Any]) -> dict[str, Any]:
    if raw.get("population"):
        return {"rule": "population"}
    if raw.get("settlements"):
        return {"rule": "settlements", "fixed": True}
    if "per_1000" in raw:
        return {"rule": "per_1000", "rate": float(raw["per_1000"])}
    if "per_capita" in raw:
        return {"rule": "per_1000", "rate": float(raw["per_capita"]) * 1000}
    if "share_of" in raw:
        return {"rule": "share_of", "parent": raw["share_of"], "rate": float(raw["share"])}
    if "remainder_of" in raw:
        return {"rule": "remainder_of", "parent": raw["remainder_of"]}
    if "mean" in raw:
        return {"rule": "mean", "rate": float(raw["mean"])}
    raise ProfileError(f"{code}: no rule (population, per_1000, per_capita, share_of, mean…)")


def _profile(code: str, raw: dict[str, Any]) -> Profile:
    known = _KEYS | {"population", "settlements", "per_1000", "per_capita", "share_of"}
    unknown = set(raw) - known - {"remainder_of", "mean"}
    if unknown:
        raise ProfileError(f"{code}: unknown keys {sorted(unknown)}")
    for table in ("type_factor", "not_applicable"):
        if set(raw.get(table, {})) - set(TYPES):
            raise ProfileError(f"{code}: {table} keys must be {', '.join(TYPES)}")
    options = {k: raw[k] for k in _KEYS - {"share", "minus"} if k in raw}
    return Profile(code=code, minus=tuple(raw.get("minus", ())), **_rule(code, raw), **options)


def read_profiles(path: Path = PROFILES_FILE) -> dict[str, Profile]:
    """Every profile in dependency order (a parent before the indicators that use it)."""
    with path.open("rb") as file:
        raw = tomllib.load(file)["profiles"]
    profiles = {code: _profile(code, spec) for code, spec in raw.items()}
    ordered: dict[str, Profile] = {}

    def visit(code: str, trail: tuple[str, ...]) -> None:
        if code in ordered:
            return
        if code in trail or code not in profiles:
            raise ProfileError(f"{' → '.join((*trail, code))}: unknown or circular reference")
        for parent in profiles[code].depends_on:
            visit(parent, (*trail, code))
        ordered[code] = profiles[code]

    for code in profiles:
        visit(code, ())
    return ordered
