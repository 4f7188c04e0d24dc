from django.urls import path

from fragola.backoffice import views

app_name = "backoffice"

P = "org/<id:organisation_id>/backoffice/"
R = P + "requests/<id:request_id>/"
C = P + "costs/"

urlpatterns = [
    path(P, views.backoffice_home, name="home"),
    path(P + "requests/open/", views.request_open, name="request_open"),
    path(R, views.request_detail, name="request"),
    path(R + "answer/", views.request_answer, name="request_answer"),
    path(R + "resolve/", views.request_resolve, name="request_resolve"),
    path(R + "time/", views.request_log_time, name="request_time"),
    path(R + "rate/", views.request_rate, name="request_rate"),
    path(P + "charges/", views.charges, name="charges"),
    path(C, views.costs, name="costs"),
    path(C + "prepare/", views.run_prepare, name="run_prepare"),
    path(C + "<id:run_id>/", views.run_detail, name="run"),
    path(C + "<id:run_id>/approve/", views.run_approve, name="run_approve"),
    path(C + "<id:run_id>/revise/", views.run_revise, name="run_revise"),
]
