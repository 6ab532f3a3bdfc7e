"""Who belongs to a section and who runs it, asked in one place.

A user belongs to a section when a registry person with the user's e-mail is in it; analysts
belong to every section. Chairs (and analysts) manage meetings and documents.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hromada.accounts import permissions
from hromada.members.models import Person, Section
from hromada.workspaces.models import Chair


def persons_of(user: Any) -> QuerySet[Person]:
    email = str(getattr(user, "email", "") or "").strip()
    if not getattr(user, "is_authenticated", False) or not user.is_active or not email:
        return Person.objects.none()
    return Person.objects.filter(email__iexact=email)


def is_member(user: Any, section: Section) -> bool:
    if permissions.is_analyst(user):
        return True
    return persons_of(user).filter(sections=section).exists()


def can_manage(user: Any, section: Section) -> bool:
    if permissions.is_analyst(user):
        return True
    return Chair.objects.filter(section=section, person__in=persons_of(user)).exists()


def can_appoint_chairs(user: Any) -> bool:
    return permissions.is_analyst(user)


def chaired_sections(user: Any) -> QuerySet[Section]:
    return Section.objects.filter(
        pk__in=Chair.objects.filter(person__in=persons_of(user)).values("section_id")
    )


def can_write_news(user: Any) -> bool:
    """Staff write news; so do section chairs, for their sections."""
    return permissions.is_association_staff(user) or chaired_sections(user).exists()


def can_moderate_news(user: Any) -> bool:
    return permissions.is_analyst(user)
