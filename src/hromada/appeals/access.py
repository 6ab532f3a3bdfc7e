"""Who may see and do what with members' problems, asked in one place."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hromada.accounts import permissions
from hromada.appeals.models import Participation, Problem
from hromada.territories.models import Territory


def can_manage(user: Any) -> bool:
    """Taking problems to government (letters, answers, publishing) is the analysts' work."""
    return permissions.is_analyst(user)


def can_act_for(user: Any, hromada: Territory) -> bool:
    """Raise, join or answer the feedback question for this hromada."""
    return permissions.covers(user, hromada)


def problems_visible_to(user: Any) -> QuerySet[Problem]:
    """Analysts see all; officials and coordinators the problems of hromadas they cover."""
    rows = Problem.objects.select_related("hromada", "section")
    if permissions.has_country_scope(user):
        return rows
    if permissions.scope_of(user) is None:
        return rows.none()
    hromadas = permissions.covered_territories(user, Territory.objects.hromadas())
    return rows.filter(Q(participations__hromada__in=hromadas)).distinct()


def can_see(user: Any, problem: Problem) -> bool:
    return problems_visible_to(user).filter(pk=problem.pk).exists()


def participations_for(user: Any, problem: Problem) -> QuerySet[Participation]:
    """The hromadas of this problem the user may answer for."""
    hromadas = permissions.covered_territories(user, Territory.objects.hromadas())
    return problem.participations.filter(hromada__in=hromadas).select_related("hromada")
