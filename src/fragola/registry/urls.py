from django.urls import include, path

from fragola.registry import views, views_roles

urlpatterns = [
    path("", views.home, name="home"),
    path("comuni/options/", views.comune_options, name="comune_options"),
    path("", include("fragola.registry.urls_io")),
    path("org/<id:organisation_id>/", views.organisation_detail, name="organisation_detail"),
    path("org/<id:organisation_id>/edit/", views.organisation_edit, name="organisation_edit"),
    path("org/<id:organisation_id>/roles/", views_roles.roles, name="roles"),
    path(
        "org/<id:organisation_id>/roles/<id:role_id>/remove/",
        views_roles.role_remove,
        name="role_remove",
    ),
    path("org/<id:organisation_id>/members/", views.member_book, name="member_book"),
    path("org/<id:organisation_id>/members/apply/", views.member_apply, name="member_apply"),
    path("org/<id:organisation_id>/members/history/", views.book_history, name="book_history"),
    path(
        "org/<id:organisation_id>/members/<id:membership_id>/",
        views.member_detail,
        name="member_detail",
    ),
    path(
        "org/<id:organisation_id>/members/<id:membership_id>/admit/",
        views.member_admit,
        name="member_admit",
    ),
    path(
        "org/<id:organisation_id>/members/<id:membership_id>/exit/",
        views.member_exit,
        name="member_exit",
    ),
    path(
        "org/<id:organisation_id>/members/<id:membership_id>/shares/",
        views.member_share,
        name="member_share",
    ),
]
