from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataioConfig(AppConfig):
    name = "hromada.dataio"
    label = "dataio"
    verbose_name = _("Data import and export")

    def ready(self) -> None:
        from hromada.dataio.applying import recover_abandoned
        from hromada.jobs.upkeep import on_worker_upkeep

        # An import killed half-way on SQLite is undone when the worker starts, and later
        # on every heartbeat (an import run by the command line has no worker around it).
        on_worker_upkeep(recover_abandoned)
