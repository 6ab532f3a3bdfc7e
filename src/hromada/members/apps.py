from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "hromada.members"
    verbose_name = _("Association members")

    def ready(self) -> None:
        from hromada.members.panels import membership_panel
        from hromada.territories import panels

        panels.register(membership_panel, order=20)
