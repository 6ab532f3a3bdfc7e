from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "hromada.legislation"
    verbose_name = _("Legislative work")

    def ready(self) -> None:
        post_migrate.connect(_keep_search_index, sender=self)
        from hromada.analytics import report_sections, snapshot_ready
        from hromada.legislation.models import ImpactModel
        from hromada.legislation.panel import impact_panel
        from hromada.legislation.report import impact_section
        from hromada.territories import panels

        panels.register(impact_panel, order=40)
        report_sections.register(impact_section, order=40)
        # New statistics: the impact figures of positions are computed again from them.
        snapshot_ready.register(
            "hromada.legislation.tasks.refresh_impact_models",
            label=_("Computing the impact of positions from the new statistics"),
            wanted=ImpactModel.objects.exists,
        )


def _keep_search_index(using: str = "default", **kwargs: Any) -> None:
    """A migration that rebuilt the table on SQLite dropped its search triggers: made again."""
    from hromada.legislation.search import BILLS
    from hromada.lib.fulltext import keep_sqlite_index

    keep_sqlite_index(BILLS, connections[using])
