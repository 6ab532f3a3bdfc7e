from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "hromada.legislation"
    verbose_name = _("Legislative work")

    def ready(self) -> None:
        from hromada.analytics import report_sections
        from hromada.legislation.panel import impact_panel
        from hromada.legislation.report import impact_section
        from hromada.territories import panels

        panels.register(impact_panel, order=40)
        report_sections.register(impact_section, order=40)
