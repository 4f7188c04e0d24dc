"""A coordinator attaches logins of their own co-op only, and learns nothing of the others'.

Charlie administers Gamma, outside Alfa: Bob, coordinating Alfa, must not be able to make him a
carer or a relative at Alfa, nor tell his user name from one that exists nowhere.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fragola.care.forms import ERR_NO_SUCH_LOGIN
from fragola.care.models import Carer, FamilyMember
from fragola.registry.models import Role
from fragola.testing.factories import PersonFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register_carer(care, care_client, username: str):
    person = PersonFactory(organisation=care.world.alfa)
    response = care_client("bob").post(
        reverse("care_carers", args=[care.world.alfa.pk]),
        {"person": person.pk, "kind": "worker", "qualification": "none", "username": username},
    )
    return person, response


def _add_relative(care, care_client, username: str):
    url = reverse("care_family_add", args=[care.world.alfa.pk, care.giovanni.pk])
    return care_client("bob").post(url, {"name": "Parente", "username": username}, follow=True)


def test_it_refuses_another_cooperatives_login_as_a_carer(care, care_client):
    person, response = _register_carer(care, care_client, "charlie")

    assert str(ERR_NO_SUCH_LOGIN) in response.content.decode()
    assert not Carer.objects.filter(person=person).exists()
    assert not Carer.objects.filter(user=care.world.charlie).exists()


def test_it_answers_the_same_for_a_login_elsewhere_and_for_no_login_at_all(care, care_client):
    _person, elsewhere = _register_carer(care, care_client, "charlie")
    _person, nowhere = _register_carer(care, care_client, "nobody-by-this-name")

    assert str(ERR_NO_SUCH_LOGIN) in elsewhere.content.decode()
    assert str(ERR_NO_SUCH_LOGIN) in nowhere.content.decode()
    assert elsewhere.status_code == nowhere.status_code


def test_it_attaches_a_login_of_the_cooperative_to_a_new_carer(care, care_client):
    login = UserFactory(username="nuova")
    RoleFactory(user=login, organisation=care.world.alfa, name="carer")

    person, _response = _register_carer(care, care_client, "nuova")

    assert Carer.objects.get(person=person).user == login


def test_it_refuses_another_cooperatives_login_as_a_relative(care, care_client):
    response = _add_relative(care, care_client, "charlie")

    assert str(ERR_NO_SUCH_LOGIN) in response.content.decode()
    assert not FamilyMember.objects.filter(user=care.world.charlie).exists()
    assert not Role.objects.filter(user=care.world.charlie, organisation=care.world.alfa).exists()


def test_it_gives_the_family_portal_to_a_login_of_the_cooperative(care, care_client):
    _add_relative(care, care_client, "fiona")

    assert FamilyMember.objects.filter(service_user=care.giovanni, user=care.fiona).exists()
