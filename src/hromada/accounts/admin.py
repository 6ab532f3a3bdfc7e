"""Users in the admin: their role and territory, nothing of Django's own permission system.

Who may do what is decided by hromada.accounts.permissions from the role, so groups,
per-user permissions and `is_staff` are left out of the forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.accounts.actions import grant_role
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

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """A new role or territory goes through `grant_role`, which writes its audit entry."""
        if not {"role", "territory"} & set(form.changed_data):
            super().save_model(request, obj, form, change)
            return
        role, territory = obj.role, obj.territory
        stored = User.objects.select_related("territory").get(pk=obj.pk) if change else None
        obj.role = stored.role if stored else ""
        obj.territory = stored.territory if stored else None
        super().save_model(request, obj, form, change)
        grant_role(obj, role=role, territory=territory, by=cast(User, request.user))
