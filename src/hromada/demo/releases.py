"""The demo's releases: a final one of the published years, a preliminary one of the
verified part of the open year, and the final release of that year announced in advance.

They go through the same actions an analyst uses (as the demo analyst), so the demo shows
what a real instance shows. A rebuild replaces them (found by their names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.demo.generate import YEARS
from hromada.releases.actions import ReleasePlan, publish_release, schedule_release
from hromada.releases.models import Release

FINAL = Release.Kind.FINAL
OPEN_YEAR = YEARS[-1]
# The final figures of the open year are announced about three months ahead.
SCHEDULED_AFTER = dt.timedelta(days=90)
PLANS = (
    ReleasePlan(
        name_uk=f"Остаточні дані {YEARS[0]}–{OPEN_YEAR - 1}",
        name_en=f"Final figures {YEARS[0]}–{OPEN_YEAR - 1}",
        kind=FINAL,
        first_year=YEARS[0],
        last_year=OPEN_YEAR - 1,
        note_uk="Перевірені значення всіх громад-членів за попередні роки.",
        note_en="Verified values of every member hromada for the previous years.",
    ),
    ReleasePlan(
        name_uk=f"Попередні дані {OPEN_YEAR}",
        name_en=f"Preliminary figures {OPEN_YEAR}",
        kind=Release.Kind.PRELIMINARY,
        first_year=OPEN_YEAR,
        last_year=OPEN_YEAR,
        note_uk="Громади, чиї відповіді вже перевірено; решта — в остаточному випуску.",
        note_en="Hromadas whose answers are verified; the rest follow in the final release.",
    ),
)
SCHEDULED = ReleasePlan(
    name_uk=f"Остаточні дані {OPEN_YEAR}",
    name_en=f"Final figures {OPEN_YEAR}",
    kind=FINAL,
    first_year=OPEN_YEAR,
    last_year=OPEN_YEAR,
    note_uk="Усі перевірені значення року.",
    note_en="Every verified value of the year.",
)


def build_demo_releases() -> int:
    """Replace the demo releases; returns how many values they made public."""
    names = [plan.name_uk for plan in (*PLANS, SCHEDULED)]
    Release.objects.filter(name_uk__in=names).delete()
    analyst = User.objects.get(username="analyst", role=Role.ANALYST)
    published = 0
    for plan in PLANS:
        release = schedule_release(plan, by=analyst)
        published += publish_release(release, by=analyst).published_values
    later = timezone.localdate() + SCHEDULED_AFTER
    schedule_release(replace(SCHEDULED, scheduled_on=later), by=analyst)
    return published
