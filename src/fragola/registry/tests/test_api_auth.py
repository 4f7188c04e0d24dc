"""Authentication of the API: personal access tokens, the session with CSRF, and the docs."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from fragola.core.models import PersonalAccessToken
from fragola.core.services import token_create, token_revoke

pytestmark = pytest.mark.django_db

CSRF = "a" * 32  # a well-formed CSRF secret, set as the cookie and sent back as the header


def _bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _session(user, *, csrf: bool) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies["csrftoken"] = CSRF
    if csrf:
        client.defaults["HTTP_X_CSRFTOKEN"] = CSRF
    return client


def test_it_lets_a_token_act_as_its_user_and_notes_its_use(world):
    token, raw = token_create(user=world.charlie, name="export")
    client = _bearer(raw)
    assert client.get(f"/api/v1/organisations/{world.gamma.pk}").status_code == 200
    assert client.get(f"/api/v1/organisations/{world.alfa.pk}").status_code == 404
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown", "inactive user"])
def test_it_refuses_a_token_that_is_no_longer_good(world, state):
    token, raw = token_create(user=world.alice, name="old")
    if state == "revoked":
        token_revoke(token=token)
    elif state == "expired":
        token.expires_at = timezone.now() - dt.timedelta(seconds=1)
        token.save(update_fields=["expires_at"])
    elif state == "unknown":
        raw += "x"
    else:
        world.alice.is_active = False
        world.alice.save(update_fields=["is_active"])
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 401


def test_it_creates_a_token_shown_once_that_then_works(world):
    response = _session(world.alice, csrf=True).post(
        "/api/v1/tokens", {"name": "laptop", "expires_in_days": 30}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    raw = response.json()["token"]
    assert raw.startswith("frg_")
    assert _bearer(raw).get("/api/v1/me").json()["username"] == "alice"
    listed = _bearer(raw).get("/api/v1/tokens").json()
    assert [item["name"] for item in listed] == ["laptop"]
    assert "token" not in listed[0]
    expires_at = dt.datetime.fromisoformat(listed[0]["expires_at"])
    assert dt.timedelta(days=29) < expires_at - timezone.now() <= dt.timedelta(days=30)


def test_it_does_not_let_a_token_mint_another(world):
    _, raw = token_create(user=world.alice, name="ci")
    response = _bearer(raw).post(
        "/api/v1/tokens", {"name": "more"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert PersonalAccessToken.objects.filter(user=world.alice).count() == 1


def test_it_revokes_a_token_which_then_stops_working(world):
    token, raw = token_create(user=world.alice, name="ci")
    response = _session(world.alice, csrf=True).delete(f"/api/v1/tokens/{token.pk}")
    assert response.status_code == 204
    assert _bearer(raw).get("/api/v1/me").status_code == 401


def test_it_does_not_let_one_user_revoke_anothers_token(world):
    token, raw = token_create(user=world.alice, name="ci")
    _, charlies = token_create(user=world.charlie, name="mine")
    assert _bearer(charlies).delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    assert [t["name"] for t in _bearer(charlies).get("/api/v1/tokens").json()] == ["mine"]
    assert _bearer(raw).get("/api/v1/me").status_code == 200


def test_it_reads_with_the_session_without_csrf(world):
    response = _session(world.alice, csrf=False).get(f"/api/v1/organisations/{world.alfa.pk}")
    assert response.status_code == 200


@pytest.mark.parametrize("csrf", [False, True])
def test_it_needs_csrf_to_write_with_the_session(world, csrf):
    url = f"/api/v1/organisations/{world.alfa.pk}"
    response = _session(world.alice, csrf=csrf).patch(
        url, {"address": "Via Verdi 2"}, content_type="application/json"
    )
    world.alfa.refresh_from_db()
    if csrf:
        assert response.status_code == 200
        assert world.alfa.address == "Via Verdi 2"
    else:
        assert response.status_code == 403
        assert world.alfa.address != "Via Verdi 2"


def test_it_publishes_the_registry_in_the_openapi_schema(db):
    schema = Client().get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/organisations/{organisation_id}/members",
        "/api/v1/organisations/{organisation_id}/members/{membership_id}",
        "/api/v1/organisations/{organisation_id}/members/{membership_id}/history",
        "/api/v1/organisations/{organisation_id}/members/{membership_id}/admit",
        "/api/v1/organisations/{organisation_id}/members/{membership_id}/exit",
        "/api/v1/organisations/{organisation_id}/members/{membership_id}/shares",
        "/api/v1/organisations/{organisation_id}/consortium-members",
        "/api/v1/comuni",
        "/api/v1/me",
        "/api/v1/tokens",
        "/api/v1/tokens/{token_id}",
    } <= paths
    assert "MemberOut" in schema["components"]["schemas"]


def test_it_serves_the_api_docs(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_it_serves_the_api_docs_offline(db):
    page = Client().get("/api/docs").content.decode()
    assert "cdn.jsdelivr.net" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200
