"""Walk every URL pattern of the project, and check a response against an expected outcome.

The table of decisions lives in tests/test_permission_matrix.py; this is the machinery.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation

from tests.conftest import Personas

ROLES = ("anonymous", "outsider", "official", "coordinator", "analyst", "administrator")


class Outcome(Enum):
    ALLOWED = "200 OK"
    LOGIN = "redirect to the sign-in page"
    ADMIN_LOGIN = "redirect to the admin's sign-in page"
    REDIRECT = "redirect elsewhere"
    FORBIDDEN = "403 Forbidden"
    NOT_FOUND = "404 Not Found"
    NOT_ALLOWED = "405 Method Not Allowed"


Kwargs = Callable[[Personas], dict[str, str]]


@dataclass(frozen=True)
class Rule:
    """What a GET answers to each role; `kwargs` builds the URL's arguments (may create data)."""

    anonymous: Outcome
    outsider: Outcome
    official: Outcome
    coordinator: Outcome
    analyst: Outcome
    administrator: Outcome
    kwargs: Kwargs | None = None

    def expected(self, role: str) -> Outcome:
        outcome: Outcome = getattr(self, role)
        return outcome


def rule(default: Outcome, *, kwargs: Kwargs | None = None, **roles: Outcome) -> Rule:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise TypeError(f"unknown roles {sorted(unknown)}; the roles are {ROLES}")
    return Rule(**{role: roles.get(role, default) for role in ROLES}, kwargs=kwargs)


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    parameters: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:") or self.route.startswith("admin/")


def _parameters(pattern: object) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def _walk(
    entries: Iterable[URLPattern | URLResolver], namespace: str, route: str, params: tuple[str, ...]
) -> Iterator[Pattern]:
    for entry in entries:
        here = route + str(entry.pattern)
        found = params + _parameters(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from _walk(entry.url_patterns, inner, here, found)
        else:
            name = ":".join(filter(None, [namespace, entry.name or ""])) if entry.name else ""
            yield Pattern(name=name, route=here, parameters=found)


def project_patterns() -> list[Pattern]:
    """Every pattern, with its route as seen in the default language (no /en/ prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        return list(_walk(get_resolver().url_patterns, "", "", ()))


def sample_path(pattern: Pattern, kwargs: dict[str, str]) -> str:
    """A path that the pattern matches, with each parameter taken from kwargs."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], pattern.route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "")


_BY_STATUS = {
    200: Outcome.ALLOWED,
    403: Outcome.FORBIDDEN,
    404: Outcome.NOT_FOUND,
    405: Outcome.NOT_ALLOWED,
}


def problem(response: HttpResponseBase, expected: Outcome, login: str, admin_login: str) -> str:
    """Why the response does not match the expected outcome; empty when it does."""
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302):
        if location.startswith(login + "?"):
            actual = Outcome.LOGIN
        elif location.startswith(admin_login + "?"):
            actual = Outcome.ADMIN_LOGIN
        else:
            actual = Outcome.REDIRECT
    elif status in _BY_STATUS:
        actual = _BY_STATUS[status]
    else:
        return f"expected {expected.value}, got status {status}"
    if actual == expected:
        return ""
    where = f" to {location}" if location else ""
    return f"expected {expected.value}, got {actual.value}{where}"


def skeleton(pattern: Pattern) -> str:
    """The line to complete and paste into MATRIX for a pattern that has no decision yet."""
    args = ""
    if pattern.parameters:
        inner = ", ".join(f'"{p}": ...' for p in pattern.parameters)
        args = f", kwargs=lambda p: {{{inner}}}"
    return f'    "{pattern.key}": rule(...{args}),  # /{pattern.route}'


HOW_TO_ADD = (
    "Add to MATRIX in tests/test_permission_matrix.py, completing each rule as\n"
    "rule(<outcome for most roles>, <role>=<outcome>, ..., kwargs=lambda p: {...}) with\n"
    f"outcomes {', '.join(o.name for o in Outcome)}\nand roles {', '.join(ROLES)}"
    " (p: the personas of tests/conftest.py):\n"
)
