from __future__ import annotations

from django.urls import path

from hromada.workspaces import feeds, news_views, partnership_views, views

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
    path("branches/<str:code>/news.rss", feeds.BranchNewsFeed(), name="branch_feed"),
    path("sections/<slug:code>/news.rss", feeds.SectionNewsFeed(), name="section_feed"),
    path("news/", news_views.news_list, name="news"),
    path("newsletter/send/", views.digest_send, name="digest_send"),
    path(
        "newsletter/undeliverable/<int:pk>/clear/",
        views.undeliverable_clear,
        name="undeliverable_clear",
    ),
    path("newsletter/<str:token>/", views.subscription, name="subscription"),
    path("news/new/", news_views.news_edit, name="news_new"),
    path("news/desk/", news_views.news_desk, name="news_desk"),
    path("news/<int:pk>/", news_views.news_detail, name="news_item"),
    path("news/<int:pk>/edit/", news_views.news_edit, name="news_edit"),
    path("news/<int:pk>/files/", news_views.news_file_upload, name="news_file_upload"),
    path("news/<int:pk>/files/<int:file>/", news_views.news_file, name="news_file"),
    path("news/<int:pk>/submit/", news_views.news_submit, name="news_submit"),
    path("news/<int:pk>/publish/", news_views.news_publish, name="news_publish"),
    path("news/<int:pk>/return/", news_views.news_return, name="news_return"),
    path("international/", partnership_views.international, name="international"),
    path("international/projects/new/", partnership_views.project_edit, name="project_new"),
    path("international/projects/<int:pk>/", partnership_views.project_detail, name="project"),
    path(
        "international/projects/<int:pk>/edit/",
        partnership_views.project_edit,
        name="project_edit",
    ),
    path(
        "international/projects/<int:pk>/documents/",
        partnership_views.project_document_upload,
        name="project_document_upload",
    ),
    path(
        "international/projects/<int:pk>/documents/<int:document>/",
        partnership_views.project_document,
        name="project_document",
    ),
    path(
        "international/projects/<int:pk>/documents/<int:document>/delete/",
        partnership_views.project_document_delete,
        name="project_document_delete",
    ),
]
