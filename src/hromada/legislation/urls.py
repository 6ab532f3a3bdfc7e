from __future__ import annotations

from django.urls import path

from hromada.legislation import feeds, views

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
]
