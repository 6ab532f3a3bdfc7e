"""Health endpoints, at the root and without a language prefix: machines ask for them."""

from __future__ import annotations

from django.urls import path

from hromada.ops import views

app_name = "ops"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
