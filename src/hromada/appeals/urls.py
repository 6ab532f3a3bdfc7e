from __future__ import annotations

from django.urls import path

from hromada.appeals import office_views, views

app_name = "appeals"

urlpatterns = [
    path("", views.problem_list, name="problems"),
    path("new/", views.problem_new, name="new"),
    path("board/", office_views.board, name="board"),
    path("export/", office_views.export, name="export"),
    path("bodies/", office_views.bodies, name="bodies"),
    path("overdue/", office_views.overdue, name="overdue"),
    path("<int:pk>/", views.problem_detail, name="problem"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/close/", views.close, name="close"),
    path("letters/<int:pk>/answer/", views.answer, name="answer"),
    path("letters/<int:pk>/pdf/", office_views.letter_pdf, name="letter_pdf"),
    path("answers/<int:pk>/pdf/", office_views.answer_document, name="answer_document"),
    path("answers/import/", office_views.import_answers, name="import_answers"),
    path("template/", office_views.letter_template, name="template"),
    path("<int:pk>/files/", views.evidence_upload, name="evidence_upload"),
    path("files/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("files/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
