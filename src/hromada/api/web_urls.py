"""The API tokens page (language-prefixed, like every page of the site)."""

from __future__ import annotations

from django.urls import path

from hromada.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
