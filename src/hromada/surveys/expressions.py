"""The XLSForm expressions a questionnaire may use, parsed and evaluated safely (never `eval`).

The subset: numbers, quoted strings, `.` (the question's own answer), `${name}` references,
comparisons (= != < <= > >=), arithmetic (+ - * div mod), `and`, `or`, parentheses and the
functions not(), selected(), count-selected(), string-length(), true(), false(). Anything else
is refused when the form is uploaded, with the expression named in the message.

Answers are strings as a browser sends them (a multiple choice is its names joined by spaces,
as in XForms); a comparison with a number compares numbers, and an empty answer compares false.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Value = str | float | bool

TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<ref>\$\{[A-Za-z_][\w.\-]*\})
    | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<dot>\.)
    | (?P<word>[A-Za-z_][\w\-]*)
    )""",
    re.VERBOSE,
)
WORD_OPERATORS = {"and", "or", "div", "mod"}
FUNCTIONS: dict[str, tuple[int, int]] = {  # name: (fewest, most) arguments
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
}


class ExpressionError(Exception):
    """The expression uses something outside the supported subset; `detail` says what."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Node:
    kind: str  # number, string, ref, dot, call, binary, negate
    value: str = ""
    children: tuple[Node, ...] = ()


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(text[position:].strip()[:20])
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def expect(self, value: str) -> None:
        _kind, text = self.take()
        if text != value:
            raise ExpressionError(text or value)

    def binary(self, operators: set[str], lower: Callable[[], Node]) -> Node:
        node = lower()
        while self.peek()[1] in operators and self.peek()[0] in {"op", "word"}:
            operator = self.take()[1]
            node = Node("binary", operator, (node, lower()))
        return node

    def expression(self) -> Node:
        return self.binary({"or"}, self.conjunction)

    def conjunction(self) -> Node:
        return self.binary({"and"}, self.comparison)

    def comparison(self) -> Node:
        return self.binary({"=", "!=", "<", "<=", ">", ">="}, self.sum)

    def sum(self) -> Node:
        return self.binary({"+", "-"}, self.product)

    def product(self) -> Node:
        return self.binary({"*", "div", "mod"}, self.unary)

    def unary(self) -> Node:
        if self.peek() == ("op", "-"):
            self.take()
            return Node("negate", children=(self.unary(),))
        return self.primary()

    def primary(self) -> Node:
        kind, text = self.take()
        if kind in {"number", "dot"}:
            return Node(kind, text)
        if kind == "string":
            return Node("string", text[1:-1])
        if kind == "ref":
            return Node("ref", text[2:-1])
        if text == "(":
            node = self.expression()
            self.expect(")")
            return node
        if kind == "word" and text not in WORD_OPERATORS:
            return self.call(text)
        raise ExpressionError(text or "…")

    def call(self, name: str) -> Node:
        if name not in FUNCTIONS:
            raise ExpressionError(name)
        self.expect("(")
        arguments: list[Node] = []
        if self.peek()[1] != ")":
            arguments.append(self.expression())
            while self.peek()[1] == ",":
                self.take()
                arguments.append(self.expression())
        self.expect(")")
        fewest, most = FUNCTIONS[name]
        if not fewest <= len(arguments) <= most:
            raise ExpressionError(f"{name}()")
        return Node("call", name, tuple(arguments))


MAX_LENGTH = 1000


def parse(text: str) -> Node:
    """The expression's tree; ExpressionError names the first thing outside the subset."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(text[:20] + "…")
    parser = _Parser(text)
    try:
        node = parser.expression()
    except RecursionError as error:  # a hostile file nesting brackets thousands deep
        raise ExpressionError("(((…") from error
    if parser.peek()[0] != "end":
        raise ExpressionError(parser.peek()[1])
    return node


def references(node: Node) -> set[str]:
    """The question names `${…}` an expression reads."""
    found = {node.value} if node.kind == "ref" else set()
    for child in node.children:
        found |= references(child)
    return found


def _number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(value) if value.strip() else math.nan
    except ValueError:
        return math.nan


def truth(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not math.isnan(value) and value != 0
    return value != ""


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:g}"
    return value


def _compare(operator: str, left: Value, right: Value) -> bool:
    if isinstance(left, float | bool) or isinstance(right, float | bool) or operator[0] in "<>":
        a, b = _number(left), _number(right)
        if math.isnan(a) or math.isnan(b):
            return False
    else:
        a, b = _text(left), _text(right)  # type: ignore[assignment]
    return {
        "=": a == b,
        "!=": a != b,
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
    }[operator]


def _arithmetic(operator: str, left: Value, right: Value) -> float:
    a, b = _number(left), _number(right)
    if operator in {"div", "mod"} and b == 0:
        return math.nan
    return {"+": a + b, "-": a - b, "*": a * b, "div": a / b if b else math.nan,
            "mod": math.fmod(a, b) if b else math.nan}[operator]  # fmt: skip


def _call(name: str, arguments: list[Value]) -> Value:
    if name == "not":
        return not truth(arguments[0])
    if name == "selected":
        return _text(arguments[1]) in _text(arguments[0]).split()
    if name == "count-selected":
        return float(len(_text(arguments[0]).split()))
    if name == "string-length":
        return float(len(_text(arguments[0])))
    return name == "true"


def evaluate(node: Node, answers: Mapping[str, Value], own: Value = "") -> Value:
    """The value of a parsed expression given the answers by name and the question's own."""
    if node.kind == "number":
        return float(node.value)
    if node.kind == "string":
        return node.value
    if node.kind == "dot":
        return own
    if node.kind == "ref":
        return answers.get(node.value, "")
    if node.kind == "negate":
        return -_number(evaluate(node.children[0], answers, own))
    if node.kind == "call":
        return _call(node.value, [evaluate(child, answers, own) for child in node.children])
    left = evaluate(node.children[0], answers, own)
    if node.value == "and":
        return truth(left) and truth(evaluate(node.children[1], answers, own))
    if node.value == "or":
        return truth(left) or truth(evaluate(node.children[1], answers, own))
    right = evaluate(node.children[1], answers, own)
    if node.value in {"=", "!=", "<", "<=", ">", ">="}:
        return _compare(node.value, left, right)
    return _arithmetic(node.value, left, right)


def holds(text: str, answers: Mapping[str, Value], own: Value = "") -> bool:
    """Whether a (relevance or constraint) expression is true; an empty one always is."""
    return True if not text.strip() else truth(evaluate(parse(text), answers, own))


def value_of(text: str, answers: Mapping[str, Value]) -> str:
    """A calculation's result as the text stored with the answers."""
    return _text(evaluate(parse(text), answers))
