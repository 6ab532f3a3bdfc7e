from __future__ import annotations

from django.urls import path

from hromada.indicators import value_views, views
from hromada.lib import url_converters  # noqa: F401  registers <indicator:…> and friends

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.indicator_create, name="create"),
    path("import/", views.catalogue_import, name="import"),
    path("export/<catalogue_format:file_format>/", views.catalogue_export, name="export"),
    path(
        "values/<str:territory_code>/<indicator:indicator_code>/<int:year>/",
        value_views.value_detail,
        name="value",
    ),
    path("<indicator:code>/", views.indicator_detail, name="detail"),
    path("<indicator:code>/edit/", views.indicator_edit, name="edit"),
    path("<indicator:code>/active/", views.indicator_set_active, name="set_active"),
]
