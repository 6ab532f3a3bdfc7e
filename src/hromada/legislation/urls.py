from __future__ import annotations

from django.urls import path

from hromada.legislation import consultation_views, dialogue_views, feeds, views

app_name = "legislation"

urlpatterns = [
    path("", views.bill_list, name="bills"),
    path("import/", views.import_bills, name="import"),
    path("drafts/new/", views.add_draft, name="add_draft"),
    path("following/", views.following, name="following"),
    path("follow/", views.follow, name="follow"),
    path("following/<int:pk>/stop/", views.unfollow, name="unfollow"),
    path("feeds/stages.rss", feeds.StagesFeed(), name="stages_feed"),
    path("feeds/positions.rss", feeds.PositionsFeed(), name="positions_feed"),
    path("positions/", views.position_list, name="positions"),
    path("positions/new/", views.position_edit, name="position_new"),
    path("positions/<int:pk>/", views.position_detail, name="position"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/publish/", views.position_publish, name="position_publish"),
    path("positions/<int:pk>/letters/", views.letter_add, name="letter_add"),
    path("letters/<int:pk>/", views.letter_document, name="letter_document"),
    path("bills/<str:number>/", views.bill_detail, name="bill"),
    path("bills/<str:number>/tags/", views.tag_bill, name="tag_bill"),
    path("bills/<str:number>/stages/", views.add_stage, name="add_stage"),
    path("bills/<str:number>/positions/new/", views.position_edit, name="bill_position_new"),
    path(
        "bills/<str:number>/consultations/new/",
        consultation_views.consultation_new,
        name="consultation_new",
    ),
    path("consultations/", consultation_views.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", consultation_views.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/articles/<int:article>/comments/",
        consultation_views.comment_add,
        name="comment_add",
    ),
    path(
        "consultations/<int:pk>/consolidate/",
        consultation_views.consolidate,
        name="consolidate",
    ),
    path("positions/<int:pk>/impact/", consultation_views.impact_edit, name="impact_edit"),
    path(
        "positions/<int:pk>/impact/recompute/",
        consultation_views.impact_recompute,
        name="impact_recompute",
    ),
    path(
        "positions/<int:pk>/impact/export/",
        consultation_views.impact_export,
        name="impact_export",
    ),
    path("meetings/", dialogue_views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", dialogue_views.meeting_detail, name="meeting"),
    path("mp-group/", dialogue_views.mp_group, name="mp_group"),
    path("mp-group/import/", dialogue_views.mp_import, name="mp_import"),
    path("mp-group/<int:pk>/", dialogue_views.mp_set_group, name="mp_set_group"),
]
