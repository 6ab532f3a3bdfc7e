"""Every change to news: writing (body sanitised), submitting, publishing, returning.

Each action checks permission first, validates, writes in one transaction and records one
audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.lib import documents
from hromada.members.models import Section
from hromada.territories.models import Territory
from hromada.workspaces import access
from hromada.workspaces.actions import check_document
from hromada.workspaces.models import NewsFile, NewsItem, NewsState

# What a news body may hold: text structure, links, images and tables; no scripts, styles,
# frames or event handlers.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "h2", "h3", "h4", "ul", "ol", "li",
    "blockquote", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


@dataclass(frozen=True)
class NewsInput:
    title: str
    lead: str
    body: str
    title_en: str = ""
    lead_en: str = ""
    body_en: str = ""
    tags: str = ""
    section: Section | None = None
    oblast: Territory | None = None


def _check_scope(data: NewsInput, by: Any) -> None:
    """Staff other than analysts write for their own oblast; chairs for their sections."""
    if permissions.is_analyst(by):
        return
    scope = permissions.scope_of(by)
    if data.oblast is not None and (scope is None or data.oblast.pk != scope.pk):
        raise ValidationError(_("You may write news only for your own oblast."))
    if data.section is not None and not access.chaired_sections(by).filter(pk=data.section.pk):
        raise ValidationError(
            _("You may write news only for a section you chair, not for %(section)s.")
            % {"section": data.section.name}
        )
    if not permissions.is_association_staff(by) and data.section is None:
        raise ValidationError(_("Choose the section this news item is from."))


def is_author(item: NewsItem, user: Any) -> bool:
    """Anonymous visitors and items whose author left are nobody's: both ids would be None."""
    return getattr(user, "is_authenticated", False) and item.author_id == user.pk


def can_edit(item: NewsItem, by: Any) -> bool:
    if permissions.is_analyst(by):
        return True
    return is_author(item, by) and item.state == NewsState.DRAFT


def save_news(data: NewsInput, *, by: Any, item: NewsItem | None = None) -> NewsItem:
    if not access.can_write_news(by):
        raise PermissionDenied(_("Only staff and section chairs write news."))
    if item is not None and not can_edit(item, by):
        raise PermissionDenied(_("Only a draft may be changed by its author."))
    _check_scope(data, by)
    cleaned = {f.name: getattr(data, f.name) for f in fields(NewsInput)} | {
        "body": sanitise(data.body),
        "body_en": sanitise(data.body_en),
    }
    if not data.title.strip() or not data.lead.strip() or not cleaned["body"]:
        raise ValidationError(_("A news item needs a title, a lead and a body."))
    if data.body_en.strip() and not data.title_en.strip():
        raise ValidationError(_("The English version needs a title too."))
    with transaction.atomic():
        if item is None:
            item = NewsItem(author=by)
            before: dict[str, object] = dict.fromkeys(cleaned)
            verb = "create"
        else:
            item = NewsItem.objects.select_for_update().get(pk=item.pk)
            before = {name: getattr(item, name) for name in cleaned}
            verb = "update"
        for name, value in cleaned.items():
            setattr(item, name, value)
        item.save()
        record_audit(
            action=f"workspaces.news.{verb}",
            obj=item,
            by=by,
            changes={name: (before[name], cleaned[name]) for name in cleaned},
        )
    return item


def _move(item: NewsItem, to: str, *, by: Any, reason: str = "", **extra: object) -> NewsItem:
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().get(pk=item.pk)
        before = item.state
        item.state = to
        for name, value in extra.items():
            setattr(item, name, value)
        item.save()
        record_audit(
            action=f"workspaces.news.{to}",
            obj=item,
            by=by,
            changes={"state": (before, to)} | {k: (None, v) for k, v in extra.items()},
            reason=reason,
        )
    return item


def submit_news(item: NewsItem, *, by: Any) -> NewsItem:
    if not is_author(item, by) and not permissions.is_analyst(by):
        raise PermissionDenied(_("Only the author submits a news item."))
    if item.state != NewsState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    return _move(item, NewsState.SUBMITTED, by=by)


def publish_news(item: NewsItem, *, by: Any, publish_at: dt.datetime | None = None) -> NewsItem:
    """Publish now, or from a moment in the future: until then the item stays hidden."""
    if not access.can_moderate_news(by):
        raise PermissionDenied(_("Only analysts publish news."))
    if item.state == NewsState.PUBLISHED:
        raise ValidationError(_("This news item is already published."))
    return _move(item, NewsState.PUBLISHED, by=by, publish_at=publish_at or timezone.now())


def return_news(item: NewsItem, *, by: Any, reason: str) -> NewsItem:
    """Send an item back to its author as a draft, saying why; also withdraws a published one."""
    if not access.can_moderate_news(by):
        raise PermissionDenied(_("Only analysts publish news."))
    if not reason.strip():
        raise ValidationError(_("Say why the news item goes back to its author."))
    return _move(item, NewsState.DRAFT, by=by, reason=reason.strip(), publish_at=None)


def attach_file(item: NewsItem, *, title: str, file_name: str, content: bytes, by: Any) -> NewsFile:
    """An image or file for the item, added by whoever may change it (its author while it is
    a draft, analysts)."""
    if not can_edit(item, by):
        raise PermissionDenied(_("Only a draft may be changed by its author."))
    file_name = documents.clean_file_name(file_name)
    content_type = check_document(file_name, content)
    with transaction.atomic():
        attached = NewsFile.objects.create(
            item=item,
            title=title.strip() or file_name,
            file_name=file_name,
            content_type=content_type,
            size=len(content),
            content=content,
            uploaded_by=by,
        )
        record_audit(
            action="workspaces.news.attach",
            obj=item,
            by=by,
            changes={"files": (None, file_name)},
        )
    return attached
