from __future__ import annotations

from django.urls import path

from hromada.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("search/", views.search, name="search"),
    path("pick/", views.pick, name="pick"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/statuses/add/", views.status_add, name="status_add"),
    path("<str:code>/statuses/<int:pk>/edit/", views.status_edit, name="status_edit"),
    path("<str:code>/statuses/<int:pk>/end/", views.status_end, name="status_end"),
]
