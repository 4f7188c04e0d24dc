from django.urls import path

from fragola.governance import views

app_name = "governance"

urlpatterns = [
    path("org/<int:organisation_id>/governance/", views.governance_home, name="home"),
    path(
        "org/<int:organisation_id>/governance/seats/add/",
        views.board_seat_add,
        name="seat_add",
    ),
    path(
        "org/<int:organisation_id>/governance/seats/<int:seat_id>/end/",
        views.board_seat_end,
        name="seat_end",
    ),
    path(
        "org/<int:organisation_id>/governance/assemblies/add/",
        views.assembly_schedule,
        name="assembly_add",
    ),
    path(
        "org/<int:organisation_id>/governance/assemblies/<int:assembly_id>/voters/",
        views.assembly_voters,
        name="voters",
    ),
]
