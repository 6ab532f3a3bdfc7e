"""Where the SECRET_KEY comes from when the environment gives none."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 32
DEVELOPMENT_KEY = "django-insecure-hromada-development-only-key-never-use-in-production"


def resolve_secret_key(given: str, *, debug: bool, data_dir: Path) -> str:
    """Return the key to use, refusing a weak one outside development.

    With no key given, a random one is created once in the data folder, so that a
    zero-configuration instance is still safe and sessions survive restarts.
    """
    if given:
        if not debug and (len(given) < MIN_LENGTH or given.startswith("django-insecure")):
            raise ImproperlyConfigured(
                f"SECRET_KEY is too weak: give at least {MIN_LENGTH} random characters."
            )
        return given
    if debug:
        return DEVELOPMENT_KEY
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
