"""What the jobs page shows of the task queue: who started what, how far it got, how it ended.

The queue itself is Django's Tasks API (`django-tasks`, database backend from
`django-tasks-db`); its own table knows nothing of users or progress, so each task started
through `hromada.jobs.actions.start_job` gets a Job row kept current by the queue's signals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    task_id = models.CharField(_("task id"), max_length=64, unique=True)
    task_path = models.CharField(_("task"), max_length=200)
    label = models.CharField(_("what"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("state"), max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING
    )
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("of"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    # What the person who started it reads when it failed; the traceback is for analysts.
    error = models.TextField(_("error"), blank=True)
    traceback = models.TextField(_("traceback"), blank=True)
    # Where to look at the outcome (an import's report, a generated file), if anywhere.
    result_url = models.CharField(_("result"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.status in {JobStatus.WAITING, JobStatus.RUNNING}
