"""Consortium pages under /org/<id>/procurement/, a co-op's own lots under /org/<id>/lots/,
and the tender deadlines' calendar feed under /ical/tenders/."""

from django.urls import path

from fragola.procurement import views

app_name = "procurement"

BASE = "org/<id:organisation_id>/procurement/"
TENDER = BASE + "tenders/<id:tender_id>/"

urlpatterns = [
    path(BASE, views.board, name="board"),
    path(BASE + "bodies/", views.bodies, name="bodies"),
    path(BASE + "tenders/new/", views.tender_new, name="tender_new"),
    path(TENDER, views.tender_detail, name="tender"),
    path(TENDER + "lots/", views.lot_add, name="lot_add"),
    path(TENDER + "executors/", views.executor_add, name="executor_add"),
    path(
        TENDER + "executors/<id:executor_id>/remove/",
        views.executor_remove,
        name="executor_remove",
    ),
    path(TENDER + "move/", views.tender_move, name="move"),
    path(TENDER + "award/", views.tender_award, name="award"),
    path(TENDER + "contract/", views.contract_record, name="contract"),
    path(TENDER + "contract/shares/", views.share_set, name="share_set"),
    path(TENDER + "contract/prices/", views.price_set, name="price_set"),
    path("org/<id:organisation_id>/lots/", views.own_lots, name="own_lots"),
    path("ical/tenders/<str:token>.ics", views.tender_ical, name="ical"),
]
