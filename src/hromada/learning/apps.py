from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "hromada.learning"
    verbose_name = _("Training and best practices")

    def ready(self) -> None:
        from hromada.indicators import related
        from hromada.learning.panel import practice_links, practices_panel
        from hromada.territories import panels

        panels.register(practices_panel, order=50)
        related.register(practice_links)
