"""Compliance pages; the workforce pages are included here until the project includes them."""

from django.urls import URLPattern, URLResolver, include, path

from fragola.compliance import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("org/<int:organisation_id>/compliance/", views.compliance_page, name="compliance"),
    path(
        "org/<int:organisation_id>/compliance/board/",
        views.compliance_board,
        name="compliance_board",
    ),
    path(
        "org/<int:organisation_id>/compliance/board/<id:member_id>/",
        views.compliance_board_row,
        name="compliance_board_row",
    ),
    path(
        "org/<int:organisation_id>/compliance/alerts/",
        views.compliance_alerts,
        name="compliance_alerts",
    ),
    path(
        "org/<int:organisation_id>/compliance/report.csv",
        views.compliance_csv,
        name="compliance_csv",
    ),
    path(
        "org/<int:organisation_id>/compliance/report.pdf",
        views.compliance_pdf,
        name="compliance_pdf",
    ),
    path("", include("fragola.workforce.urls")),
]
