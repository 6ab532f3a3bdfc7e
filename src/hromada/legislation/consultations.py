"""Consulting members on a bill's articles, and consolidating their comments into a position.

Who may comment is decided here, in one place: an official of an active member hromada that the
consultation is addressed to (all members, the hromadas of one oblast, or the people of one
professional section), while the consultation is open. Every change records one audit entry;
invitations go out by e-mail through the task queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.accounts.models import Role, User
from hromada.audit.actions import record_audit
from hromada.legislation.actions import require_analyst, save_position
from hromada.legislation.models import (
    Article,
    Audience,
    Bill,
    Comment,
    Consultation,
    Opinion,
    Position,
    Subject,
)
from hromada.legislation.search import refresh_body
from hromada.members.models import MembershipStatus, Person, Section
from hromada.territories.models import Level, Territory

ARTICLE_MARK = "##"  # a line starting with it begins a new article in the pasted draft


@dataclass(frozen=True)
class ArticleText:
    label: str
    text: str


def split_articles(text: str) -> list[ArticleText]:
    """The draft pasted as text: each article starts with a line `## Стаття 64`."""
    articles: list[ArticleText] = []
    label, lines = "", list[str]()
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(ARTICLE_MARK):
            if label:
                articles.append(ArticleText(label, "\n".join(lines).strip()))
            label, lines = line[len(ARTICLE_MARK) :].strip()[:200], []
        elif label:
            lines.append(line)
        elif line.strip():
            raise ValidationError(
                _(
                    "Begin each article with a line starting with %(mark)s, "
                    "e.g. “%(mark)s Стаття 1”."
                )
                % {"mark": ARTICLE_MARK}
            )
    if label:
        articles.append(ArticleText(label, "\n".join(lines).strip()))
    if not articles:
        raise ValidationError(_("The draft has no articles."))
    empty = [a.label for a in articles if not a.text]
    if empty:
        raise ValidationError(
            _("These articles have no text: %(labels)s.") % {"labels": ", ".join(empty)}
        )
    return articles


def _check_audience(audience: str, section: Section | None, oblast: Territory | None) -> None:
    if audience == Audience.SECTION and section is None:
        raise ValidationError(_("Choose the section the consultation is addressed to."))
    if audience == Audience.OBLAST and (oblast is None or oblast.level != Level.OBLAST):
        raise ValidationError(_("Choose the oblast the consultation is addressed to."))


def open_consultation(
    bill: Bill,
    *,
    by: Any,
    title: str,
    question: str,
    opens_on: dt.date,
    closes_on: dt.date,
    audience: str,
    section: Section | None,
    oblast: Territory | None,
    articles: Sequence[ArticleText],
) -> Consultation:
    """A new consultation with its articles; invitations are e-mailed once it is open."""
    require_analyst(by)
    if closes_on < opens_on:
        raise ValidationError(_("A consultation cannot close before it opens."))
    _check_audience(audience, section, oblast)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            bill=bill,
            title=title,
            question=question,
            opens_on=opens_on,
            closes_on=closes_on,
            audience=audience,
            section=section if audience == Audience.SECTION else None,
            oblast=oblast if audience == Audience.OBLAST else None,
        )
        Article.objects.bulk_create(
            Article(consultation=consultation, order=n, label=a.label, text=a.text)
            for n, a in enumerate(articles, start=1)
        )
        refresh_body(bill)  # the draft's words are found by the bill search from now on
        record_audit(
            action="legislation.consultation.open",
            obj=consultation,
            by=by,
            changes={
                "bill": ("", bill.number),
                "audience": ("", audience),
                "closes_on": (None, closes_on),
                "articles": (0, len(articles)),
            },
        )
        if opens_on <= timezone.localdate():
            transaction.on_commit(lambda: queue_invitations(consultation, by=by))
    return consultation


def queue_invitations(consultation: Consultation, *, by: Any) -> None:
    from hromada.jobs.actions import start_job
    from hromada.legislation.tasks import send_consultation_invitations

    start_job(
        send_consultation_invitations,
        consultation.pk,
        by=by,
        label=_("Invitations to the consultation “%(title)s”") % {"title": consultation.title},
    )


def send_due_invitations(*, by: Any = None) -> int:
    """Queue the invitations of consultations that opened since they were made (daily run)."""
    due = Consultation.objects.filter(
        invited_at__isnull=True,
        opens_on__lte=timezone.localdate(),
        closes_on__gte=timezone.localdate(),
    )
    count = 0
    for consultation in due:
        queue_invitations(consultation, by=by)
        count += 1
    return count


def _section_emails(section: Section) -> QuerySet[Person]:
    return Person.objects.filter(sections=section).exclude(email="")


def audience_users(consultation: Consultation) -> QuerySet[User]:
    """Officials of active member hromadas the consultation is addressed to."""
    users = User.objects.filter(
        is_active=True,
        role=Role.OFFICIAL,
        territory__membership__status=MembershipStatus.ACTIVE,
    )
    if consultation.audience == Audience.OBLAST:
        users = users.filter(territory__oblast_id=consultation.oblast_id)
    elif consultation.audience == Audience.SECTION and consultation.section is not None:
        emails = [
            e.lower() for e in _section_emails(consultation.section).values_list("email", flat=True)
        ]
        users = users.filter(email__in=emails) if emails else users.none()
    return users.exclude(email="").order_by("pk")


def is_open(consultation: Consultation, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return consultation.opens_on <= today <= consultation.closes_on


def why_not_comment(user: Any, consultation: Consultation) -> str:
    """Empty when `user` may comment now; otherwise the reason, for the page."""
    today = timezone.localdate()
    if today < consultation.opens_on:
        return _("The consultation has not opened yet.")
    if today > consultation.closes_on:
        return _("The consultation is closed.")
    if not getattr(user, "is_authenticated", False):
        return _("Sign in as an official of a member hromada to comment.")
    if permissions.role_of(user) != Role.OFFICIAL or user.territory_id is None:
        return _("Only officials of member hromadas comment in consultations.")
    if not audience_users(consultation).filter(pk=user.pk).exists():
        return _("This consultation is addressed to other members.")
    return ""


def add_comment(article: Article, *, by: Any, opinion: str, text: str, wording: str) -> Comment:
    consultation = article.consultation
    reason = why_not_comment(by, consultation)
    if reason:
        raise PermissionDenied(reason)
    text, wording = text.strip(), wording.strip()
    if opinion not in Opinion.values:
        raise ValidationError(_("Choose whether you support, object or propose wording."))
    if opinion == Opinion.WORDING and not wording:
        raise ValidationError(_("Write the wording you propose."))
    if opinion == Opinion.OBJECT and not text:
        raise ValidationError(_("Say why you object."))
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            author=by,
            hromada_id=by.territory_id,
            opinion=opinion,
            text=text,
            wording=wording,
        )
        record_audit(
            action="legislation.consultation.comment",
            obj=comment,
            by=by,
            object_repr=f"{consultation} — {article.label}"[:200],
            changes={"opinion": ("", opinion)},
        )
    return comment


@dataclass(frozen=True)
class ArticleTally:
    article: Article
    support: int
    object: int
    wording: int
    comments: list[Comment]


def tally(consultation: Consultation) -> list[ArticleTally]:
    """Each article with its counts and comments (two queries)."""
    articles = list(
        consultation.articles.annotate(
            n_support=Count("comments", filter=Q(comments__opinion=Opinion.SUPPORT)),
            n_object=Count("comments", filter=Q(comments__opinion=Opinion.OBJECT)),
            n_wording=Count("comments", filter=Q(comments__opinion=Opinion.WORDING)),
        )
    )
    comments: dict[int, list[Comment]] = {a.pk: [] for a in articles}
    rows = Comment.objects.filter(article__consultation=consultation).select_related("hromada")
    for comment in rows:
        comments[comment.article_id].append(comment)
    return [
        ArticleTally(
            a,
            a.n_support,
            a.n_object,
            a.n_wording,
            comments[a.pk],
        )
        for a in articles
    ]


def proposed_wording(consultation: Consultation, comment_ids: Sequence[int]) -> str:
    """The chosen comments' wordings, article by article, as a start for the position."""
    chosen = (
        Comment.objects.filter(article__consultation=consultation, pk__in=comment_ids)
        .exclude(wording="")
        .select_related("article", "hromada")
        .order_by("article__order", "pk")
    )
    blocks = [f"{c.article.label}: {c.wording} ({c.hromada.name})" for c in chosen]
    return "\n\n".join(blocks)


def consolidate(
    consultation: Consultation,
    *,
    by: Any,
    values: dict[str, Any],
    subjects: list[Subject],
    comment_ids: Sequence[int],
) -> Position:
    """The comments taken into account become the association's position (a new version of
    the one already consolidated, so earlier texts stay in its history)."""
    require_analyst(by)
    if is_open(consultation):
        raise ValidationError(_("Consolidate the comments once the consultation has closed."))
    with transaction.atomic():
        position = save_position(
            consultation.position,
            by=by,
            values={**values, "bill": consultation.bill},
            subjects=subjects,
            reason=_("Consolidated from the consultation “%(title)s”")
            % {"title": consultation.title},
        )
        comments = Comment.objects.filter(article__consultation=consultation)
        comments.update(taken_into_account=False)
        taken = comments.filter(pk__in=comment_ids).update(taken_into_account=True)
        before = consultation.position_id
        consultation.position = position
        consultation.save(update_fields=["position"])
        record_audit(
            action="legislation.consultation.consolidate",
            obj=consultation,
            by=by,
            changes={"position": (before, position.pk), "comments taken": (0, taken)},
        )
    return position


def consultations_visible_to(user: Any) -> QuerySet[Consultation]:
    """Analysts see every consultation; members and visitors see those that have opened."""
    rows = Consultation.objects.select_related("bill", "section", "oblast", "position")
    if permissions.is_analyst(user):
        return rows
    return rows.filter(opens_on__lte=timezone.localdate())


def open_consultations() -> QuerySet[Consultation]:
    today = timezone.localdate()
    return Consultation.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related(
        "bill", "section", "oblast"
    )


def closing_between(start: dt.date, end: dt.date) -> QuerySet[Consultation]:
    """Open consultations that close within [start, end] (the weekly digest reads this)."""
    return (
        Consultation.objects.filter(opens_on__lte=end, closes_on__gte=start, closes_on__lte=end)
        .select_related("bill", "section", "oblast")
        .order_by("closes_on", "pk")
    )


def addressed_to_person(rows: QuerySet[Consultation], person: Person) -> QuerySet[Consultation]:
    """Those of `rows` addressed to a registry person (by hromada's oblast and sections)."""
    audience = Q(audience=Audience.ALL)
    if person.hromada is not None:
        audience |= Q(audience=Audience.OBLAST, oblast_id=person.hromada.oblast_id)
    audience |= Q(audience=Audience.SECTION, section__in=person.sections.all())
    return rows.filter(audience).distinct()


def closing_for_person(person: Person, today: dt.date) -> QuerySet[Consultation]:
    """Consultations addressed to `person` that are open today and close by this week's Sunday
    (the weekly digest of workspaces reads this)."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return addressed_to_person(closing_between(today, sunday), person)
