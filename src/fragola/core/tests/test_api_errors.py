"""The API's own refusals of a body reach the client with the field and message of core.api."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from fragola.core.api import ERR_NUL
from fragola.core.services import token_create

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def alice_api(world) -> Client:
    cache.clear()  # a fresh throttle
    _, raw = token_create(user=world.alice, name="errors")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_it_refuses_a_null_character_in_text(world, alice_api):
    url = f"/api/v1/organisations/{world.alfa.pk}"
    response = alice_api.patch(url, {"address": "Via Roma\x00 1"}, "application/json", **EN)
    assert response.status_code == 422
    with translation.override("en"):
        assert response.json()["detail"] == [{"field": "address", "message": str(ERR_NUL)}]
    world.alfa.refresh_from_db()
    assert "\x00" not in world.alfa.address
