"""The one role → permission table (fragola.core.access) knows every role of the registry."""

from __future__ import annotations

import pytest

from fragola.core.access import ROLE_PERMISSIONS, Perm, has_perm, permission_map
from fragola.registry.models import Role, RoleName
from fragola.registry.services import role_give

pytestmark = pytest.mark.django_db


def test_every_role_name_has_its_permissions():
    assert set(RoleName.values) <= set(ROLE_PERMISSIONS)


def test_disadvantage_data_is_never_inherited_through_a_consortium(world):
    sara_in_alfa = permission_map(world.sara)[world.alfa.pk]

    assert Perm.VIEW_BOOK in sara_in_alfa  # Alfa shares its book with the consortium
    assert Perm.READ_DISADVANTAGE not in sara_in_alfa
    assert Perm.MANAGE_CARE not in sara_in_alfa


def test_a_role_given_shows_at_once_and_is_written_once(world):
    assert not has_perm(world.mario, world.alfa, Perm.CARE_FOR_USERS)

    role_give(user=world.mario, organisation_id=world.alfa.pk, name=RoleName.CARER)
    role_give(user=world.mario, organisation_id=world.alfa.pk, name=RoleName.CARER)

    assert has_perm(world.mario, world.alfa, Perm.CARE_FOR_USERS)
    assert Role.objects.filter(user=world.mario, name=RoleName.CARER).count() == 1
