"""Users in the admin: their role and territory, nothing of Django's own permission system.

Who may do what is decided by hromada.accounts.permissions from the role, so groups,
per-user permissions and `is_staff` are left out of the forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import User

if TYPE_CHECKING:
    from typing import TypeAlias

    DjangoUserAdmin: TypeAlias = auth_admin.UserAdmin[User]
else:
    DjangoUserAdmin = auth_admin.UserAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and scope"), {"fields": ("role", "territory", "is_active", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
        (_("Role and scope"), {"fields": ("role", "territory")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "role", "territory")
    list_filter = ("role", "is_active", "is_superuser")
    list_select_related = ("territory",)
    search_fields = ("username", "first_name", "last_name", "email", "territory__name_uk")
    autocomplete_fields = ("territory",)
    filter_horizontal = ()
