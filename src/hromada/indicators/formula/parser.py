"""Read a formula into nodes with a small Pratt parser; nothing is ever evaluated as Python.

Precedence, loosest first: `or`, `and`, comparisons (which do not chain), `+ -`, `* /`,
unary minus. Binary signs group to the left: `a - b - c` is `(a - b) - c`.
"""

from __future__ import annotations

from collections.abc import Iterator

from hromada.indicators.formula import errors
from hromada.indicators.formula.errors import FormulaError
from hromada.indicators.formula.nodes import (
    BINDING,
    COMPARISONS,
    FUNCTIONS,
    LAG,
    UNARY,
    Binary,
    Call,
    Lag,
    Negate,
    Node,
    Number,
    Ref,
)
from hromada.indicators.formula.tokens import Kind, Token, tokenize

MAX_DEPTH = 40


def parse(text: str) -> Node:
    """The tree of `text`; raises FormulaError with the position of the first problem."""
    if not text.strip():
        raise FormulaError(errors.EMPTY)
    parser = _Parser(tokenize(text))
    node = parser.expression(0)
    parser.expect_end()
    return node


class _Parser:
    def __init__(self, tokens: Iterator[Token]) -> None:
        self.source = tokens
        self.tokens: list[Token] = []
        self.index = 0
        self.depth = 0

    def ahead(self, count: int) -> list[Token]:
        """The next `count` tokens (fewer at the end), read from the text only when needed."""
        while len(self.tokens) < self.index + count and (
            not self.tokens or self.tokens[-1].kind is not Kind.END
        ):
            self.tokens.append(next(self.source))
        return self.tokens[self.index : self.index + count]

    def peek(self) -> Token:
        return self.ahead(1)[0]

    def advance(self) -> Token:
        token = self.peek()
        if token.kind is not Kind.END:
            self.index += 1
        return token

    def expression(self, min_binding: int) -> Node:
        left = self.prefix()
        while (binding := _infix_binding(self.peek())) > min_binding:
            op = self.advance().text
            left = Binary(op, left, self.expression(binding))
            after = self.peek()
            if op in COMPARISONS and after.kind is Kind.SIGN and after.text in COMPARISONS:
                raise FormulaError(errors.CHAINED_COMPARISON, position=after.position)
        return left

    def prefix(self) -> Node:
        token = self.advance()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(errors.TOO_DEEP, position=token.position)
        try:
            return self._prefix(token)
        finally:
            self.depth -= 1

    def _prefix(self, token: Token) -> Node:
        if token.kind is Kind.NUMBER:
            return Number(float(token.text))
        if token.kind is Kind.NAME:
            if self.peek().text == "(" and self.peek().kind is Kind.SIGN:
                return self.call(token)
            return Ref(token.text)
        if token.kind is Kind.SIGN and token.text == "-":
            return Negate(self.expression(UNARY))
        if token.kind is Kind.SIGN and token.text == "(":
            inner = self.expression(0)
            self.expect(")")
            return inner
        raise _unexpected(token)

    def expect(self, sign: str) -> None:
        token = self.advance()
        if token.kind is not Kind.SIGN or token.text != sign:
            raise _unexpected(token)

    def expect_end(self) -> None:
        token = self.peek()
        if token.kind is not Kind.END:
            raise _unexpected(token)

    def call(self, name: Token) -> Node:
        if name.text == LAG:
            return self.lag(name)
        if name.text not in FUNCTIONS:
            raise FormulaError(errors.UNKNOWN_FUNCTION, name=name.text, position=name.position)
        self.expect("(")
        args = self.arguments()
        fewest, most = FUNCTIONS[name.text]
        if len(args) < fewest:
            message = errors.AT_LEAST_TWO if fewest == 2 else errors.EXACTLY_ONE
            raise FormulaError(message, name=name.text, position=name.position)
        if most is not None and len(args) > most:
            raise FormulaError(errors.EXACTLY_ONE, name=name.text, position=name.position)
        return Call(name.text, tuple(args))

    def arguments(self) -> list[Node]:
        args: list[Node] = []
        if self.peek().text == ")" and self.peek().kind is Kind.SIGN:
            self.advance()
            return args
        while True:
            args.append(self.expression(0))
            token = self.advance()
            if token.kind is Kind.SIGN and token.text == ")":
                return args
            if token.kind is not Kind.SIGN or token.text != ",":
                raise _unexpected(token)

    def lag(self, name: Token) -> Node:
        parts = self.ahead(5)
        shape = [(t.kind, t.text if t.kind is Kind.SIGN else "") for t in parts]
        expected = [
            (Kind.SIGN, "("),
            (Kind.NAME, ""),
            (Kind.SIGN, ","),
            (Kind.NUMBER, ""),
            (Kind.SIGN, ")"),
        ]
        years = parts[3].text if len(parts) == 5 else ""
        if shape != expected or not years.isdigit() or int(years) < 1:
            raise FormulaError(errors.LAG_ARGUMENTS, position=name.position)
        self.index += 5
        return Lag(parts[1].text, int(years))


def _infix_binding(token: Token) -> int:
    if token.kind in (Kind.SIGN, Kind.KEYWORD):
        return BINDING.get(token.text, 0)
    return 0


def _unexpected(token: Token) -> FormulaError:
    if token.kind is Kind.END:
        return FormulaError(errors.UNEXPECTED_END, position=token.position)
    return FormulaError(errors.UNEXPECTED, token=token.text, position=token.position)
