"""Survey answers as indicator values: a closed wave's approved answers to a question bound to
an indicator (`hromada:indicator` in the XLSForm) become verified values of that indicator for
the wave's year, and the indicator's definition says which survey, wave and question they came
from, with n and the response rate. Like every verified value they become public with the next
release of that year.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.indicators.actions import RecordSummary, ValueInput, record_observations
from hromada.indicators.catalogue_actions import update_indicator
from hromada.indicators.catalogue_spec import spec_of
from hromada.indicators.models import Indicator, ObservationHistory, Status
from hromada.lib.languages import in_language
from hromada.surveys import results
from hromada.surveys.actions import SurveyError
from hromada.surveys.models import ReviewState, Wave
from hromada.surveys.permissions import can_manage_surveys
from hromada.surveys.questions import Question, questions_of


@dataclass(frozen=True)
class Published:
    indicator: Indicator
    summary: RecordSummary
    hromadas: int


def survey_note(wave: Wave, question: Question, n: int, rate: float, language: str) -> str:
    """The line that tells, in the indicator's definition and the values' source, which
    survey, wave and question the values come from, with n and the response rate."""
    with translation.override(language):
        return _(
            "Survey “%(survey)s”, wave %(year)s, question “%(question)s”: "
            "n = %(n)s, response rate %(rate)s %%."
        ) % {
            "survey": in_language(wave.survey.title_uk, wave.survey.title_en),
            "year": wave.year,
            "question": question.text,
            "n": n,
            "rate": formats.number_format(round(rate, 1), 1),
        }


def _with_note(definition: str, note: str, survey: str) -> str:
    """The definition with this survey's note in place of an earlier one of the same survey."""
    kept = [line for line in definition.splitlines() if not line.startswith(survey)]
    return "\n".join([*kept, note]).strip()


def _describe(indicator: Indicator, wave: Wave, question: Question, n: int, by: Any) -> str:
    """Write the survey note into the indicator's definition (a new catalogue version)."""
    rate = results.rates(wave).total.percent
    uk, en = (survey_note(wave, question, n, rate, code) for code in ("uk", "en"))
    spec = dataclasses.replace(
        spec_of(indicator),
        definition_uk=_with_note(indicator.definition_uk, uk, uk.split(",")[0]),
        definition_en=_with_note(indicator.definition_en, en, en.split(",")[0]),
    )
    update_indicator(indicator, spec, by=by, reason=uk)
    return uk if translation.get_language() != "en" else en


@transaction.atomic
def publish_as_indicator(wave: Wave, question_name: str, *, by: Any) -> Published:
    """Record a bound question's approved answers as verified values of its indicator for the
    wave's year, and say in the indicator's definition which survey, question, n and response
    rate they come from. Like every verified value, they become public with the next release
    of that year (the only path to public values).

    Only approved responses count, and only a closed wave knows whose answer is whose.
    """
    if not can_manage_surveys(by):
        raise PermissionDenied
    if wave.is_anonymous:
        raise SurveyError(_("Anonymous answers cannot become values of a hromada."))
    question = next(
        (q for q in questions_of(wave.form.definition) if q.name == question_name), None
    )
    if question is None or not question.indicator:
        raise SurveyError(_("This question is not bound to an indicator."))
    indicator = Indicator.objects.filter(code=question.indicator).first()
    if indicator is None:
        raise SurveyError(
            _("There is no indicator with the code “%(code)s” in the catalogue.")
            % {"code": question.indicator}
        )
    values = [
        ValueInput(hromada_id, indicator.pk, wave.year, "", float(answers[question_name]), "")
        for hromada_id, answers in wave.responses.filter(
            hromada__isnull=False, review=ReviewState.APPROVED
        ).values_list("hromada_id", "answers")
        if answers.get(question_name, "") != ""
    ]
    if not values:
        raise SurveyError(_("No approved response answers this question yet."))
    note = _describe(indicator, wave, question, len(values), by)
    # The history's reasons are a closed list owned by indicators; a survey's answers arrive
    # like a file import, and the source names the survey, wave, n and response rate.
    summary = record_observations(
        values,
        by=by,
        reason=ObservationHistory.Reason.IMPORT,
        status=Status.VERIFIED,
        comment=note,
        source=note[:300],
    )
    record_audit(
        action="surveys.wave.publish_indicator",
        obj=wave,
        by=by,
        changes={"indicator": ("", indicator.code), "values": (0, len(values))},
    )
    return Published(indicator, summary, len(values))
