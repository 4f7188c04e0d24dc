import pytest
from django.core import mail
from django.urls import reverse

from fragola.registry.models import Role, RoleName

pytestmark = pytest.mark.django_db


def test_it_creates_an_account_and_mails_a_link_to_choose_a_password(
    world, client_for, django_capture_on_commit_callbacks
):
    url = reverse("roles", args=[world.alfa.pk])
    data = {"email": "nuova.operatrice@example.org", "first_name": "Nadia", "role": "carer"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("alice").post(url, data)
    assert response.status_code == 302
    role = Role.objects.get(user__email="nuova.operatrice@example.org")
    assert (role.organisation, role.name) == (world.alfa, RoleName.CARER)
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_it_gives_an_existing_user_a_second_role_without_a_new_account(world, client_for):
    url = reverse("roles", args=[world.alfa.pk])
    world.bob.email = "bob@example.org"
    world.bob.save()
    client_for("alice").post(url, {"email": "BOB@example.org", "role": "tutor"})
    assert set(Role.objects.filter(user=world.bob).values_list("name", flat=True)) == {
        "coordinator",
        "tutor",
    }
    assert mail.outbox == []


def test_it_keeps_the_last_administrator(world, client_for):
    role = Role.objects.get(user=world.alice, organisation=world.alfa)
    url = reverse("role_remove", args=[world.alfa.pk, role.pk])
    client_for("alice").post(url)
    assert Role.objects.filter(pk=role.pk).exists()


def test_it_refuses_a_carer_role_in_a_consortium(world, client_for):
    url = reverse("roles", args=[world.consortium.pk])
    response = client_for("sara").post(url, {"email": "x@example.org", "role": "carer"})
    assert response.status_code == 200
    assert not Role.objects.filter(user__email="x@example.org").exists()


@pytest.mark.parametrize("persona", ["bob", "carla", "mario", "charlie"])
def test_it_shows_the_access_page_only_to_administrators(persona, world, client_for):
    assert client_for(persona).get(reverse("roles", args=[world.alfa.pk])).status_code == 404


def test_it_does_not_let_sara_remove_roles_in_a_member_cooperative(world, client_for):
    role = Role.objects.get(user=world.bob, organisation=world.alfa)
    response = client_for("sara").post(reverse("role_remove", args=[world.alfa.pk, role.pk]))
    assert response.status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()
