"""Fixtures shared by every test: the personas' world and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from fragola.testing.personas import World, build_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """PBKDF2's deliberate slowness protects real logins; in tests it would only cost minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The API throttle and the password-reset limits count in the cache: each test starts at 0."""
    from django.core.cache import cache

    cache.clear()


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


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    uses_live_server = "live_server" in getattr(item, "fixturenames", ())
    return uses_live_server or bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A transactional test empties every table when it ends, the migrated comuni too.

    Put them back once its fixtures are gone, so that the tests that follow on this worker see
    the territory exactly as a migrated database has it.
    """
    result = yield
    # After the worker's last test the test database itself is gone: nothing to restore.
    if nextitem is not None and _is_transactional(item):
        from fragola.registry.territory import territory_is_loaded, territory_load

        with item.config.stash[blocking_manager_key].unblock():
            if not territory_is_loaded():
                territory_load()
    return result
