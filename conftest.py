"""Fixtures shared by every test: the personas' world and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from fragola.testing.personas import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(world, name))
        return client

    return make
