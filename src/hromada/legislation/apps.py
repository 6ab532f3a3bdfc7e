from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "hromada.legislation"
    verbose_name = _("Legislative work")

    def ready(self) -> None:
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
