"""Who may do what with surveys. Respondents have no account: their token is their permission.

Analysts design surveys, run waves and see answers; a regional coordinator sees the response
rates of their own oblast; nobody else sees anything but their own questionnaire by its link.
"""

from __future__ import annotations

from typing import Any

from hromada.accounts.models import Role
from hromada.accounts.permissions import is_analyst, role_of


def can_manage_surveys(user: Any) -> bool:
    return is_analyst(user)


def can_see_rates(user: Any) -> bool:
    """Response rates: analysts for the whole country, coordinators for their oblast."""
    return is_analyst(user) or role_of(user) == Role.COORDINATOR


def rates_oblast(user: Any) -> int | None:
    """The oblast a user's view of response rates is limited to; None for the whole country."""
    if is_analyst(user):
        return None
    territory_id: int | None = user.territory_id
    return territory_id
