"""The API keeps its own contract: authentication, ids, strict dates and times, bodies, answers."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from fragola.core.api import ERR_NOT_AN_OBJECT, ERR_NOT_ISO_DATE, MAX_ID
from fragola.core.services import token_create, token_revoke
from fragola.registry.services import ERR_MOVEMENT_BEFORE_APPLICATION
from fragola.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[4] / "docs" / "api.md"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice_api(world) -> Client:
    _, raw = token_create(user=world.alice, name="contract")
    return Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": "en"})


def _share(client: Client, world, body: object):
    url = f"/api/v1/organisations/{world.alfa.pk}/members/{world.alfa_member.pk}/shares"
    return client.post(url, body, content_type="application/json")


def test_it_answers_401_to_a_revoked_token_on_a_write(world):
    token, raw = token_create(user=world.alice, name="old")
    token_revoke(token=token)
    response = Client(headers={"Authorization": f"Bearer {raw}"}).patch(
        f"/api/v1/organisations/{world.alfa.pk}", {"pec": "x@pec.it"}, "application/json"
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/{big}",
        "/api/v1/care/organisations/{big}/service-users",
        "/api/v1/care/organisations/{big}/visits",
        "/api/v1/care/service-users/{big}",
        "/api/v1/organisations/{alfa}/members/{big}",
    ],
)
def test_it_answers_404_to_an_id_no_database_can_hold(world, alice_api, path):
    for big in (MAX_ID + 1, 10**30):
        response = alice_api.get(path.format(big=big, alfa=world.alfa.pk))
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "name", ["care_home", "care_visits", "care_today", "organisation_detail", "worker_list"]
)
def test_it_answers_404_to_a_page_with_an_id_no_database_can_hold(world, client_for, name):
    path = reverse(name, args=[1]).replace("/1/", f"/{MAX_ID + 1}/", 1)
    assert client_for("alice").get(path).status_code == 404


def test_it_refuses_a_payment_dated_before_the_application(world, alice_api):
    world.alfa_member.applied_on = world.alfa_member.applied_on.replace(year=2007)
    world.alfa_member.save(update_fields=["applied_on"])
    response = _share(alice_api, world, {"kind": "payment", "amount": "5.00", "date": "1900-01-01"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "date",
            "message": str(ERR_MOVEMENT_BEFORE_APPLICATION)
            % {"applied": world.alfa_member.applied_on.isoformat()},
        }
    ]
    assert not world.alfa_member.share_movements.filter(date__year=1900).exists()


@pytest.mark.parametrize("date", [0, "0", 1_700_000_000, "2025-3-1", "01/03/2025"])
def test_it_refuses_a_date_that_is_not_iso_text(world, alice_api, date):
    response = _share(alice_api, world, {"kind": "payment", "amount": "5.00", "date": date})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "date", "message": str(ERR_NOT_ISO_DATE)}]


@pytest.mark.parametrize("body", ["[null, null]", "[]", "null", '"pec"', "3"])
def test_it_refuses_a_patch_that_is_not_an_object(world, alice_api, body):
    before = alice_api.get(f"/api/v1/organisations/{world.alfa.pk}").json()
    response = alice_api.patch(f"/api/v1/organisations/{world.alfa.pk}", body, "application/json")
    assert response.status_code == 422
    assert {"field": "__all__", "message": str(ERR_NOT_AN_OBJECT)} in response.json()["detail"]
    assert alice_api.get(f"/api/v1/organisations/{world.alfa.pk}").json() == before


def test_it_answers_times_of_day_in_the_format_its_schema_gives(world, client_for):
    from fragola.care.tests.personas import build_care_world

    care = build_care_world(world)
    response = client_for("bob").get(f"/api/v1/care/service-users/{care.maria.pk}/plans")
    schema = client_for("bob").get("/api/openapi.json").json()
    pattern = schema["components"]["schemas"]["PlanServiceOut"]["properties"]["window_start"]
    services = [service for plan in response.json() for service in plan["services"]]
    assert services
    for service in services:
        assert re.match(pattern["pattern"], service["window_start"])
        assert re.match(pattern["pattern"], service["window_end"])


def test_it_documents_every_answer_an_operation_can_give(world, alice_api):
    schema = alice_api.get("/api/openapi.json").json()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            expected = {"401", "429"}
            if "{" in path:
                expected.add("404")
            if operation.get("parameters") or "requestBody" in operation:
                expected.add("422")
            if method in {"post", "patch", "delete"}:
                expected.add("403")
            missing += [f"{method} {path} {code}" for code in sorted(expected - documented)]
    assert missing == []


def test_it_serves_the_schema_where_the_docs_say(world, alice_api):
    named = set(re.findall(r"`(/api/[\w/.]*openapi\.json)`", DOCS.read_text()))
    assert named == {"/api/openapi.json"}
    assert alice_api.get("/api/openapi.json").status_code == 200


def test_it_throttles_a_user_who_calls_too_often(world, alice_api, settings):
    settings.FRAGOLA_API_RATE = "3/min"
    answers = [alice_api.get("/api/v1/me").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_it_creates_no_member_from_a_body_that_is_a_list(world, alice_api):
    before = MembershipFactory._meta.model.objects.count()
    response = alice_api.post(
        f"/api/v1/organisations/{world.alfa.pk}/members", "[null, null]", "application/json"
    )
    assert response.status_code == 422
    assert MembershipFactory._meta.model.objects.count() == before


def test_it_explains_a_bad_date_in_the_callers_language(world, alice_api):
    from django.utils import translation

    alice_api.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    response = _share(alice_api, world, {"kind": "payment", "amount": "5.00", "date": 0})
    with translation.override("it"):
        expected = str(ERR_NOT_ISO_DATE)
    assert expected != "Use an ISO date: YYYY-MM-DD."
    assert response.json()["detail"] == [{"field": "date", "message": expected}]
