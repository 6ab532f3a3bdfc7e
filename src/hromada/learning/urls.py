from __future__ import annotations

from django.urls import path

from hromada.learning import feedback_views, feeds, file_views, views

app_name = "learning"

urlpatterns = [
    path("", views.event_list, name="events"),
    path("calendar.ics", feeds.calendar, name="calendar"),
    path("new/", views.event_edit, name="event_new"),
    path("record/", views.record, name="record"),
    path("reach/", feedback_views.reach_board, name="reach"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/certificates/", views.issue, name="issue"),
    path("<int:pk>/certificates.zip", views.certificates_zip, name="certificates_zip"),
    path("<int:pk>/letters/", views.letters, name="letters"),
    path(
        "<int:pk>/evaluation-questions/",
        feedback_views.evaluation_questionnaire,
        name="evaluation_questionnaire",
    ),
    path("<int:pk>/attendance-sheet/", views.attendance_sheet, name="attendance_sheet"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/evaluate/", feedback_views.evaluate, name="evaluate"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("check/<str:code>/", views.verify, name="verify"),
    path("practices/", views.practice_list, name="practices"),
    path("practices/new/", views.practice_new, name="practice_new"),
    path("practices/<int:pk>/", views.practice_detail, name="practice"),
    path("practices/<int:pk>/review/", views.practice_review, name="practice_review"),
    path("practices/<int:pk>/adopt/", views.practice_adopt, name="practice_adopt"),
    path("practices/<int:pk>/files/", file_views.practice_file_add, name="practice_file_add"),
    path(
        "practices/<int:pk>/files/<int:file_id>/",
        file_views.practice_file,
        name="practice_file",
    ),
]
