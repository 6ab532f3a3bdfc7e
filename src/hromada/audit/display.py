"""Audit entries as people read them: a translated name for the action, fields and values.

The log stores codes and raw values (`collection.submission.submit`, `"draft"`); each room
that shows its history hands in what its codes and values mean, so the audit app needs to
know nothing about the rooms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Choices
from django.utils.functional import Promise

from hromada.audit.models import AuditEntry


@dataclass(frozen=True)
class ChangeLine:
    field: str  # the field's name in the reader's language
    old: str
    new: str


@dataclass(frozen=True)
class AuditLine:
    entry: AuditEntry
    action: str  # what was done, in the reader's language (the code when unknown)
    changes: list[ChangeLine]


@dataclass(frozen=True)
class Vocabulary:
    """What a room's codes mean: action codes, field names, and the choices of coded fields."""

    actions: Mapping[str, str | Promise] = field(default_factory=dict)
    fields: Mapping[str, str | Promise] = field(default_factory=dict)
    choices: Mapping[str, type[Choices]] = field(default_factory=dict)


# Vocabularies rooms hand in for the whole log (`/audit/`), by the action prefix they explain.
_REGISTERED: dict[str, Vocabulary] = {}


def register_vocabulary(prefix: str, vocabulary: Vocabulary) -> None:
    """Let the audit log page read a room's actions (`collection.`) in the reader's language;
    a room calls this from its AppConfig.ready()."""
    _REGISTERED[prefix] = vocabulary


def vocabulary_for(action: str) -> Vocabulary:
    """The registered vocabulary of the longest prefix of `action` (an empty one if none)."""
    matches = [prefix for prefix in _REGISTERED if action.startswith(prefix)]
    return _REGISTERED[max(matches, key=len)] if matches else Vocabulary()


def readable_log(entries: Iterable[AuditEntry]) -> list[AuditLine]:
    """Entries of any room, each read with its room's registered vocabulary."""
    return [readable([entry], vocabulary_for(entry.action))[0] for entry in entries]


def _value(value: object, choices: type[Choices] | None) -> str:
    if value is None or value == "":
        return "—"
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def readable(entries: Iterable[AuditEntry], vocabulary: Vocabulary) -> list[AuditLine]:
    lines = []
    for entry in entries:
        changes = [
            ChangeLine(
                field=str(vocabulary.fields.get(name, name)),
                old=_value(pair[0], vocabulary.choices.get(name)),
                new=_value(pair[1], vocabulary.choices.get(name)),
            )
            for name, pair in entry.changes.items()
        ]
        action = str(vocabulary.actions.get(entry.action, entry.action))
        lines.append(AuditLine(entry=entry, action=action, changes=changes))
    return lines
