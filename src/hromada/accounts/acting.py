"""The user a web request acts for, typed as the project's User.

Actions take `by: User | None`, where None is the operator at the command line (a trusted
shell account). A page must never pass None for an anonymous visitor, so it asks here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hromada.accounts.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of the request; PermissionDenied for an anonymous visitor."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
