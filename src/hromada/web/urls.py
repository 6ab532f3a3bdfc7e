from __future__ import annotations

from django.urls import path

from hromada.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
]
