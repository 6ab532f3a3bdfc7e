"""Creating, revoking and checking API tokens (the write actions and the Bearer check)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.api.models import ApiToken, Scope
from hromada.audit.actions import record_audit
from hromada.territories.models import Level, Territory

TOKEN_PREFIX = "hrm_"  # noqa: S105 - a visible marker, not a secret


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def may_create(by: User | None, user: Any, hromada: Territory | None) -> bool:
    """A person makes tokens for themselves, administrators (and the command line) for anyone;
    either way the token stays within the user's scope: a token without a hromada acts
    country-wide, so only analysts and administrators hold one, and an official or a
    coordinator without a territory of their own holds none."""
    if by is not None and by.pk != user.pk and not permissions.is_administrator(by):
        return False
    if hromada is None:
        return permissions.has_country_scope(user)
    return permissions.covers(user, hromada)


@transaction.atomic
def create_token(
    *, by: User | None, user: Any, name: str, scopes: list[str], hromada: Territory | None = None
) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is not stored and cannot be shown again.

    `by` is the person asking (None for the command line, which runs as the operator)."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(sorted(unknown))}")
    if hromada is not None and hromada.level != Level.HROMADA:
        raise ValueError(f"{hromada.code} is not a hromada")
    if not may_create(by, user, hromada):
        raise PermissionDenied
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        user=user,
        hromada=hromada,
        scopes=sorted(set(scopes)),
        key_hash=digest(secret),
        prefix=secret[:10],
    )
    record_audit(
        action="api.token.create",
        obj=token,
        by=by,
        changes={
            "user": (None, user),
            "scopes": (None, token.scopes),
            "hromada": (None, hromada.code if hromada else None),
        },
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User | None) -> None:
    if by is not None and by.pk != token.user_id and not permissions.is_administrator(by):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_audit(
            action="api.token.revoke",
            obj=token,
            by=by,
            changes={"revoked_at": (None, token.revoked_at)},
        )


def token_for(secret: str) -> ApiToken | None:
    """The active token with this secret, marked as used now; None for unknown or revoked."""
    token = (
        ApiToken.objects.select_related("user", "hromada")
        .filter(key_hash=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        token.last_used_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_for(token)
