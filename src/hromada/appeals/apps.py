from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "hromada.appeals"
    verbose_name = _("Members' problems to government")
