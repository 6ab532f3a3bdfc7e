"""Where the SECRET_KEY comes from when the environment gives none."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from django.core.checks.security.base import (
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

# The same bounds as `check --deploy`, so a key accepted here never warns there.
MIN_LENGTH = SECRET_KEY_MIN_LENGTH
MIN_DISTINCT = SECRET_KEY_MIN_UNIQUE_CHARACTERS
DEVELOPMENT_KEY = "django-insecure-hromada-development-only-key-never-use-in-production"


def resolve_secret_key(given: str, *, debug: bool, data_dir: Path) -> str:
    """Return the key to use, refusing a weak one outside development.

    With no key given, a random one is created once in the data folder, so that a
    zero-configuration instance is still safe and sessions survive restarts.
    """
    if given:
        if not debug:
            refuse_weak(given)
        return given
    if debug:
        return DEVELOPMENT_KEY
    return kept_key(data_dir / "secret_key")


def refuse_weak(key: str) -> None:
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_DISTINCT or key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak: give at least {MIN_LENGTH} random characters "
            f"(at least {MIN_DISTINCT} different ones)."
        )


def kept_key(key_file: Path) -> str:
    """The key in `key_file`, created on first use by exactly one of the processes starting.

    Several workers start at once: each writes a candidate to a private temporary file and
    tries to hard-link it into place. Linking fails when the name exists, so the first link
    wins and every process, the losers included, reads the one complete file.
    """
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        descriptor, candidate = tempfile.mkstemp(dir=key_file.parent, prefix=".secret_key.")
        try:
            with os.fdopen(descriptor, "w") as out:  # mkstemp creates it with mode 0600
                out.write(secrets.token_urlsafe(50))
            os.link(candidate, key_file)
        except FileExistsError:
            pass  # another process won; its key is the one
        finally:
            os.unlink(candidate)
    key = key_file.read_text().strip()
    refuse_weak(key)
    return key
