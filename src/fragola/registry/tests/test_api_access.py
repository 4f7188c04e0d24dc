"""Every persona against every registry endpoint: what each may see and do, 404 otherwise."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from fragola.core.services import token_create
from fragola.registry.models import ShareMovement, ShareMovementKind
from fragola.testing.factories import MembershipFactory
from fragola.testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def subscribed(world: World) -> None:
    """Alfa's member has subscribed capital, so a payment has something to pay."""
    ShareMovement.objects.create(
        membership=world.alfa_member,
        kind=ShareMovementKind.SUBSCRIPTION,
        amount=Decimal("100.00"),
        date=world.alfa_member.applied_on,
    )


EVERYONE = ("alice", "bob", "carla", "vera", "mario", "tina", "sara", "charlie")
ALFA_STAFF = ("alice", "bob", "carla", "vera", "mario")
ALFA_BOOK_READERS = ("alice", "bob", "sara")


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # placeholders filled from the world: {alfa}, {beta}, {member}, {applicant}...
    allowed: tuple[str, ...]
    ok: int = 200
    body: dict[str, Any] | None = None


APPLICATION = {
    "kind": "natural",
    "fiscal_code": "RSSMRA80A01F205X",
    "first_name": "Mario",
    "last_name": "Rossi",
    "birth_date": "1980-01-01",
    "sex": "M",
    "category": "lavoratore",
    "applied_on": "2025-03-01",
    "shares_subscribed": "25.00",
}

ENDPOINTS = [
    Endpoint("alfa", "get", "/api/v1/organisations/{alfa}", (*ALFA_STAFF, "sara")),
    Endpoint("beta", "get", "/api/v1/organisations/{beta}", ("tina", "sara")),
    Endpoint("gamma", "get", "/api/v1/organisations/{gamma}", ("charlie",)),
    Endpoint(
        "rename alfa",
        "patch",
        "/api/v1/organisations/{alfa}",
        ("alice",),
        body={"address": "Via Roma 1"},
    ),
    Endpoint("alfa book", "get", "/api/v1/organisations/{alfa}/members", ALFA_BOOK_READERS),
    Endpoint("beta book", "get", "/api/v1/organisations/{beta}/members", ()),
    Endpoint("gamma book", "get", "/api/v1/organisations/{gamma}/members", ("charlie",)),
    Endpoint(
        "alfa member", "get", "/api/v1/organisations/{alfa}/members/{member}", ALFA_BOOK_READERS
    ),
    Endpoint(
        "alfa member history",
        "get",
        "/api/v1/organisations/{alfa}/members/{member}/history",
        ALFA_BOOK_READERS,
    ),
    Endpoint("beta member", "get", "/api/v1/organisations/{beta}/members/{beta_member}", ()),
    Endpoint(
        "apply to alfa",
        "post",
        "/api/v1/organisations/{alfa}/members",
        ("alice",),
        ok=201,
        body=APPLICATION,
    ),
    Endpoint(
        "admit to alfa",
        "post",
        "/api/v1/organisations/{alfa}/members/{applicant}/admit",
        ("alice",),
        body={"admitted_on": "2025-04-01"},
    ),
    Endpoint(
        "exit from alfa",
        "post",
        "/api/v1/organisations/{alfa}/members/{member}/exit",
        ("alice",),
        body={"exited_on": "2025-04-01", "exit_reason": "withdrawal"},
    ),
    Endpoint(
        "pay alfa shares",
        "post",
        "/api/v1/organisations/{alfa}/members/{member}/shares",
        ("alice",),
        ok=201,
        body={"kind": "payment", "amount": "25.00", "date": "2025-04-01"},
    ),
    Endpoint(
        "consortium members",
        "get",
        "/api/v1/organisations/{consortium}/consortium-members",
        ("sara",),
    ),
    Endpoint("comuni", "get", "/api/v1/comuni?q=Bergamo", EVERYONE),
    Endpoint("me", "get", "/api/v1/me", EVERYONE),
    Endpoint("tokens", "get", "/api/v1/tokens", EVERYONE),
]


def _url(endpoint: Endpoint, world: World) -> str:
    applicant = MembershipFactory(organisation=world.alfa, admitted_on=None, member_number=None)
    return endpoint.path.format(
        alfa=world.alfa.pk,
        beta=world.beta.pk,
        gamma=world.gamma.pk,
        consortium=world.consortium.pk,
        member=world.alfa_member.pk,
        beta_member=world.beta_member.pk,
        applicant=applicant.pk,
    )


def _call(client: Client, endpoint: Endpoint, url: str, **extra: Any) -> Any:
    send = getattr(client, endpoint.method)
    if endpoint.body is None:
        return send(url, **extra)
    return send(url, endpoint.body, content_type="application/json", **extra)


def _token_client(user: Any) -> Client:
    _, raw = token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_it_answers_each_persona_as_their_roles_allow(world, persona, endpoint):
    response = _call(_token_client(getattr(world, persona)), endpoint, _url(endpoint, world))
    expected = endpoint.ok if persona in endpoint.allowed else 404
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_it_answers_401_to_the_anonymous(world, endpoint):
    response = _call(Client(), endpoint, _url(endpoint, world))
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("alice", {"alfa"}),
        ("bob", {"alfa"}),
        ("mario", {"alfa"}),
        ("tina", {"beta"}),
        ("sara", {"consortium", "alfa", "beta"}),
        ("charlie", {"gamma"}),
    ],
)
def test_it_lists_only_the_organisations_a_persona_may_see(world, persona, visible):
    response = _token_client(getattr(world, persona)).get("/api/v1/organisations")
    names = {item["name"] for item in response.json()["items"]}
    assert names == {getattr(world, name).name for name in visible}
    assert response.json()["count"] == len(visible)


def test_it_hides_a_member_behind_another_cooperatives_url(world):
    # Alfa's member through Gamma's URL: charlie must not learn it exists.
    url = f"/api/v1/organisations/{world.gamma.pk}/members/{world.alfa_member.pk}"
    assert _token_client(world.charlie).get(url).status_code == 404
    # Alice's own member through Beta's URL is not found either.
    url = f"/api/v1/organisations/{world.beta.pk}/members/{world.alfa_member.pk}"
    assert _token_client(world.alice).get(url).status_code == 404


def test_it_does_not_let_a_coordinator_admit_and_writes_nothing(world):
    applicant = MembershipFactory(organisation=world.alfa, admitted_on=None, member_number=None)
    url = f"/api/v1/organisations/{world.alfa.pk}/members/{applicant.pk}/admit"
    response = _token_client(world.bob).post(
        url, {"admitted_on": "2025-04-01"}, content_type="application/json"
    )
    assert response.status_code == 404
    applicant.refresh_from_db()
    assert applicant.admitted_on is None


def test_it_shows_the_consortium_which_members_share_their_book(world):
    url = f"/api/v1/organisations/{world.consortium.pk}/consortium-members"
    items = _token_client(world.sara).get(url).json()["items"]
    shares = {item["name"]: item["shares_members_book"] for item in items}
    assert shares == {world.alfa.name: True, world.beta.name: False}
    assert {item["joined_on"] for item in items} == {dt.date(2015, 1, 1).isoformat()}


def test_it_says_there_are_no_consortium_members_of_a_cooperative(world):
    url = f"/api/v1/organisations/{world.alfa.pk}/consortium-members"
    assert _token_client(world.alice).get(url).status_code == 404


def test_it_tells_each_user_their_roles(world):
    me = _token_client(world.sara).get("/api/v1/me").json()
    by_name = {org["name"]: org for org in me["organisations"]}
    assert me["username"] == "sara"
    assert by_name[world.consortium.name]["roles"] == ["staff"]
    assert by_name[world.alfa.name]["roles"] == []
    assert "view_book" in by_name[world.alfa.name]["permissions"]
    assert "view_book" not in by_name[world.beta.name]["permissions"]
    assert world.gamma.name not in by_name
