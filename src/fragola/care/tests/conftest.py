"""Fixtures of the care tests: the care world and logged-in clients for its people."""

from __future__ import annotations

import pytest
from django.test import Client

from fragola.care.tests.personas import CareWorld, build_care_world
from fragola.testing.personas import World


@pytest.fixture
def care(world: World) -> CareWorld:
    return build_care_world(world)


@pytest.fixture
def care_client(care: CareWorld):
    def make(name: str) -> Client:
        user = care.fiona if name == "fiona" else getattr(care.world, name)
        client = Client()
        client.force_login(user)
        return client

    return make
