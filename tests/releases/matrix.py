"""The releases' entries for MATRIX in tests/test_permission_matrix.py."""

from __future__ import annotations

from hromada.releases.actions import schedule_release
from tests.accounts.matrix import Outcome, Rule, rule
from tests.conftest import Personas
from tests.releases.factories import plan, release

ALLOWED = Outcome.ALLOWED
LOGIN = Outcome.LOGIN
FORBIDDEN = Outcome.FORBIDDEN
NOT_ALLOWED = Outcome.NOT_ALLOWED


def _published(p: Personas) -> dict[str, str]:
    return {"pk": str(release(2023, by=p.analyst).pk)}


def _announced(p: Personas) -> dict[str, str]:
    return {"pk": str(schedule_release(plan(2023), by=p.analyst).pk)}


RELEASES_MATRIX: dict[str, Rule | list[Rule]] = {
    "releases:list": rule(ALLOWED),
    "releases:calendar": rule(ALLOWED),
    "releases:detail": rule(ALLOWED, kwargs=_published),
    "releases:changes_csv": rule(ALLOWED, kwargs=_published),
    "releases:create": rule(FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED),
    # Publishing is a POST, for analysts only (checked in tests/releases/test_releases.py).
    "releases:publish": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_announced),
}
