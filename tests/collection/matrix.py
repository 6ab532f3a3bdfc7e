"""The collection's entries for MATRIX in tests/test_permission_matrix.py.

Merged into MATRIX with `**COLLECTION_MATRIX`; until then (and harmlessly after)
tests/collection/test_permission_matrix_collection.py checks them with the same machinery.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hromada.collection.models import Campaign, ValidationRule
from tests.accounts.matrix import Kwargs, Outcome, Rule, rule
from tests.collection.factories import PUPILS, YEAR, make_campaign
from tests.conftest import Personas

ALLOWED = Outcome.ALLOWED
LOGIN = Outcome.LOGIN
REDIRECT = Outcome.REDIRECT
FORBIDDEN = Outcome.FORBIDDEN
NOT_ALLOWED = Outcome.NOT_ALLOWED


def _campaign(p: Personas) -> Campaign:
    return make_campaign([p.hromada, p.other_hromada], analyst=p.analyst)


def _pk(p: Personas) -> dict[str, str]:
    return {"pk": str(_campaign(p).pk)}


def _export(p: Personas) -> dict[str, str]:
    return {"pk": str(_campaign(p).pk), "file_format": "csv"}


def _closed(p: Personas) -> dict[str, str]:
    campaign = _campaign(p)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Campaign.objects.filter(pk=campaign.pk).update(closes_on=yesterday)
    return {"pk": str(campaign.pk)}


def _own(p: Personas) -> dict[str, str]:
    return {"pk": str(_campaign(p).pk), "code": p.hromada.code}


def _other(p: Personas) -> dict[str, str]:
    return {"pk": str(_campaign(p).pk), "code": p.other_hromada.code}


def _field(p: Personas) -> dict[str, str]:
    return {**_own(p), "indicator": PUPILS}


def _oblast(p: Personas) -> dict[str, str]:
    return {"pk": str(_campaign(p).pk), "code": p.oblast.code}


def _value(p: Personas) -> dict[str, str]:
    _campaign(p)
    return {"code": p.hromada.code, "indicator": PUPILS, "year": str(YEAR)}


def _rule(p: Personas) -> dict[str, int]:
    made = ValidationRule.objects.create(expression=f"{PUPILS} >= 0", message_uk="Невідʼємне")
    return {"pk": made.pk}


def _analysts(kwargs: Kwargs | None = None) -> Rule:
    return rule(FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=kwargs)


def _staff(kwargs: Kwargs) -> Rule:
    """The hromada's oblast coordinator and analysts."""
    return rule(
        FORBIDDEN,
        anonymous=LOGIN,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=kwargs,
    )


def _workspace(kwargs: Kwargs) -> Rule:
    """The hromada's officials, its oblast coordinator and analysts."""
    return rule(
        FORBIDDEN,
        anonymous=LOGIN,
        official=ALLOWED,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=kwargs,
    )


def _post_only(kwargs: Kwargs) -> Rule:
    """A change is a POST: a GET is turned away (after signing in)."""
    return rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=kwargs)


COLLECTION_MATRIX: dict[str, Rule | list[Rule]] = {
    "collection:campaigns": rule(ALLOWED, anonymous=LOGIN),
    "collection:create": _analysts(),
    "collection:audit": _analysts(),
    "collection:rules": _analysts(),
    "collection:rule_new": _analysts(),
    "collection:rule_check": _analysts(),
    "collection:rule_edit": _analysts(_rule),
    "collection:correct": _analysts(_value),
    # Officials are sent to their questionnaire, staff to the progress board.
    "collection:campaign": rule(REDIRECT, anonymous=LOGIN, outsider=FORBIDDEN, kwargs=_pk),
    "collection:edit": _analysts(_pk),
    "collection:copy": _post_only(_pk),
    "collection:progress": _staff(_pk),
    "collection:progress_export": _staff(_export),
    # Public once the campaign has closed (404 before).
    "collection:public_status": rule(ALLOWED, kwargs=_closed),
    "collection:entry": [
        _workspace(_own),
        _analysts(_other),
    ],
    "collection:workbook": [
        _workspace(_own),
        _analysts(_other),
    ],
    "collection:review": [
        _staff(_own),
        _analysts(_other),
    ],
    "collection:oblast_workbook": _staff(_oblast),
    "collection:field": _post_only(_field),
    "collection:submit": _post_only(_own),
    "collection:return": _post_only(_own),
    "collection:verify": _post_only(_own),
    "collection:reopen": _post_only(_own),
    "collection:upload": _post_only(_own),
    "collection:oblast_upload": _post_only(_oblast),
}
