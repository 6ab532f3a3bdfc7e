"""The demo's training: a past course with certificates, an upcoming one with a waiting list."""

from __future__ import annotations

from hromada.learning.demo import build_learning_demo
from hromada.learning.models import Certificate, Practice, Registration
from tests.conftest import Personas


def test_the_demo_has_certificates_a_waiting_list_and_practices(personas: Personas) -> None:
    summary = build_learning_demo()
    assert summary.events == 3
    # Five of six completed; the sixth missed half the hours.
    assert summary.certificates == Certificate.objects.count() == 5
    assert Registration.objects.filter(state="waiting").count() == 1
    assert set(Practice.objects.values_list("state", flat=True)) == {"published", "proposed"}
