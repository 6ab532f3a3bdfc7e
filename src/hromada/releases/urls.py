from __future__ import annotations

from django.urls import path

from hromada.releases import views

app_name = "releases"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("calendar.ics", views.release_calendar, name="calendar"),
    path("new/", views.release_create, name="create"),
    path("<int:pk>/", views.release_detail, name="detail"),
    path("<int:pk>/changes.csv", views.release_changes_csv, name="changes_csv"),
    path("<int:pk>/publish/", views.release_publish, name="publish"),
]
