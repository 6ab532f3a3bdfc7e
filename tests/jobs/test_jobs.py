"""The task queue: jobs started by people, their progress and failures on the jobs page."""

from __future__ import annotations

from django.test import Client
from django_tasks import task

from hromada.jobs.actions import start_job
from hromada.jobs.models import Job, JobStatus
from hromada.jobs.progress import report_progress, report_result
from tests.conftest import Personas


@task()
def count_to(limit: int) -> int:
    for number in range(1, limit + 1):
        report_progress(number, limit, stage="рахую")
    report_result("/territories/")
    return limit


@task()
def fail_loudly() -> None:
    raise ValueError("У файлі немає аркуша «Дані»")


def test_a_started_job_records_who_started_it_and_how_it_ended(personas: Personas) -> None:
    job = start_job(count_to, 4, by=personas.official, label="Рахунок до чотирьох")
    job.refresh_from_db()
    assert job.created_by == personas.official and job.label == "Рахунок до чотирьох"
    assert job.status == JobStatus.DONE
    assert (job.done, job.total, job.stage) == (4, 4, "рахую")
    assert job.result_url == "/territories/"
    assert job.started_at is not None and job.finished_at is not None


def test_a_failed_job_says_why(personas: Personas, client: Client) -> None:
    job = start_job(fail_loudly, by=personas.official, label="Імпорт")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "немає аркуша «Дані»" in job.error
    client.force_login(personas.official)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "немає аркуша «Дані»" in page
    # The traceback is for analysts, not for the official who started the job.
    assert "Traceback" not in page
    client.force_login(personas.analyst)
    assert "Traceback" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_people_see_their_own_jobs_and_analysts_see_all(personas: Personas, client: Client) -> None:
    start_job(count_to, 1, by=personas.official, label="Звіт громади")
    start_job(count_to, 1, by=personas.coordinator, label="Звіт області")
    client.force_login(personas.official)
    page = client.get("/jobs/").content.decode()
    assert "Звіт громади" in page and "Звіт області" not in page
    client.force_login(personas.analyst)
    page = client.get("/jobs/").content.decode()
    assert "Звіт громади" in page and "Звіт області" in page


def test_a_waiting_job_shows_zero_and_refreshes_itself(personas: Personas, client: Client) -> None:
    job = Job.objects.create(task_id="w", task_path="x", label="Чекає", created_by=personas.analyst)
    client.force_login(personas.analyst)
    page = client.get("/jobs/").content.decode()
    assert 'value="0"' in page and 'hx-trigger="every 2s"' in page
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "hromada worker" in detail
