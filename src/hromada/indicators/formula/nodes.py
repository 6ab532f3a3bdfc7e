"""The parsed form of a formula: a tree of small immutable nodes.

Every node answers `references()` (the indicator codes it reads, lag() included) and
`to_text()` (the canonical text: single spaces around binary signs, the fewest parentheses
that keep the tree, so that `parse(node.to_text()) == node`).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

ARITHMETIC = frozenset({"+", "-", "*", "/"})
COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!="})
LOGICAL = frozenset({"and", "or"})
BINDING = {
    "or": 1,
    "and": 2,
    **dict.fromkeys(COMPARISONS, 3),
    "+": 4,
    "-": 4,
    "*": 5,
    "/": 5,
}
UNARY = 6
ATOM = 7
# name -> (fewest arguments, most arguments or None for no limit)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "coalesce": (2, None),
    "abs": (1, 1),
}
LAG = "lag"


class Expression(ABC):
    """What every node can do; the subclasses below are the node types."""

    precedence = ATOM

    def children(self) -> tuple[Node, ...]:
        return ()

    def walk(self) -> Iterator[Expression]:
        """This node and every node below it, parents first."""
        stack: list[Expression] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    def references(self) -> frozenset[str]:
        """The indicator codes the formula reads, including those inside lag()."""
        return frozenset(n.code for n in self.walk() if isinstance(n, Ref | Lag))

    def years_back(self) -> int:
        """How many years before the first computed year the formula reads (its largest lag)."""
        return max((n.years for n in self.walk() if isinstance(n, Lag)), default=0)

    def is_condition(self) -> bool:
        """True for a comparison or and/or at the top: a rule that is true, false or missing."""
        return isinstance(self, Binary) and self.op in COMPARISONS | LOGICAL

    @abstractmethod
    def to_text(self) -> str:
        """The canonical text of the node; parse(node.to_text()) == node."""


@dataclass(frozen=True)
class Number(Expression):
    """A literal; never negative (a minus sign is a Negate node) and always finite."""

    value: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"a number literal must be finite and not negative: {self.value}")

    def to_text(self) -> str:
        if self.value.is_integer() and self.value < 1e15:
            return str(int(self.value))
        return repr(float(self.value))


@dataclass(frozen=True)
class Ref(Expression):
    """The value of an indicator in the same territory and year."""

    code: str

    def to_text(self) -> str:
        return self.code


@dataclass(frozen=True)
class Lag(Expression):
    """The value of an indicator in the same territory, `years` years earlier."""

    code: str
    years: int

    def __post_init__(self) -> None:
        if self.years < 1:
            raise ValueError(f"lag() goes back at least one year, not {self.years}")

    def to_text(self) -> str:
        return f"{LAG}({self.code}, {self.years})"


@dataclass(frozen=True)
class Negate(Expression):
    operand: Node
    precedence = UNARY

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)

    def to_text(self) -> str:
        return "-" + _wrap(self.operand, self.operand.precedence < UNARY)


@dataclass(frozen=True)
class Binary(Expression):
    """Arithmetic (+ - * /), a comparison (< <= > >= == !=) or and/or."""

    op: str
    left: Node
    right: Node

    def __post_init__(self) -> None:
        if self.op not in BINDING:
            raise ValueError(f"unknown operator {self.op!r}")

    @property
    def precedence(self) -> int:  # type: ignore[override]
        return BINDING[self.op]

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def to_text(self) -> str:
        mine = self.precedence
        chained = self.op in COMPARISONS  # comparisons do not chain: (a < b) == c
        left = _wrap(
            self.left, self.left.precedence < mine or (chained and self.left.precedence == mine)
        )
        right = _wrap(self.right, self.right.precedence <= mine)
        return f"{left} {self.op} {right}"


@dataclass(frozen=True)
class Call(Expression):
    """min(), max(), abs() or coalesce(); lag() has its own node."""

    name: str
    args: tuple[Node, ...]

    def __post_init__(self) -> None:
        fewest, most = FUNCTIONS[self.name]
        if len(self.args) < fewest or (most is not None and len(self.args) > most):
            raise ValueError(f"{self.name}() cannot take {len(self.args)} arguments")

    def children(self) -> tuple[Node, ...]:
        return self.args

    def to_text(self) -> str:
        return f"{self.name}({', '.join(arg.to_text() for arg in self.args)})"


Node = Number | Ref | Lag | Negate | Binary | Call


def _wrap(node: Node, needed: bool) -> str:
    return f"({node.to_text()})" if needed else node.to_text()
