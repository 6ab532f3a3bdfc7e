from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "hromada.learning"
    verbose_name = _("Training and best practices")

    def ready(self) -> None:
        post_migrate.connect(_keep_search_index, sender=self)
        from hromada.indicators import related
        from hromada.learning.panel import practice_links, practices_panel
        from hromada.territories import panels

        panels.register(practices_panel, order=50)
        related.register(practice_links)


def _keep_search_index(using: str = "default", **kwargs: Any) -> None:
    """A migration that rebuilt the table on SQLite dropped its search triggers: made again."""
    from hromada.learning.search import PRACTICES
    from hromada.lib.fulltext import keep_sqlite_index

    keep_sqlite_index(PRACTICES, connections[using])
