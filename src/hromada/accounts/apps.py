from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    verbose_name = _("Accounts and roles")


class HromadaAdminConfig(admin_apps.AdminConfig):
    """Django's admin served by a site that admits administrators only.

    Listed in INSTALLED_APPS in place of "django.contrib.admin", so `admin.site` and
    `admin.site.register` in every app use that site.
    """

    default = False
    default_site = "hromada.accounts.admin_site.HromadaAdminSite"
