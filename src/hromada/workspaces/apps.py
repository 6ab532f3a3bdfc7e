from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspacesConfig(AppConfig):
    name = "hromada.workspaces"
    verbose_name = _("Section and branch workspaces")
