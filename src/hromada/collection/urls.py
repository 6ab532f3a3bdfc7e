from __future__ import annotations

from django.urls import path

from hromada.collection import (
    board_views,
    entry_views,
    excel_views,
    review_views,
    rule_views,
    views,
)
from hromada.lib import url_converters  # noqa: F401  registers <indicator:…> and friends

app_name = "collection"
H = "<int:pk>/h/<str:code>/"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("new/", views.campaign_create, name="create"),
    path("audit/", board_views.audit, name="audit"),
    path("rules/", rule_views.rule_list, name="rules"),
    path("rules/new/", rule_views.rule_form, name="rule_new"),
    path("rules/check/", rule_views.rule_check, name="rule_check"),
    path("rules/<int:pk>/", rule_views.rule_form, name="rule_edit"),
    path(
        "correct/<str:code>/<indicator:indicator>/<int:year>/",
        review_views.correct,
        name="correct",
    ),
    path("<int:pk>/", board_views.campaign_detail, name="campaign"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/copy/", views.campaign_copy, name="copy"),
    path("<int:pk>/progress/", board_views.progress, name="progress"),
    path(
        "<int:pk>/progress.<table_format:file_format>",
        board_views.progress_export,
        name="progress_export",
    ),
    path("<int:pk>/status/", board_views.public_status, name="public_status"),
    path(H, entry_views.entry, name="entry"),
    path(H + "field/<indicator:indicator>/", entry_views.save_field, name="field"),
    path(H + "submit/", entry_views.submit, name="submit"),
    path(H + "review/", review_views.review, name="review"),
    path(H + "return/", review_views.return_view, name="return"),
    path(H + "verify/", review_views.verify, name="verify"),
    path(H + "reopen/", review_views.reopen, name="reopen"),
    path(H + "workbook/", excel_views.workbook, name="workbook"),
    path(H + "upload/", excel_views.upload, name="upload"),
    path(
        "<int:pk>/oblast/<str:code>/workbook/", excel_views.oblast_workbook, name="oblast_workbook"
    ),
    path("<int:pk>/oblast/<str:code>/upload/", excel_views.oblast_upload, name="oblast_upload"),
]
