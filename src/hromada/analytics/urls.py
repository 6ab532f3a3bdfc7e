from __future__ import annotations

from django.urls import path

from hromada.analytics import group_views, report_views, views
from hromada.lib import url_converters  # noqa: F401  registers <indicator:…>

app_name = "analytics"
urlpatterns = [
    path("", views.index, name="index"),
    path("methods/", views.methods, name="methods"),
    path("profile/<str:code>/", views.profile, name="profile"),
    path("profile/<str:code>/pdf/", report_views.profile_pdf, name="profile_pdf"),
    path("similar/<str:code>/", report_views.similar, name="similar"),
    path("indicator/<indicator:code>/", views.indicator, name="indicator"),
    path("boundaries.geojson", views.boundaries, name="boundaries"),
    path("compare/", views.compare, name="compare"),
    path("aggregates/", report_views.aggregates, name="aggregates"),
    path("pivot/", report_views.pivot, name="pivot"),
    path("groups/", group_views.group_list, name="groups"),
    path("groups/new/", group_views.group_create, name="group_create"),
    path("groups/<int:pk>/", group_views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", group_views.group_delete, name="group_delete"),
]
