from django.urls import path

from fragola.governance import views, views_assemblies, views_polls

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
    path("org/<id:organisation_id>/polls/", views_polls.poll_list, name="polls"),
    path("org/<id:organisation_id>/polls/add/", views_polls.poll_create, name="poll_add"),
    path("org/<id:organisation_id>/polls/<id:poll_id>/", views_polls.poll_detail, name="poll"),
    path(
        "org/<id:organisation_id>/polls/<id:poll_id>/vote/",
        views_polls.poll_vote,
        name="poll_vote",
    ),
    path(
        "org/<id:organisation_id>/polls/<id:poll_id>/open/",
        views_polls.poll_open,
        name="poll_open",
    ),
    path(
        "org/<id:organisation_id>/polls/<id:poll_id>/close/",
        views_polls.poll_close,
        name="poll_close",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/<id:assembly_id>/",
        views_assemblies.assembly_detail,
        name="assembly",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/<id:assembly_id>/convene/",
        views_assemblies.assembly_convene,
        name="assembly_convene",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/<id:assembly_id>/voters/<id:voter_id>/",
        views_assemblies.attendance,
        name="attendance",
    ),
    path(
        "org/<id:organisation_id>/governance/assemblies/<id:assembly_id>/minutes.pdf",
        views_assemblies.minutes,
        name="minutes",
    ),
]
