from django.contrib.auth import views as auth_views
from django.urls import include, path

from fragola.core import login_guard, views

urlpatterns = [
    path("accounts/login/", login_guard.LoginView.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        login_guard.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", views.token_list, name="token_list"),
    path("accounts/tokens/<id:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
]
