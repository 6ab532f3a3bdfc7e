"""Changing partner projects. Analysts record them; every change writes one audit entry.

Memberships of international bodies and partner organisations are reference rows kept in
the admin site, whose changes the admin's audit mixin records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.lib import documents
from hromada.members.models import Section
from hromada.territories.models import Territory
from hromada.workspaces.actions import check_document
from hromada.workspaces.models import NewsItem, Partner, Project, ProjectDocument

PROJECT_FIELDS = [
    "title_uk",
    "title_en",
    "summary_uk",
    "summary_en",
    "programme",
    "starts_on",
    "ends_on",
    "results",
    "url",
    "is_published",
]
PROJECT_LINKS = ["partners", "funders", "hromadas", "sections", "news"]


@dataclass
class ProjectInput:
    title_uk: str
    summary_uk: str
    starts_on: dt.date
    title_en: str = ""
    summary_en: str = ""
    programme: str = ""
    ends_on: dt.date | None = None
    results: str = ""
    url: str = ""
    is_published: bool = False
    partners: list[Partner] = field(default_factory=list)
    funders: list[Partner] = field(default_factory=list)
    hromadas: list[Territory] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)


def can_manage_projects(user: Any) -> bool:
    return permissions.is_analyst(user)


def _require(by: Any) -> None:
    if not can_manage_projects(by):
        raise PermissionDenied(_("Only analysts record partner projects."))


def _links(project: Project) -> dict[str, list[str]]:
    return {
        name: sorted(str(row) for row in getattr(project, name).all()) for name in PROJECT_LINKS
    }


def save_project(data: ProjectInput, *, by: Any, project: Project | None = None) -> Project:
    _require(by)
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise ValidationError(_("A project cannot end before it starts."))
    with transaction.atomic():
        creating = project is None
        project = project or Project()
        before = {name: getattr(project, name) for name in PROJECT_FIELDS}
        before_links = {name: [] for name in PROJECT_LINKS} if creating else _links(project)
        for name in PROJECT_FIELDS:
            setattr(project, name, getattr(data, name))
        project.save()
        for name in PROJECT_LINKS:
            getattr(project, name).set(getattr(data, name))
        after_links = _links(project)
        changes: dict[str, tuple[object, object]] = {
            name: (None if creating else before[name], getattr(data, name))
            for name in PROJECT_FIELDS
        }
        changes.update({name: (before_links[name], after_links[name]) for name in PROJECT_LINKS})
        record_audit(
            action="workspaces.project.create" if creating else "workspaces.project.update",
            obj=project,
            by=by,
            changes=changes,
        )
    return project


def upload_project_document(
    project: Project, *, title: str, file_name: str, content: bytes, by: Any
) -> ProjectDocument:
    _require(by)
    file_name = documents.clean_file_name(file_name)
    content_type = check_document(file_name, content)
    with transaction.atomic():
        document = ProjectDocument.objects.create(
            project=project,
            title=title.strip() or file_name,
            file_name=file_name,
            content_type=content_type,
            size=len(content),
            content=content,
            uploaded_by=by,
        )
        record_audit(
            action="workspaces.project_document.upload",
            obj=document,
            by=by,
            changes={"file_name": (None, file_name), "project": (None, str(project))},
        )
    return document


def delete_project_document(document: ProjectDocument, *, by: Any) -> None:
    _require(by)
    with transaction.atomic():
        record_audit(
            action="workspaces.project_document.delete",
            obj=document,
            by=by,
            changes={"file_name": (document.file_name, None)},
        )
        document.delete()
