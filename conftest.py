"""Fixtures shared by every test: the personas' world and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from fragola.testing.personas import World, build_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """PBKDF2's deliberate slowness protects real logins; in tests it would only cost minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
