from django.urls import include, path

from fragola.registry import views, views_roles

urlpatterns = [
    path("", views.home, name="home"),
    path("comuni/options/", views.comune_options, name="comune_options"),
    path("", include("fragola.registry.urls_io")),
    path("org/<int:organisation_id>/", views.organisation_detail, name="organisation_detail"),
    path("org/<int:organisation_id>/edit/", views.organisation_edit, name="organisation_edit"),
    path("org/<int:organisation_id>/roles/", views_roles.roles, name="roles"),
    path(
        "org/<int:organisation_id>/roles/<int:role_id>/remove/",
        views_roles.role_remove,
        name="role_remove",
    ),
    path("org/<int:organisation_id>/members/", views.member_book, name="member_book"),
    path("org/<int:organisation_id>/members/apply/", views.member_apply, name="member_apply"),
    path("org/<int:organisation_id>/members/history/", views.book_history, name="book_history"),
    path(
        "org/<int:organisation_id>/members/<int:membership_id>/",
        views.member_detail,
        name="member_detail",
    ),
    path(
        "org/<int:organisation_id>/members/<int:membership_id>/admit/",
        views.member_admit,
        name="member_admit",
    ),
    path(
        "org/<int:organisation_id>/members/<int:membership_id>/exit/",
        views.member_exit,
        name="member_exit",
    ),
    path(
        "org/<int:organisation_id>/members/<int:membership_id>/shares/",
        views.member_share,
        name="member_share",
    ),
]
