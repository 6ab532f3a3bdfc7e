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
    # The published one reads in English too, so English pages show it whole.
    published = Practice.objects.get(state="published")
    assert published.title_en and published.problem_en and published.solution_en
    assert published.results_en and published.cost_en and published.duration_en


def test_the_demo_course_has_an_evaluation_wave_with_results_on_its_page(
    personas: Personas,
) -> None:
    from django.test import Client

    from hromada.learning import evaluation
    from hromada.learning.models import Event

    build_learning_demo()
    past = Event.objects.get(title="Бюджетний процес у громаді")
    summary = evaluation.summary(past)
    assert summary is not None and summary.invited == 6 and summary.answered == 5
    overall = next(q for q in summary.questions if q.question.name == "overall")
    assert overall.scale_mean == 4.2
    # The demo official attended and has not answered: their record asks them to.
    assert [p.registration.event for p in evaluation.pending_for(personas.official)] == [past]
    client = Client()
    client.force_login(personas.analyst)
    assert "Середнє 4,2 з 5 відповідей" in client.get(f"/learning/{past.pk}/").content.decode()
