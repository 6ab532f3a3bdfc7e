"""Writing the demo panel: Observation rows and one ObservationHistory row per value.

The demo writes about two and a half million values through the common write path,
indicators.actions.record_observations (one history row per value, reason "demo"); it is
fast enough (about 30 µs a value on SQLite). Only clearing the previous demo values has its
own bulk delete here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import repeat

import numpy as np
from django.db.models import Q

from hromada.demo.gaps import MISSING_CODES
from hromada.demo.generate import YEARS, Hromadas, Series
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Observation, ObservationHistory, Sex, Status
from hromada.lib.progress import ProgressCallback

# Kept short: it is stored on each of two million rows.
DEMO_SOURCE = "демо"
# The last demo year is being collected: each hromada's whole year is in one state, and
# some hromadas have not started yet (no value of that year at all).
NOT_STARTED = ""
OPEN_YEAR_STATES = (
    (NOT_STARTED, 0.1),
    (Status.DRAFT, 0.3),
    (Status.SUBMITTED, 0.35),
    (Status.VERIFIED, 0.25),
)
Reason = ObservationHistory.Reason


def year_statuses(
    hromadas: Hromadas, rng: np.random.Generator, drafting: Collection[int] = ()
) -> np.ndarray:
    """Status per hromada × year: published up to the year before last, a mix in the last
    (NOT_STARTED: the hromada has no value of that year)."""
    states = np.full((len(hromadas), len(YEARS)), Status.PUBLISHED.value, dtype=object)
    names = [str(state) for state, _ in OPEN_YEAR_STATES]
    weights = [weight for _, weight in OPEN_YEAR_STATES]
    states[:, -1] = rng.choice(names, size=len(hromadas), p=weights)
    # The hromadas in `drafting` (the demo official's) are still filling in their answers.
    fixed = np.isin(hromadas.ids, list(drafting))
    states[fixed, -1] = Status.DRAFT.value
    # Every state is shown, not left to chance: a state the draw missed is given to a
    # hromada whose state others share (24 hromadas miss "not started" 8 % of the time).
    for name in names:
        last = states[:, -1]
        if name in last:
            continue
        spare = [i for i in range(len(last)) if not fixed[i] and (last == last[i]).sum() > 1]
        if spare:
            states[int(rng.choice(spare)), -1] = name
    return states


def clear_demo_values() -> int:
    """Remove every value the demo wrote, and its history; other values are kept.

    A demo value edited later (its source changed) is still a demo value: it is found by
    its demo history row. History rows of other origins stay, detached from the value.
    """
    demo_history = ObservationHistory.objects.filter(reason=Reason.DEMO)
    demo = Observation.all_objects.filter(
        Q(source=DEMO_SOURCE) | Q(pk__in=demo_history.values("observation_id"))
    )
    ObservationHistory.objects.filter(observation__in=demo.values("pk")).exclude(
        reason=Reason.DEMO
    ).update(observation=None)
    # A plain DELETE: the ORM's collector would load two million rows to null references
    # that are deleted next (foreign keys are checked at commit).
    removed: int = demo._raw_delete(demo.db)
    demo_history.delete()
    return removed


def _inputs(
    series: Series, hromadas: Hromadas, states: np.ndarray, status: str
) -> Iterator[ValueInput]:
    """The values of one indicator whose hromada-year is in `status`."""
    rows, columns = np.nonzero(states == status)
    territory = hromadas.ids[rows].tolist()
    years = np.array(YEARS)[columns].tolist()
    missing = np.array(MISSING_CODES, dtype=object)[series.missing[rows, columns]].tolist()
    parts = [(Sex.TOTAL.value, series.values)]
    if series.female is not None and series.male is not None:
        parts += [(Sex.FEMALE.value, series.female), (Sex.MALE.value, series.male)]
    for sex, values in parts:
        chosen = values[rows, columns]
        boxed = chosen.astype(object)
        boxed[np.isnan(chosen)] = None
        yield from map(
            ValueInput,
            territory,
            repeat(series.indicator.pk),
            years,
            repeat(sex),
            boxed.tolist(),
            missing,
        )


def write_panel(
    panel: dict[str, Series],
    hromadas: Hromadas,
    states: np.ndarray,
    progress: ProgressCallback,
    stage: str,
) -> int:
    """Write every value of the panel through the common write path; returns the count.

    The previous demo values are cleared first, so every value is new and gets one history
    row with reason "demo". One call per status, streaming the values indicator by indicator.
    """
    present = sorted(set(states.ravel().tolist()) - {NOT_STARTED})
    steps = len(panel) * len(present)
    done = 0

    def stream(status: str) -> Iterator[ValueInput]:
        nonlocal done
        for series in panel.values():
            yield from _inputs(series, hromadas, states, status)
            done += 1
            progress(stage, done, steps)

    written = 0
    for status in present:
        summary = record_observations(
            stream(status), by=None, reason=Reason.DEMO, status=status, source=DEMO_SOURCE
        )
        written += summary.new + summary.changed + summary.unchanged
    return written
