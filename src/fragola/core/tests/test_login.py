import pytest
from django.test import Client
from django.urls import reverse

from fragola.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _attempt(client: Client, username: str, password: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_it_logs_alice_in_with_her_password(world):
    response = _attempt(Client(), "alice", PASSWORD)
    assert response.status_code == 302


def test_it_locks_a_user_name_out_after_five_failures_even_with_the_right_password(world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for _ in range(5):
        assert _attempt(client, "alice", "wrong").status_code in {200, 429}
    locked = _attempt(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_out_other_users_from_the_same_address(world):
    client = Client()
    for _ in range(5):
        _attempt(client, "alice", "wrong")
    assert _attempt(Client(), "bob", PASSWORD).status_code == 302


def test_it_refuses_a_form_post_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403


def test_it_shows_a_new_token_once_and_stores_only_its_hash(world, client_for):
    from fragola.core.models import PersonalAccessToken, hash_token

    response = client_for("alice").post(reverse("token_list"), {"name": "ERP"})
    raw = response.context["created_raw"]
    token = PersonalAccessToken.objects.get(user=world.alice)
    assert token.token_hash == hash_token(raw)
    assert raw not in client_for("alice").get(reverse("token_list")).content.decode()
