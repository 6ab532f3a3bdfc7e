"""How well a value fits its own hromada: the evidence the slip and swap checks weigh.

Three kinds of evidence say what one line of one hromada should be this year:

- its **history**: a robust regression, across every reporting hromada, of this year's
  value (log scale) on last year's, the year before (where known), the hromada's overall
  change (the median change of its lines) and the change of the line's whole (from an
  analyst's rule "part <= whole"), with the spread of what it leaves unexplained per size
  quartile. A line that is a stable share of its hromada's revenue is predicted tightly;
  a volatile one loosely.
- its **complement** in each whole: the whole less the part (civil PIT is PIT less the
  military PIT; other transfers are transfers less the basic subsidy), with its own
  history, by the same regression. A wrong part moves its complement too.
- **identities**: a rule `abs(E) <= bound` (own revenues are the sum of their lines). The
  typed residual |E| against its usual size across hromadas (rounding of the lines).

`Evidence.cost(x)` is the negative log-likelihood of value(s) x for a line (Student t, so
one odd year does not make a value impossible). The checks compare the cost of what was
typed with the cost of what a slip would come from: a likelihood ratio. Whether the value
a slip or swap came from fits well itself is judged by `Evidence.usual_z`, in units of each
series' usual surprise (some series, like own revenues less a line, have heavy tails).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from hromada.collection.models import ValidationRule
from hromada.collection.validation.data import CheckData
from hromada.indicators.formula import FormulaError, Panel, evaluate, parse
from hromada.indicators.formula.nodes import Binary, Call, Node, Ref

FloatArray = npt.NDArray[np.float64]

MIN_HROMADAS = 30  # hromadas reporting a line in the years used, to learn its regression
FLOOR_SHARE = 0.01  # logs are floored at 1 % of the line's median amount (zeros take part)
MAD_SCALE = 1.4826
MIN_SPREAD = 0.03  # no line is predicted better than to ±3 %
SIZE_BINS = 4
DEGREES = 3.0  # Student t: heavy tails, as real budgets have
ADDS_UP = 3.0  # an identity holds within this many of its usual spreads
NEGATIVE_Z = 10.0  # a complement below zero (a part above its whole) fits nothing
HUBER = 1.345
USUAL_SHARE = 0.95  # a series' usual surprise: the |z| that this share of hromadas stay within
USUAL_Z = 1.96  # ... which a normal surprise would reach at 95 %


def _log(values: FloatArray, floor: float) -> FloatArray:
    return np.asarray(np.log(floor + np.abs(values)), dtype=np.float64)


def rho(z: FloatArray) -> FloatArray:
    """Negative log-likelihood of a Student t with DEGREES degrees of freedom (up to a
    constant)."""
    return np.asarray((DEGREES + 1) / 2 * np.log1p(z * z / DEGREES), dtype=np.float64)


def _robust_fit(features: FloatArray, target: FloatArray) -> FloatArray:
    """Least squares re-weighted by Huber's rule: a few wrong values cannot pull the line."""
    weights = np.ones(len(target))
    beta: FloatArray = np.zeros(features.shape[1])
    for _ in range(8):
        root = np.sqrt(weights)
        solved = np.linalg.lstsq(features * root[:, None], target * root, rcond=None)[0]
        beta = np.asarray(solved, dtype=np.float64)
        residual = target - features @ beta
        scale = max(float(np.median(np.abs(residual))) * MAD_SCALE, MIN_SPREAD)
        size = np.abs(residual) / (HUBER * scale)
        weights = np.where(size <= 1, 1.0, 1 / np.maximum(size, 1e-12))
    return beta


@dataclass(frozen=True)
class Model:
    """A prediction of one series this year on a log scale, per hromada."""

    floor: float
    predicted: FloatArray  # NaN where the hromada's history is unknown
    spread: FloatArray
    # How much heavier than normal this series' surprises are across hromadas (1 or more):
    # the |z| that USUAL_SHARE of this year's values stay within, over USUAL_Z.
    tail: float = 1.0

    def z(self, values: FloatArray) -> FloatArray:
        """Robust z of values (rows, or rows x candidates) against the prediction."""
        shape = (-1,) + (1,) * (values.ndim - 1)
        centre, spread = self.predicted.reshape(shape), self.spread.reshape(shape)
        return np.asarray((_log(values, self.floor) - centre) / spread, dtype=np.float64)


def model(series: FloatArray, shift: FloatArray, whole_change: FloatArray | None) -> Model | None:
    """The regression of this year's log value on the hromada's history (see the module)."""
    now = series[:, -1]
    reported = np.abs(now[np.isfinite(now) & (now != 0)])
    if len(reported) < MIN_HROMADAS or series.shape[1] < 2:
        return None
    floor = max(float(np.median(reported)) * FLOOR_SHARE, 1e-9)
    target, last = _log(now, floor), _log(series[:, -2], floor)
    base = [np.ones(len(now)), last, shift]
    if whole_change is not None:
        base.append(whole_change)
    predicted, spread = np.full(len(now), np.nan), np.full(len(now), np.nan)
    variants = [np.column_stack(base)]
    if series.shape[1] >= 3:  # the year before last: a line's own trend
        variants.append(np.column_stack([*base, _log(series[:, -3], floor)]))
    for features in variants:  # the richer model, where it can be learned, wins
        known = np.isfinite(features).all(axis=1)
        usable = known & np.isfinite(target)
        if usable.sum() < MIN_HROMADAS:
            continue
        beta = _robust_fit(features[usable], target[usable])
        guess = features[known] @ beta
        predicted[known] = guess
        bins = min(SIZE_BINS, int(usable.sum()) // MIN_HROMADAS)
        spread[known] = _spreads(last[known], target[known] - guess, bins)
    if not np.isfinite(predicted).any():
        return None
    surprise = np.abs((target - predicted) / spread)
    surprise = surprise[np.isfinite(surprise)]
    tail = max(1.0, float(np.quantile(surprise, USUAL_SHARE)) / USUAL_Z)
    return Model(floor, predicted, spread, tail)


def _spreads(size: FloatArray, residual: FloatArray, bins: int) -> FloatArray:
    """The robust spread of what the regression leaves unexplained, per size quartile
    (small lines move more)."""
    out = np.full(len(size), np.nan)
    usable = np.isfinite(residual)
    edges = np.quantile(size[usable], np.linspace(0, 1, bins + 1)[1:-1])
    which = np.searchsorted(edges, size)
    for group in range(bins):
        members = usable & (which == group)
        if not members.any():
            continue
        middle = float(np.median(residual[members]))
        mad = float(np.median(np.abs(residual[members] - middle))) * MAD_SCALE
        out[which == group] = max(mad, MIN_SPREAD)
    return out


@dataclass(frozen=True)
class Complement:
    """The whole less the part: its model and the whole as typed this year."""

    whole: str
    whole_now: FloatArray
    model: Model
    was_positive: npt.NDArray[np.bool_]

    def z(self, values: FloatArray) -> FloatArray:
        shape = (-1,) + (1,) * (values.ndim - 1)
        rest = self.whole_now.reshape(shape) - values
        z = self.model.z(rest)
        below = (rest < 0) & self.was_positive.reshape(shape)
        return np.where(below, np.maximum(np.abs(z), NEGATIVE_Z), z)


@dataclass(frozen=True)
class Identity:
    """A rule `abs(E) <= bound`: E as typed, how E moves with each of its lines, and the
    usual size of E across hromadas."""

    residual: FloatArray
    slopes: dict[str, float]
    scale: float

    def z(self, moves: dict[str, FloatArray]) -> FloatArray:
        """z of E after each line moves by `moves[code]` (rows, or rows x candidates)."""
        shape = next(iter(moves.values())).shape
        residual = np.broadcast_to(
            self.residual.reshape((-1,) + (1,) * (len(shape) - 1)), shape
        ).copy()
        for code, move in moves.items():
            residual += self.slopes.get(code, 0.0) * move
        return np.asarray(residual / self.scale, dtype=np.float64)


@dataclass
class Evidence:
    """Everything known about each line of each hromada, for the slip and swap checks."""

    history: dict[str, Model] = field(default_factory=dict)
    complements: dict[str, list[Complement]] = field(default_factory=dict)
    identities: list[Identity] = field(default_factory=list)
    wholes: dict[str, list[str]] = field(default_factory=dict)  # part -> its wholes

    def fit_z(self, code: str, values: FloatArray) -> FloatArray:
        """The largest |z| of the history and complements: how badly the value fits."""
        worst = np.abs(np.nan_to_num(self.history[code].z(values)))
        for complement in self.complements.get(code, []):
            worst = np.maximum(worst, np.abs(np.nan_to_num(complement.z(values))))
        return worst

    def usual_z(self, code: str, values: FloatArray) -> FloatArray:
        """Like `fit_z`, but each |z| in units of its series' usual surprise (`Model.tail`):
        whether a value the official probably meant fits as well as true values do. Own
        revenues less one line move with the military PIT, so their surprises run about
        2.5 times heavier than normal; a fixed |z| there refused 14 % of true values."""
        worst = np.abs(np.nan_to_num(self.history[code].z(values))) / self.history[code].tail
        for complement in self.complements.get(code, []):
            z = np.abs(np.nan_to_num(complement.z(values))) / complement.model.tail
            worst = np.maximum(worst, z)
        return worst

    def cost(self, code: str, values: FloatArray) -> FloatArray:
        """History and complements only (identities are weighed jointly, see `joint`)."""
        total = rho(np.nan_to_num(self.history[code].z(values)))
        for complement in self.complements.get(code, []):
            total = total + rho(np.nan_to_num(complement.z(values)))
        return total

    def sum_of_its_parts(self, code: str) -> npt.NDArray[np.bool_]:
        """Per hromada, whether `code` is the whole of an identity with some of its parts
        (own revenues, the sum of their lines) and that identity holds as typed: then its
        change is the change of its parts, each checked on its own."""
        holds = np.zeros(0, dtype=bool)
        for identity in self.identities:
            parts = [p for p, wholes in self.wholes.items() if code in wholes]
            if code in identity.slopes and any(p in identity.slopes for p in parts):
                inside = np.abs(np.nan_to_num(identity.residual, nan=np.inf)) <= (
                    ADDS_UP * identity.scale
                )
                holds = inside if len(holds) == 0 else holds | inside
        return holds

    def joint(self, moves: dict[str, FloatArray]) -> FloatArray:
        """The identities' cost after the lines move by `moves` (0 where none applies)."""
        shape = next(iter(moves.values())).shape
        total = np.zeros(shape)
        for identity in self.identities:
            if any(code in identity.slopes for code in moves):
                total = total + rho(np.nan_to_num(identity.z(moves)))
        return total


def relations(rules: list[ValidationRule]) -> tuple[dict[str, list[str]], list[Node]]:
    """From the analyst's rules: the wholes of each part ("part <= whole" between two
    codes), and the expressions E of identities (`abs(E) <= bound`)."""
    wholes: dict[str, list[str]] = {}
    identities: list[Node] = []
    for rule in rules:
        try:
            node = parse(rule.expression)
        except FormulaError:
            continue
        if not isinstance(node, Binary) or node.op not in {"<", "<=", ">", ">="}:
            continue
        small, large = (
            (node.left, node.right) if node.op in {"<", "<="} else (node.right, node.left)
        )
        if isinstance(small, Ref) and isinstance(large, Ref):
            wholes.setdefault(small.code, []).append(large.code)
        elif isinstance(small, Call) and small.name == "abs" and len(small.args) == 1:
            identities.append(small.args[0])
    return wholes, identities


def gather(
    data: CheckData, codes: list[str], rules: list[ValidationRule], shift: FloatArray,
    step: float,
) -> Evidence:  # fmt: skip
    """The evidence for every line of `codes` with a learnable history; `step` is the
    smallest step of a typed value (0.1 for one decimal), the least an identity can be off."""
    wholes, expressions = relations(rules)
    panel = data.panel
    evidence = Evidence(wholes=wholes)
    for code in codes:
        series = panel[code]
        parents = [w for w in wholes.get(code, []) if w in panel]
        change = None
        if parents:
            whole = panel[parents[0]]
            floor = _floor(whole[:, -1])
            change = _log(whole[:, -1], floor) - _log(whole[:, -2], floor)
        fitted = model(series, shift, change)
        if fitted is None:
            continue
        evidence.history[code] = fitted
        for parent in parents:
            rest = panel[parent] - series
            rest_model = model(rest, shift, None)
            if rest_model is not None:
                was_positive = np.nan_to_num(rest[:, -2], nan=0.0) >= 0
                evidence.complements.setdefault(code, []).append(
                    Complement(parent, panel[parent][:, -1], rest_model, was_positive)
                )
    for expression in expressions:
        identity = _identity(panel, expression, step)
        if identity is not None:
            evidence.identities.append(identity)
    return evidence


def _floor(values: FloatArray) -> float:
    reported = np.abs(values[np.isfinite(values) & (values != 0)])
    return max(float(np.median(reported)) * FLOOR_SHARE, 1e-9) if len(reported) else 1.0


def _identity(panel: Panel, expression: Node, step: float) -> Identity | None:
    """E this year, and its slope in each line (E is linear in its lines, or skipped)."""
    now = Panel(panel.rows, panel.years[-1:], {c: v[:, -1:] for c, v in panel.data.items()})
    residual = evaluate(expression, now).values[:, 0]
    usable = np.isfinite(residual)
    if usable.sum() < MIN_HROMADAS:
        return None
    slopes: dict[str, float] = {}
    for code in expression.references():
        if code not in now:
            return None
        moved = [
            evaluate(expression, now.with_values(code, now[code] + step)).values[:, 0]
            for step in (1.0, 2.0)
        ]
        one = np.nanmedian(moved[0] - residual)
        two = np.nanmedian(moved[1] - residual)
        if not np.isfinite(one) or abs(two - 2 * one) > 1e-6:
            return None  # not linear in this line: the slip check cannot move it alone
        slopes[code] = float(one)
    scale = float(np.median(np.abs(residual[usable]))) * MAD_SCALE
    return Identity(residual, slopes, max(scale, step / 2))
