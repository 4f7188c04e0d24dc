from django.urls import path

from fragola.workforce import views, views_manage

urlpatterns = [
    path("org/<id:organisation_id>/workers/", views.worker_list, name="worker_list"),
    path("org/<id:organisation_id>/workers/hire/", views_manage.worker_hire, name="worker_hire"),
    path(
        "org/<id:organisation_id>/workers/<id:employment_id>/end/",
        views_manage.worker_end,
        name="worker_end",
    ),
    path(
        "org/<id:organisation_id>/workers/<id:employment_id>/certificate/",
        views_manage.worker_certificate,
        name="worker_certificate",
    ),
    path("org/<id:organisation_id>/workers/export.csv", views.worker_export, name="worker_export"),
    path("org/<id:organisation_id>/workers.json", views.worker_api, name="worker_api"),
    path(
        "org/<id:organisation_id>/workers/certificates/<id:certificate_id>/document/",
        views.certificate_document,
        name="certificate_document",
    ),
]
