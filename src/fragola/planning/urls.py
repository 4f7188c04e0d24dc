"""Planning pages under /org/<id>/planning/ and the carers' iCal feeds under /ical/."""

from django.urls import URLPattern, path

from fragola.planning.views import board, feed, runs

P = "org/<int:organisation_id>/planning/"
R = P + "runs/<int:run_id>/"

urlpatterns: list[URLPattern] = [
    path(P, runs.planning_home, name="planning_home"),
    path(P + "repair/", runs.planning_repair, name="planning_repair"),
    path(P + "mine/", feed.planning_mine, name="planning_mine"),
    path(R, runs.planning_run, name="planning_run"),
    path(R + "progress/", runs.planning_progress, name="planning_progress"),
    path(R + "publish/", runs.planning_publish, name="planning_publish"),
    path(R + "accept/", runs.planning_decide, {"decision": "accept"}, name="planning_accept"),
    path(R + "reject/", runs.planning_decide, {"decision": "reject"}, name="planning_reject"),
    path(R + "assignments/<int:assignment_id>/move/", board.planning_move, name="planning_move"),
    path("ical/<str:token>.ics", feed.planning_ical, name="planning_ical"),
]
