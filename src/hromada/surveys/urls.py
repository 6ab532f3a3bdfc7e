from __future__ import annotations

from django.urls import path

from hromada.surveys import respond_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/build/", views.build, name="build"),
    path("<int:pk>/waves/new/", views.wave_create, name="wave_create"),
    path("waves/<int:pk>/", views.wave_detail, name="wave"),
    path("waves/<int:pk>/mail/", views.mail, name="mail"),
    path("waves/<int:pk>/close/", views.close, name="close"),
    path("waves/<int:pk>/export/", views.export, name="export"),
    path("waves/<int:pk>/export/<str:name>", views.export_file, name="export_file"),
    path("waves/<int:pk>/publish/", views.publish, name="publish"),
    path("waves/<int:pk>/publish-results/", views.publish_results, name="publish_results"),
    path("waves/<int:pk>/approve/", views.approve_all, name="approve_all"),
    path("waves/<int:pk>/responses/<uuid:response>/", views.response_detail, name="response"),
    path("r/<str:token>/", respond_views.respond, name="respond"),
    path("r/<str:token>/relevance/", respond_views.relevance, name="relevance"),
]
