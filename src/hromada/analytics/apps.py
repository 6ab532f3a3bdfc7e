from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "hromada.analytics"
    verbose_name = _("Analytics and benchmarking")

    def ready(self) -> None:
        from hromada.analytics.panel import profile_panel
        from hromada.analytics.snapshot import request_after_publication
        from hromada.indicators.actions import after_publication
        from hromada.territories import panels

        panels.register(profile_panel, order=25)
        after_publication(request_after_publication)
