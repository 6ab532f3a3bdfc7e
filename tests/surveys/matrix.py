"""The surveys' entries for MATRIX in tests/test_permission_matrix.py (merged with
`**SURVEYS_MATRIX`). Analysts manage; coordinators see the lists and rates; a personal link
opens for anyone who holds it, and a made-up one for nobody."""

from __future__ import annotations

from hromada.surveys.models import Wave
from tests.accounts.matrix import Outcome, Rule, rule
from tests.conftest import Personas
from tests.surveys.factories import make_member, make_survey, open_wave

ALLOWED = Outcome.ALLOWED
LOGIN = Outcome.LOGIN
FORBIDDEN = Outcome.FORBIDDEN
NOT_FOUND = Outcome.NOT_FOUND
NOT_ALLOWED = Outcome.NOT_ALLOWED

ANALYSTS = {"analyst": ALLOWED, "administrator": ALLOWED}


def _survey(p: Personas) -> dict[str, str]:
    return {"pk": str(make_survey(p.analyst).pk)}


def _wave(p: Personas) -> Wave:
    make_member(p.hromada)
    return open_wave(make_survey(p.analyst), p.analyst, p.oblast)


def _wave_pk(p: Personas) -> dict[str, str]:
    return {"pk": str(_wave(p).pk)}


def _token(p: Personas) -> dict[str, str]:
    return {"token": _wave(p).invitations.get().token}


def _response(p: Personas) -> dict[str, str]:
    from hromada.surveys import actions
    from tests.surveys.factories import ANSWERS

    wave = _wave(p)
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    return {"pk": str(wave.pk), "response": str(wave.responses.get().pk)}


def _export_file(p: Personas) -> dict[str, str]:
    return {"pk": str(_wave(p).pk), "name": "cnap-2026-0000000000000000.csv"}


SURVEYS_MATRIX: dict[str, Rule | list[Rule]] = {
    "surveys:list": rule(FORBIDDEN, anonymous=LOGIN, coordinator=ALLOWED, **ANALYSTS),
    "surveys:create": rule(FORBIDDEN, anonymous=LOGIN, **ANALYSTS),
    "surveys:survey": rule(FORBIDDEN, anonymous=LOGIN, **ANALYSTS, kwargs=_survey),
    # Changes are POSTs (a GET is turned away); tests/surveys check who may POST them.
    "surveys:upload": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_survey),
    "surveys:build": rule(FORBIDDEN, anonymous=LOGIN, **ANALYSTS, kwargs=_survey),
    "surveys:wave_create": rule(FORBIDDEN, anonymous=LOGIN, **ANALYSTS, kwargs=_survey),
    "surveys:wave": rule(
        FORBIDDEN, anonymous=LOGIN, coordinator=ALLOWED, **ANALYSTS, kwargs=_wave_pk
    ),
    "surveys:mail": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:close": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:export": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:publish": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:publish_results": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:approve_all": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_wave_pk),
    "surveys:response": rule(FORBIDDEN, anonymous=LOGIN, **ANALYSTS, kwargs=_response),
    # A file that was never written: analysts get 404, everyone else no further than before.
    "surveys:export_file": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        analyst=NOT_FOUND,
        administrator=NOT_FOUND,
        kwargs=_export_file,
    ),
    # The personal link: whoever holds the token may answer; the relevance check is a POST.
    "surveys:respond": [
        rule(ALLOWED, kwargs=_token),
        rule(NOT_FOUND, kwargs=lambda p: {"token": "made-up-token"}),
    ],
    "surveys:relevance": rule(NOT_ALLOWED, kwargs=_token),
}
