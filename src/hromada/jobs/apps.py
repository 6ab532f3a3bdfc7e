from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "hromada.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The queue's signals keep each job's state, whichever backend runs it.
        from hromada.jobs import signals  # noqa: F401
