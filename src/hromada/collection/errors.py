from __future__ import annotations


class CollectionError(Exception):
    """An action refused for a reason the person can act on; the message says which."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
