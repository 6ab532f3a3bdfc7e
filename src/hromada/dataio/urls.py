from __future__ import annotations

from django.urls import path

from hromada.dataio import views
from hromada.dataio.export_views import export

app_name = "dataio"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<uuid:token>/", views.preview, name="preview"),
    path("import/<uuid:token>/apply/", views.apply, name="apply"),
    path("import/<uuid:token>/discard/", views.discard, name="discard"),
    path("import/<uuid:token>/problems.<str:kind>", views.problems, name="problems"),
    path("imports/", views.batches, name="imports"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("imports/<int:pk>/rollback/", views.rollback, name="rollback"),
    path("export/", export, name="export"),
]
