"""Login throttling and password-reset limits: slow attackers, never lock a colleague out."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from fragola.core.login_guard import (
    ERR_RESETS_FROM_ADDRESS,
    ERR_USERNAME_SLOWED,
    client_address,
)
from fragola.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.FRAGOLA_LOGIN_ADDRESS_LIMIT = 20
    settings.FRAGOLA_LOGIN_USERNAME_SLOW_AFTER = 10
    settings.FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS = 10
    settings.FRAGOLA_PASSWORD_RESETS_PER_ADDRESS = 5
    settings.FRAGOLA_TRUSTED_PROXIES = []
    cache.clear()
    yield
    cache.clear()


def _attempt(username: str, password: str, address: str, **headers: str):
    return Client().post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_it_locks_an_address_that_sprays_passwords_over_many_user_names(world):
    for n in range(20):
        _attempt(f"someone{n}", "wrong", "10.9.9.9")
    # Bob's right password from the spraying address is refused; from his own address it works.
    assert _attempt("bob", PASSWORD, "10.9.9.9").status_code == 429
    assert _attempt("bob", PASSWORD, "10.1.1.1").status_code == 302


def test_it_keeps_the_right_password_working_from_another_address_after_a_lock(world):
    for _ in range(5):
        _attempt("alice", "wrong", "10.6.6.6")
    assert _attempt("alice", PASSWORD, "10.6.6.6").status_code == 429
    assert _attempt("alice", PASSWORD, "10.1.2.3").status_code == 302


def test_it_slows_but_does_not_lock_a_user_name_attacked_from_many_addresses(world):
    _attempt("alice", PASSWORD, "10.1.2.3")  # Alice's usual address
    for n in range(12):
        _attempt("alice", "wrong", f"10.7.0.{n + 1}")
    slowed = _attempt("alice", PASSWORD, "10.8.8.8")
    assert slowed.status_code == 429
    assert int(slowed["Retry-After"]) > 0
    assert str(ERR_USERNAME_SLOWED).split("%")[0] in slowed.content.decode()
    # From where she logged in before, Alice is not slowed at all.
    assert _attempt("alice", PASSWORD, "10.1.2.3").status_code == 302


def test_it_lets_a_slowed_user_name_in_once_the_delay_has_passed(world, settings):
    for n in range(12):
        _attempt("alice", "wrong", f"10.7.0.{n + 1}")
    settings.FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS = 0
    assert _attempt("alice", PASSWORD, "10.8.8.8").status_code == 302


def test_it_ignores_forwarded_addresses_from_clients_that_are_not_the_proxy(world):
    # Without a trusted proxy, a forged header cannot pose as Alice's address...
    for _ in range(5):
        _attempt("alice", "wrong", "10.6.6.6", HTTP_X_FORWARDED_FOR="10.1.2.3")
    assert _attempt("alice", PASSWORD, "10.1.2.3").status_code == 302
    # ... nor escape the lock on its own address by rotating the header.
    locked = _attempt("alice", PASSWORD, "10.6.6.6", HTTP_X_FORWARDED_FOR="10.5.5.5")
    assert locked.status_code == 429


def test_it_tells_clients_apart_behind_the_trusted_proxy(world, settings):
    settings.FRAGOLA_TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        _attempt("alice", "wrong", PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = _attempt("alice", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    # Everyone comes through the proxy; Alice at her own address is not locked out.
    allowed = _attempt("alice", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert allowed.status_code == 302


def test_it_reads_the_client_address_from_the_right_of_the_forwarded_header(settings):
    settings.FRAGOLA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4, 10.0.0.7"
    )
    assert client_address(request) == "198.51.100.4"
    untrusted = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(untrusted) == "192.0.2.1"


def _reset(email: str, address: str = "10.3.3.3"):
    return Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_it_sends_one_reset_mail_per_account_per_window(world):
    world.alice.email = "alice@example.org"
    world.alice.save(update_fields=["email"])
    answers = [_reset("alice@example.org", f"10.3.3.{n}").status_code for n in range(10)]
    assert answers == [302] * 10  # the answer never tells whether a mail left
    assert len(mail.outbox) == 1


def test_it_limits_reset_requests_from_one_address(world):
    for n in range(5):
        assert _reset(f"nobody{n}@example.org").status_code == 302
    refused = _reset("nobody@example.org")
    assert refused.status_code == 429
    assert str(ERR_RESETS_FROM_ADDRESS) in refused.content.decode()
