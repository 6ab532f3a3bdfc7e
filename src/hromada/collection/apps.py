from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    name = "hromada.collection"
    verbose_name = _("Data collection")

    def ready(self) -> None:
        from hromada.audit.display import register_vocabulary
        from hromada.collection.history import VOCABULARY

        register_vocabulary("collection.", VOCABULARY)
        register_vocabulary("indicators.observation.", VOCABULARY)
