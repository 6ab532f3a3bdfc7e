"""The derived indicators the recompute measures: per-capita, share and growth formulas.

Each formula is written twice from one description: in the formula language for Hromada's
engine, and as a SQL expression for the DuckDB reference, so both do the same arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bench.generate import POPULATION, IndicatorSpec

PER_CAPITA = 16
SHARES = 12
GROWTH = 12
WEIGHTED = 5


@dataclass(frozen=True)
class Derived:
    code: str
    kind: str  # per_capita, share, growth
    inputs: tuple[str, ...]

    @property
    def formula(self) -> str:
        a = self.inputs[0]
        if self.kind == "per_capita":
            return f"{a} / {POPULATION} * 1000"
        if self.kind == "share":
            return f"{a} / ({a} + {self.inputs[1]}) * 100"
        return f"({a} - lag({a}, 1)) / lag({a}, 1) * 100"

    def sql(self, column: dict[str, str], window: str) -> str:
        """The same arithmetic in SQL; `column` maps codes to column names."""
        a = column[self.inputs[0]]
        if self.kind == "per_capita":
            return f"{a} / NULLIF({column[POPULATION]}, 0) * 1000"
        if self.kind == "share":
            return f"{a} / NULLIF({a} + {column[self.inputs[1]]}, 0) * 100"
        lag = f"LAG({a}) OVER {window}"
        return f"({a} - {lag}) / NULLIF({lag}, 0) * 100"


@dataclass(frozen=True)
class Recompute:
    derived: list[Derived]
    how: dict[str, str]  # aggregation of each input code for the oblast aggregates

    @property
    def inputs(self) -> list[str]:
        return list(self.how)

    @property
    def formulas(self) -> dict[str, str]:
        return {d.code: d.formula for d in self.derived}


def recompute_set(specs: list[IndicatorSpec], seed: int) -> Recompute:
    """40 formulas over additive (count, money) indicators, and a few weighted means."""
    rng = np.random.default_rng([seed, 4])
    additive = [s.code for s in specs if s.kind in ("count", "money") and s.code != POPULATION]
    averaged = [s.code for s in specs if s.kind in ("percent", "rate")]
    wanted = PER_CAPITA + 2 * SHARES
    short = len(additive) < wanted  # only at the tiny --quick scale
    picked = [str(c) for c in rng.choice(additive, wanted, replace=short)]
    derived: list[Derived] = []
    for number, code in enumerate(picked[:PER_CAPITA]):
        derived.append(Derived(f"derived.per_capita_{number:02d}", "per_capita", (code,)))
    pairs = picked[PER_CAPITA:]
    for number in range(SHARES):
        inputs = (pairs[2 * number], pairs[2 * number + 1])
        derived.append(Derived(f"derived.share_{number:02d}", "share", inputs))
    for number, code in enumerate(picked[:GROWTH]):
        derived.append(Derived(f"derived.growth_{number:02d}", "growth", (code,)))
    how = {POPULATION: "sum"} | dict.fromkeys(picked, "sum")
    how |= {str(code): "weighted_mean" for code in rng.choice(averaged, WEIGHTED, replace=False)}
    return Recompute(derived, how)
