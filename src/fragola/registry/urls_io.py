"""Import and export pages (members' book, co-operatives)."""

from django.urls import URLPattern, path

from fragola.registry import views_io

urlpatterns: list[URLPattern] = [
    path(
        "import/templates/<str:kind>.<str:file_format>",
        views_io.import_template,
        name="import_template",
    ),
    path(
        "org/<id:organisation_id>/members/import/",
        views_io.member_import,
        name="member_import",
    ),
    path(
        "org/<id:organisation_id>/members/import/confirm/",
        views_io.member_import_confirm,
        name="member_import_confirm",
    ),
    path(
        "org/<id:organisation_id>/members/import/<id:job_id>/",
        views_io.member_import_job,
        name="member_import_job",
    ),
    path(
        "org/<id:organisation_id>/members/export.<str:file_format>",
        views_io.member_export,
        name="member_export",
    ),
    path(
        "org/<id:organisation_id>/coops/import/",
        views_io.coop_import,
        name="coop_import",
    ),
    path(
        "org/<id:organisation_id>/coops/import/confirm/",
        views_io.coop_import_confirm,
        name="coop_import_confirm",
    ),
]
