from django.urls import path

from fragola.workforce import views

urlpatterns = [
    path("org/<int:organisation_id>/workers/", views.worker_list, name="worker_list"),
    path("org/<int:organisation_id>/workers/export.csv", views.worker_export, name="worker_export"),
    path("org/<int:organisation_id>/workers.json", views.worker_api, name="worker_api"),
    path(
        "org/<int:organisation_id>/workers/certificates/<int:certificate_id>/document/",
        views.certificate_document,
        name="certificate_document",
    ),
]
