from django.urls import path

from fragola.governance import views

app_name = "governance"

urlpatterns = [
    path("org/<id:organisation_id>/governance/", views.governance_home, name="home"),
    path(
        "org/<id:organisation_id>/governance/seats/add/",
        views.board_seat_add,
        name="seat_add",
    ),
    path(
        "org/<id:organisation_id>/governance/seats/<id:seat_id>/end/",
        views.board_seat_end,
        name="seat_end",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/add/",
        views.assembly_schedule,
        name="assembly_add",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/<id:assembly_id>/voters/",
        views.assembly_voters,
        name="voters",
    ),
]
