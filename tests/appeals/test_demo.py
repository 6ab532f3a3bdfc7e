"""The demo's problems: every state, joined hromadas, letters, a redirect and an overdue answer."""

from __future__ import annotations

from hromada.appeals.demo import build_appeals_demo
from hromada.appeals.models import (
    Dispatch,
    EvidenceFile,
    LetterTemplate,
    Outcome,
    Problem,
    ProblemState,
)
from hromada.appeals.queries import board, overdue
from tests import factories
from tests.conftest import Personas


def test_the_demo_shows_problems_in_every_state(personas: Personas) -> None:
    for number in range(6):
        factories.make_hromada(
            personas.hromada.parent, name_uk=f"Громада {number}", name_en=f"Hromada {number}"
        )
    summary = build_appeals_demo()
    states = set(Problem.objects.values_list("state", flat=True))
    assert states == set(ProblemState.values)
    assert summary.letters == Dispatch.objects.count() >= 6
    assert Dispatch.objects.filter(answer__outcome=Outcome.REDIRECTED).exists()
    assert overdue().exists()
    assert Problem.objects.filter(is_public=True).count() == 2
    # Letters come from the saved template, a problem carries an evidence file, and the board
    # by subject has lines for the subjects the analysts gave.
    assert LetterTemplate.objects.count() == 1
    assert set(Dispatch.objects.values_list("template__version", flat=True)) == {1}
    with EvidenceFile.objects.get().file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert {"освіта", "транспорт"} <= {row.label for row in board(by="subject")}
    # Running it again adds nothing.
    build_appeals_demo()
    assert Problem.objects.count() == summary.problems
