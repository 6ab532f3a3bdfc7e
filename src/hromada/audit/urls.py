from __future__ import annotations

from django.urls import path

from hromada.audit import views

app_name = "audit"

urlpatterns = [path("", views.log, name="log")]
