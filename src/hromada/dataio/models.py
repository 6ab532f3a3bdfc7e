"""What the import flow keeps between requests: saved column mappings and staged uploads."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnMapping(models.Model):
    """A named mapping of a wide file's columns to indicators, reused year after year."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    rules = models.JSONField(_("column rules"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[models.Manager[ColumnMapping]] = models.Manager()

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StagedUpload(models.Model):
    """An uploaded file waiting for the analyst to review its preview and confirm it.

    The file lives under HROMADA_DATA_DIR/uploads and is deleted when the import is applied
    or discarded; uploads older than a day are cleared when the next one arrives.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("file"), max_length=300)
    stored_path = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    options = models.JSONField(default=dict)
    # A large file's preview, made by the worker (see dataio.previews): key, state, report.
    preview = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[StagedUpload]] = models.Manager()

    class Meta:
        verbose_name = _("staged upload")
        verbose_name_plural = _("staged uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ImportJob(models.Model):
    """A confirmed import of a large file, run by `hromada worker` outside the request.

    Progress is written to a small file beside the upload (on PostgreSQL the import runs
    inside one transaction, so a row update would stay invisible until the end); the job page
    polls it.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    staged = models.ForeignKey(
        StagedUpload, models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    file_name = models.CharField(_("file"), max_length=300)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.QUEUED, db_index=True
    )
    result = models.JSONField(default=dict, blank=True)
    batch = models.ForeignKey(
        "indicators.ImportBatch", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[ImportJob]] = models.Manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"
