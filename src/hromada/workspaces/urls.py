from __future__ import annotations

from django.urls import path

from hromada.workspaces import views

app_name = "workspaces"

urlpatterns = [
    path("sections/<slug:code>/", views.section, name="section"),
    path("sections/<slug:code>/meetings/new/", views.meeting_edit, name="meeting_new"),
    path("sections/<slug:code>/meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path("sections/<slug:code>/documents/", views.document_upload, name="document_upload"),
    path("sections/<slug:code>/documents/<int:pk>/", views.document_download, name="document"),
    path(
        "sections/<slug:code>/documents/<int:pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("sections/<slug:code>/chairs/", views.chair_appoint, name="chair_appoint"),
    path("sections/<slug:code>/chairs/<int:pk>/remove/", views.chair_remove, name="chair_remove"),
    path("branches/<str:code>/", views.branch, name="branch"),
]
