"""The admin site: for administrators only, as hromada.accounts.permissions decides."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import User
from hromada.accounts.permissions import can_access_admin
from hromada.audit.admin_log import AuditedAdmin


class AdministratorAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, admitting administrators rather than `is_staff` users."""

    def confirm_login_allowed(self, user: User) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not can_access_admin(user):
            raise ValidationError(
                _("Please enter the username and password of an administrator's account."),
                code="not_administrator",
            )


class HromadaAdminSite(admin.AdminSite):
    site_header = _("Hromada administration")
    site_title = _("Hromada administration")
    index_title = _("Registry administration")
    login_form = AdministratorAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        return can_access_admin(request.user)

    def register(
        self,
        model_or_iterable: Any,
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        """Register as usual, with every change also written to the one audit log."""
        base = admin_class or admin.ModelAdmin
        audited = type(base.__name__, (AuditedAdmin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, audited, **options)
