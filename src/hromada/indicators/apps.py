from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "hromada.indicators"
    verbose_name = _("Indicators and observations")

    def ready(self) -> None:
        from hromada.indicators.data_panel import data_panel
        from hromada.territories import panels

        panels.register(data_panel, order=30)
