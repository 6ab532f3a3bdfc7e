"""Formulas that use other derived indicators: unknown codes, cycles, computing order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from hromada.indicators.formula import errors
from hromada.indicators.formula.errors import FormulaError
from hromada.indicators.formula.nodes import Node
from hromada.indicators.formula.parser import parse

Definition = str | Node | None
# Code -> its formula (text or parsed), or None / "" for an indicator that is not derived.
# A callable raises KeyError for a code that does not exist, as a mapping does.
KnownCodes = Mapping[str, Definition] | Callable[[str], Definition]
ARROW = " → "


def check_formula(text: str, known_codes: KnownCodes, *, code: str | None = None) -> Node:
    """The parsed formula, once it reads well, uses only known codes and closes no cycle.

    `code` is the indicator the formula is being saved for (None for a validation rule):
    it counts as known, and its new formula replaces the one `known_codes` gives for it.
    Raises FormulaError naming the position, the unknown codes, or the cycle.
    """
    node = parse(text)
    lookup = known_codes.__getitem__ if isinstance(known_codes, Mapping) else known_codes
    unknown = sorted(c for c in node.references() if c != code and not _exists(lookup, c))
    if unknown:
        raise FormulaError(
            errors.UNKNOWN_CODES,
            unknown_codes=tuple(unknown),
            codes=", ".join(unknown),
            count=len(unknown),
        )
    parsed: dict[str, Node | None] = {} if code is None else {code: node}

    def dependencies(of: str) -> Iterable[str]:
        if of not in parsed:
            parsed[of] = _definition(of, lookup)
        formula = parsed[of]
        return () if formula is None else formula.references()

    starts = [code] if code is not None else sorted(node.references())
    _visit(starts, dependencies)
    return node


def dependency_order(formulas: Mapping[str, str | Node]) -> list[str]:
    """The derived codes in an order where each comes after the derived codes it uses.

    Codes the formulas use that are not keys of `formulas` are inputs and are not listed.
    Raises FormulaError naming a cycle, or a formula that cannot be read.
    """
    parsed = {code: _parsed(code, formula) for code, formula in formulas.items()}

    def dependencies(of: str) -> Iterable[str]:
        return (c for c in parsed[of].references() if c in parsed)

    return _visit(sorted(parsed), dependencies)


def _exists(lookup: Callable[[str], Definition], code: str) -> bool:
    try:
        lookup(code)
    except KeyError:
        return False
    return True


def _definition(code: str, lookup: Callable[[str], Definition]) -> Node | None:
    try:
        formula = lookup(code)
    except KeyError:
        return None  # an unknown code inside another formula is that formula's problem
    return _parsed(code, formula) if formula else None


def _parsed(code: str, formula: str | Node) -> Node:
    if not isinstance(formula, str):
        return formula
    try:
        return parse(formula)
    except FormulaError as problem:
        raise FormulaError(errors.BROKEN_DEPENDENCY, code=code, reason=problem.message) from None


def _visit(starts: Iterable[str], dependencies: Callable[[str], Iterable[str]]) -> list[str]:
    """Depth-first walk: codes after everything they depend on; raises on the first cycle."""
    done: set[str] = set()
    order: list[str] = []
    for start in starts:
        if start in done:
            continue
        path = [start]
        pending = [iter(sorted(dependencies(start)))]
        while pending:
            following = next(pending[-1], None)
            if following is None:
                done.add(path[-1])
                order.append(path.pop())
                pending.pop()
            elif following in path:
                cycle = (*path[path.index(following) :], following)
                raise FormulaError(errors.CYCLE, cycle_codes=cycle, cycle=ARROW.join(cycle))
            elif following not in done:
                path.append(following)
                pending.append(iter(sorted(dependencies(following))))
    return order
