"""Background work of surveys: e-mailing a wave and exporting its answers."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from hromada.jobs.progress import report_progress, report_result
from hromada.surveys import actions, exports, mailing
from hromada.surveys.models import Wave

BATCH = 50


@task()
def send_invitations(wave_id: int, reminder: bool) -> int:
    """E-mail personal links in batches, marking each batch as sent; returns how many."""
    wave = Wave.objects.select_related("survey").get(pk=wave_id)
    pending = list(mailing.recipients(wave, reminder=reminder))
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        mailing.send(batch, reminder=reminder)
        actions.mark_sent(batch, reminder=reminder)
        report_progress(start + len(batch), len(pending), stage=str(wave))
    report_result(reverse("surveys:wave", kwargs={"pk": wave.pk}))
    return len(pending)


@task()
def export_answers(wave_id: int, file_format: str) -> str:
    """Write the wave's answers to a file under DATA_DIR and link it from the job."""
    wave = Wave.objects.select_related("survey", "form").get(pk=wave_id)
    name = exports.write(wave, file_format, progress=report_progress)
    report_result(reverse("surveys:export_file", kwargs={"pk": wave.pk, "name": name}))
    return name
