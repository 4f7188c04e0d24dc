"""Work integration in the Django admin: every model listed, read-only, projects for superusers."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from fragola.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [m for m in admin.site._registry if m._meta.app_label == "integration"]


def test_every_model_of_the_app_is_in_the_admin() -> None:
    from django.apps import apps

    models = apps.get_app_config("integration").get_models()
    # The history tables of django-simple-history are shown through their models' history page.
    assert set(MODELS) == {m for m in models if not m._meta.model_name.startswith("historical")}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_a_superuser_sees_each_list_and_cannot_add(model, client: Client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    opts = model._meta
    assert (
        client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code
        == 200
    )
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403


def test_projects_are_hidden_from_staff_even_with_the_view_permission(client: Client) -> None:
    user = UserFactory(is_staff=True, is_superuser=False)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_integrationproject", "view_workcontract"])
    )
    client.force_login(user)
    assert client.get(reverse("admin:integration_workcontract_changelist")).status_code == 200
    assert client.get(reverse("admin:integration_integrationproject_changelist")).status_code == 403
