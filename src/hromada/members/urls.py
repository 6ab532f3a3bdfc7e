from __future__ import annotations

from django.urls import path

from hromada.members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("branches/", views.branches, name="branches"),
    path("sections/", views.sections, name="sections"),
    path("admit/", views.admit, name="admit"),
    path("sections/new/", views.section_edit, name="section_create"),
    path("sections/<slug:code>/edit/", views.section_edit, name="section_edit"),
    path("<str:code>/", views.member, name="member"),
    path("<str:code>/workspace/", views.workspace, name="workspace"),
    path("<str:code>/status/", views.change_status, name="change_status"),
    path("<str:code>/dues/", views.record_dues, name="record_dues"),
    path("<str:code>/people/new/", views.person_edit, name="person_create"),
    path("<str:code>/people/<int:pk>/", views.person_edit, name="person_edit"),
]
