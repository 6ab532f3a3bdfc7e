from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspacesConfig(AppConfig):
    name = "hromada.workspaces"
    verbose_name = _("Section and branch workspaces")

    def ready(self) -> None:
        from anymail.signals import tracking  # type: ignore[import-untyped]

        from hromada.territories import panels
        from hromada.workspaces.panels import projects_panel
        from hromada.workspaces.webhooks import on_tracking

        tracking.connect(on_tracking, dispatch_uid="hromada.workspaces.bounces")
        panels.register(projects_panel, order=60)
