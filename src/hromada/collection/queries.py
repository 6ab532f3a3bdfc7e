"""Read logic of the collection: the questionnaire as an official sees it, and its flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from hromada.accounts import permissions
from hromada.collection.entry_actions import version_of
from hromada.collection.models import Campaign, Item, Section, Submission, ValueNote
from hromada.collection.validation import Flag, Override, run_checks
from hromada.collection.validation.verdict import Answer, Verdict, check_answers, reason_flags
from hromada.indicators.models import Observation
from hromada.territories.models import Territory

SEXES = ("f", "m")


@dataclass
class Part:
    """The value for women ("f") or for men ("m") of a by-sex indicator."""

    sex: str
    value: float | None = None
    missing: str = ""
    last_year: float | None = None
    last_year_missing: str = ""


@dataclass
class Row:
    item: Item
    value: float | None = None
    missing: str = ""
    status: str = ""
    last_year: float | None = None
    last_year_missing: str = ""
    comment: str = ""
    return_note: str = ""
    flags: list[Flag] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)  # women, men (by-sex indicators only)

    @property
    def code(self) -> str:
        return self.item.indicator.code

    @property
    def version(self) -> str:
        """The stored state the page shows; the autosave sends it back (see save_answer_parts)."""
        shown = [(self.value, self.missing), *((p.value, p.missing) for p in self.parts)]
        return version_of(shown)

    @property
    def has_error(self) -> bool:
        return any(f.is_error for f in self.flags)

    @property
    def has_warning(self) -> bool:
        return any(not f.is_error for f in self.flags)

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.missing


@dataclass
class Block:
    section: Section
    rows: list[Row]


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.all()
    if permissions.has_country_scope(user):
        return campaigns
    scope = permissions.scope_of(user)
    if scope is None:
        return campaigns.none()
    return campaigns.filter(submissions__territory__in=_scope_territories(user)).distinct()


def _scope_territories(user: Any) -> Any:
    return permissions.covered_territories(user, Territory.objects.all()).values("pk")


def submission_of(campaign: Campaign, code: str) -> Submission | None:
    return (
        Submission.objects.select_related("campaign", "territory", "territory__oblast")
        .filter(campaign=campaign, territory__code=code)
        .first()
    )


def questionnaire(submission: Submission, *, with_flags: bool = True) -> list[Block]:
    """The submission's sections and rows: values, last year's, notes and flags."""
    campaign = submission.campaign
    items = list(campaign.items.select_related("indicator", "section"))
    stored = Observation.all_objects.filter(
        territory_id=submission.territory_id,
        indicator_id__in=[i.indicator_id for i in items],
        year__in=(campaign.year - 1, campaign.year),
    ).values_list("indicator_id", "year", "sex", "value", "missing", "status")
    current: dict[int, tuple[float | None, str, str]] = {}
    previous: dict[int, tuple[float | None, str]] = {}
    parts: dict[tuple[int, str], Part] = {}
    for indicator_id, year, sex, value, missing, status in stored:
        if sex:
            part = parts.setdefault((indicator_id, sex), Part(sex))
            if year == campaign.year:
                part.value, part.missing = value, missing
            else:
                part.last_year, part.last_year_missing = value, missing
        elif year == campaign.year:
            current[indicator_id] = (value, missing, status)
        else:
            previous[indicator_id] = (value, missing)
    notes = {n.indicator_id: n for n in ValueNote.objects.filter(submission=submission)}
    rows = []
    for item in items:
        value, missing, status = current.get(item.indicator_id, (None, "", ""))
        last, last_missing = previous.get(item.indicator_id, (None, ""))
        note = notes.get(item.indicator_id)
        row = Row(item, value, missing, status, last, last_missing,
                  note.comment if note else "", note.return_note if note else "")  # fmt: skip
        if item.indicator.by_sex:
            row.parts = [parts.get((item.indicator_id, sex), Part(sex)) for sex in SEXES]
        rows.append(row)
    if with_flags:
        attach_flags(submission, rows)
    return _blocks(rows)


def submission_verdict(submission: Submission, rows: list[Row] | None = None) -> Verdict:
    """The verdict on a hromada's stored answers, with the comments on its values."""
    if rows is None:
        blocks = questionnaire(submission, with_flags=False)
        rows = [row for block in blocks for row in block.rows]
    territory = submission.territory_id
    answers = [Answer(territory, r.code, r.value, r.missing, r.comment) for r in rows]
    answers += [Answer(territory, r.code, p.value, p.missing, r.comment, p.sex)
                for r in rows for p in r.parts]  # fmt: skip
    return check_answers(submission.campaign, answers, territory_ids=[territory])


def campaign_verdict(campaign: Campaign) -> Verdict:
    """The verdict on every stored answer of a campaign at once (`validate_campaign`): the
    checks run once over all hromadas, and a value marked missing needs its comment, as
    on the page. Three queries whatever the number of hromadas, besides the checks'."""
    flags = run_checks(campaign)
    codes = dict(campaign.items.values_list("indicator_id", "indicator__code"))
    notes = ValueNote.objects.filter(submission__campaign=campaign).values_list(
        "submission__territory_id", "indicator_id", "comment"
    )
    comments = {(t, codes[i]): c for t, i, c in notes if i in codes}
    reporting = campaign.submissions.values("territory_id")
    missing = Observation.all_objects.filter(
        territory_id__in=reporting,
        indicator_id__in=list(codes),
        year=campaign.year,
        sex="",
        value__isnull=True,
    ).exclude(missing="")
    answers = [
        Answer(t, codes[i], None, m, comments.get((t, codes[i]), ""))
        for t, i, m in missing.values_list("territory_id", "indicator_id", "missing")
    ]
    return Verdict(flags + reason_flags(answers, comments), comments)


def attach_flags(submission: Submission, rows: list[Row]) -> None:
    verdict = submission_verdict(submission, rows)
    by_code: dict[str, list[Flag]] = {}
    for flag in verdict.flags:
        by_code.setdefault(flag.code, []).append(flag)
    for row in rows:
        row.flags = by_code.get(row.code, [])


def _blocks(rows: list[Row]) -> list[Block]:
    blocks: list[Block] = []
    for row in rows:
        if not blocks or blocks[-1].section.pk != row.item.section_id:
            blocks.append(Block(row.item.section, []))
        blocks[-1].rows.append(row)
    return blocks


def field_flags(
    submission: Submission,
    code: str,
    override: Override,
    comment: str,
    parts: Sequence[Override] = (),
) -> list[Flag]:
    """The messages of one field as typed (not necessarily stored yet); `parts` are the
    values for women and men of a by-sex indicator, as typed beside the total."""
    answers = [Answer(o.territory_id, code, o.value, o.missing, comment, o.sex)
               for o in (override, *parts)]  # fmt: skip
    verdict = check_answers(
        submission.campaign, answers, territory_ids=[submission.territory_id], codes=[code]
    )
    return verdict.of(code)
