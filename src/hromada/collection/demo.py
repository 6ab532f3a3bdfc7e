"""The collection part of `hromada demo`: the open year's campaign, its questionnaire and
validation rules, and every member's submission in the state its values are in.

The demo values of the open year were written in one state per hromada (draft, submitted
or verified, and some hromadas have none yet); the preliminary release has published the
verified ones. This module asks the questions of that year and moves each submission to the
state of its values, through the one state mover (`transitions.move`, with its audit row):

- no value: not started; draft values: draft;
- submitted values: submitted, every missing value and every warning explained in a
  comment; a submission whose values have an error is returned with a note on each;
- published values: verified and then released by the preliminary release;
- a share of the clean submitted ones verified since (the coordinator's work done, the
  final release still to come).

The demo official's hromada is returned with notes, so the official's first screen has work.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from hromada.accounts.models import Role, User
from hromada.collection.campaign_actions import CampaignSpec, ItemSpec, create_campaign
from hromada.collection.models import Campaign, State, Submission, ValidationRule, ValueNote
from hromada.collection.rule_actions import RuleInput, save_rule
from hromada.collection.transitions import move
from hromada.collection.validation import Flag
from hromada.collection.validation.verdict import Answer, check_answers
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Missing, Observation, ObservationHistory, Status
from hromada.territories.models import Territory

SECTIONS = (
    (
        "Населення / Population",
        ("demography.population", "demography.population_0_17", "demography.births"),
    ),
    (
        "Бюджет / Budget",
        (
            "budget.revenue.total",
            "budget.revenue.own",
            "budget.revenue.transfers",
            "budget.expenditure.total",
            "budget.expenditure.education",
            "budget.expenditure.capital",
        ),
    ),
    (
        "Освіта / Education",
        (
            "education.schools",
            "education.pupils",
            "education.pupils_grade1",
            "education.schools_with_shelter",
        ),
    ),
)
RULES = (
    (
        "budget.revenue.own <= budget.revenue.total",
        ValidationRule.Severity.ERROR,
        "Власні доходи не можуть перевищувати загальні доходи бюджету.",
        "Own revenue cannot exceed the budget's total revenue.",
    ),
    (
        "education.pupils_grade1 <= education.pupils",
        ValidationRule.Severity.ERROR,
        "Першокласників не може бути більше, ніж усіх учнів.",
        "There cannot be more first-graders than pupils.",
    ),
    (
        "budget.expenditure.capital <= budget.expenditure.total * 0.4",
        ValidationRule.Severity.WARNING,
        "Капітальні видатки перевищують 40 % усіх видатків: поясніть, на що.",
        "Capital expenditure is over 40 % of all expenditure: explain what for.",
    ),
)
# The campaign opened a month ago and closes in a month.
OPENED_AGO = dt.timedelta(days=30)
CLOSES_IN = dt.timedelta(days=30)
# Of the clean submitted questionnaires, one in VERIFIED_SINCE was verified after the
# preliminary release.
VERIFIED_SINCE = 4
RETURN_NOTE = "Перевірте це значення: {message}"
EXPLANATIONS = {
    "missing": "Значення відсутнє ({reason}): дані збирає інша установа.",
    "warning": "Перевірено з бухгалтерією: значення правильне, зміна пояснюється рішенням ради.",
}
WORKFLOW = ObservationHistory.Reason.WORKFLOW


@dataclass(frozen=True)
class CollectionDemo:
    campaign: Campaign
    rules: int
    states: dict[str, int]


def campaign_name(year: int) -> str:
    return f"Щорічний звіт громад {year}"


def _spec(year: int) -> CampaignSpec:
    known = set(Indicator.objects.filter(formula="").values_list("code", flat=True))
    today = timezone.localdate()
    return CampaignSpec(
        year=year,
        name_uk=campaign_name(year),
        name_en=f"Annual report of hromadas {year}",
        opens_on=today - OPENED_AGO,
        closes_on=today + CLOSES_IN,
        items=[
            ItemSpec(section=title, code=code)
            for title, codes in SECTIONS
            for code in codes
            if code in known
        ],
    )


def _rules(analyst: User) -> int:
    ValidationRule.objects.filter(expression__in=[rule[0] for rule in RULES]).delete()
    for expression, severity, message_uk, message_en in RULES:
        save_rule(None, RuleInput(expression, severity, message_uk, message_en), by=analyst)
    return len(RULES)


def _year_status(campaign: Campaign) -> dict[int, str]:
    """Territory -> the status of its values of the campaign's year (one per hromada)."""
    rows = Observation.all_objects.filter(
        year=campaign.year, indicator_id__in=campaign.items.values("indicator_id"), sex=""
    ).values_list("territory_id", "status")
    return dict(rows.distinct())


def _answers(campaign: Campaign, territories: Iterable[int]) -> list[Answer]:
    """The stored values of these hromadas, each missing one explained in its comment."""
    rows = Observation.all_objects.filter(
        year=campaign.year,
        territory_id__in=list(territories),
        indicator_id__in=campaign.items.values("indicator_id"),
    ).values_list("territory_id", "indicator__code", "sex", "value", "missing")
    answers = []
    for territory_id, code, sex, value, missing in rows:
        comment = ""
        if value is None and not sex:
            comment = EXPLANATIONS["missing"].format(reason=Missing(missing).label)
        answers.append(Answer(territory_id, code, value, missing, comment, sex))
    return answers


def _explain(submission: Submission, answers: list[Answer], flags: list[Flag]) -> None:
    """Comments on the submission's missing values and on each value with a warning."""
    comments = {a.code: a.comment for a in answers if a.comment}
    for flag in flags:
        if not flag.is_error:
            comments.setdefault(flag.code, EXPLANATIONS["warning"])
    indicators = Indicator.objects.in_bulk(list(comments), field_name="code")
    ValueNote.objects.bulk_create(
        ValueNote(submission=submission, indicator=indicators[code], comment=text)
        for code, text in comments.items()
    )


def _return(submission: Submission, flags: list[Flag], *, by: User | None) -> None:
    """Back to the official with a note on each value in error; its values are drafts again."""
    notes = {f.code: RETURN_NOTE.format(message=f.message) for f in flags}
    indicators = Indicator.objects.in_bulk(list(notes), field_name="code")
    for code, text in notes.items():
        ValueNote.objects.update_or_create(
            submission=submission, indicator=indicators[code], defaults={"return_note": text}
        )
    _set_values(submission, Status.DRAFT, by=by)
    move(submission, State.RETURNED, by=by, comment="Виправте значення з примітками.")


def _set_values(submission: Submission, status: str, *, by: User | None) -> None:
    campaign = submission.campaign
    rows = Observation.all_objects.filter(
        territory_id=submission.territory_id,
        year=campaign.year,
        indicator_id__in=campaign.items.values("indicator_id"),
    ).values_list("indicator_id", "sex", "value", "missing")
    inputs = [
        ValueInput(submission.territory_id, indicator_id, campaign.year, sex, value, missing)
        for indicator_id, sex, value, missing in rows
    ]
    record_observations(inputs, by=by, reason=WORKFLOW, status=status)


def _walk(submission: Submission, states: Iterable[str], people: dict[str, User | None]) -> None:
    """Move the submission step by step, each step by whoever takes it in real life."""
    for state in states:
        actor = people["reviewer"] if state in (State.VERIFIED, State.RETURNED) else None
        if state == State.PUBLISHED:
            actor = people["analyst"]
        if state in (State.DRAFT, State.SUBMITTED) and submission.territory_id == getattr(
            people["official"], "territory_id", None
        ):
            actor = people["official"]
        move(submission, state, by=actor)


PATHS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (State.DRAFT,),
    Status.SUBMITTED: (State.DRAFT, State.SUBMITTED),
    Status.VERIFIED: (State.DRAFT, State.SUBMITTED, State.VERIFIED),
    Status.PUBLISHED: (State.DRAFT, State.SUBMITTED, State.VERIFIED, State.PUBLISHED),
}


class People:
    """The demo's sign-ins who take the steps: the official, the oblast's coordinator (or the
    analyst where an oblast has none) and the analyst."""

    def __init__(self) -> None:
        users = {u.role: u for u in User.objects.filter(username__in=("analyst", "official"))}
        self.analyst = users.get(Role.ANALYST)
        self.official = users.get(Role.OFFICIAL)
        self.coordinators = {
            u.territory_id: u
            for u in User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("-pk")
        }

    def of(self, submission: Submission) -> dict[str, User | None]:
        coordinator = self.coordinators.get(submission.territory.oblast_id)
        return {
            "analyst": self.analyst,
            "official": self.official,
            "reviewer": coordinator or self.analyst,
        }


@transaction.atomic
def build_collection_demo(year: int, *, official_hromada: Territory) -> CollectionDemo:
    """Replace the demo campaign of `year` and walk its submissions to their states."""
    analyst = User.objects.get(username="analyst", role=Role.ANALYST)
    Campaign.objects.filter(name_uk=campaign_name(year), year=year).delete()
    with translation.override("uk"):
        campaign = create_campaign(_spec(year), by=analyst)
        rules = _rules(analyst)
        status = _year_status(campaign)
        submissions = list(
            campaign.submissions.select_related("campaign", "territory").order_by("territory__code")
        )
        reported = [s for s in submissions if status.get(s.territory_id) == Status.SUBMITTED]
        answers = _answers(campaign, [s.territory_id for s in reported])
        verdict = check_answers(campaign, answers, territory_ids=[s.territory_id for s in reported])
        everyone = People()
        waiting = {s.pk for s in reported}
        clean = 0
        for submission in submissions:
            path = PATHS.get(status.get(submission.territory_id, ""), ())
            people = everyone.of(submission)
            _walk(submission, path, people)
            if submission.pk in waiting:
                own = [a for a in answers if a.territory_id == submission.territory_id]
                flags = [f for f in verdict.flags if f.territory_id == submission.territory_id]
                _explain(submission, own, flags)
                errors = [f for f in flags if f.is_error and f.kind != "reason"]
                if errors:
                    _return(submission, errors, by=people["reviewer"])
                    continue
                clean += 1
                if clean % VERIFIED_SINCE == 0 and submission.territory_id != official_hromada.pk:
                    _set_values(submission, Status.VERIFIED, by=people["reviewer"])
                    move(submission, State.VERIFIED, by=people["reviewer"])
        _official_returned(campaign, official_hromada, everyone)
    counts = Counter(campaign.submissions.values_list("state", flat=True))
    return CollectionDemo(campaign, rules, dict(counts))


def _official_returned(campaign: Campaign, hromada: Territory, everyone: People) -> None:
    """The demo official's questionnaire comes back with notes on two of its values."""
    submission = campaign.submissions.select_related("campaign", "territory").get(territory=hromada)
    people = everyone.of(submission)
    if submission.state == State.NOT_STARTED:
        _walk(submission, (State.DRAFT,), people)
    if submission.state == State.DRAFT:
        _walk(submission, (State.SUBMITTED,), people)
    if submission.state != State.SUBMITTED:
        return
    items = list(campaign.items.select_related("indicator").order_by("order")[:2])
    notes = [
        (items[0].indicator, "Значення на 1 січня чи на кінець року? Уточніть у коментарі."),
        (items[-1].indicator, "Порівняйте з торішнім: різниця більша, ніж зазвичай."),
    ]
    for indicator, text in notes:
        ValueNote.objects.update_or_create(
            submission=submission, indicator=indicator, defaults={"return_note": text}
        )
    _set_values(submission, Status.DRAFT, by=people["reviewer"])
    move(submission, State.RETURNED, by=people["reviewer"], comment="Уточніть два значення.")
