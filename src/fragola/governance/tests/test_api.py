"""The board and the assemblies through the API: Alice (admin of Alfa) reads and writes, Bob
(coordinator) only reads, Charlie (Gamma) sees nothing of Alfa."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from fragola.governance import services
from fragola.governance.api import ERR_NO_SUCH_PERSON
from fragola.governance.models import Assembly, BoardSeat

pytestmark = pytest.mark.django_db

BASE = "/api/v1/governance"


def _post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_the_admin_appoints_a_director_and_reads_the_board(world, client_for):
    alice = client_for("alice")
    person = world.alfa_member.person
    url = f"{BASE}/organisations/{world.alfa.pk}/board"
    body = {"fiscal_code": person.fiscal_code, "role": "president", "started_on": "2025-05-01"}
    created = _post(alice, url, body)
    assert created.status_code == 201, created.content
    assert created.json()["person_id"] == person.pk
    board = alice.get(url).json()
    assert [row["role"] for row in board["items"]] == ["president"]
    seat_id = created.json()["id"]
    ended = _post(alice, f"{url}/{seat_id}/end", {"ended_on": "2025-04-01"})
    assert [e["field"] for e in ended.json()["detail"]] == ["ended_on"]


def test_an_unknown_fiscal_code_is_a_422_naming_it(world, client_for):
    url = f"{BASE}/organisations/{world.alfa.pk}/board"
    body = {"fiscal_code": "RSSMRA80A01H501U", "role": "director", "started_on": "2025-05-01"}
    response = _post(client_for("alice"), url, body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["fiscal_code"]
    with translation.override("it"):  # the API's language without an Accept-Language header
        assert response.json()["detail"][0]["message"] == str(ERR_NO_SUCH_PERSON)
    assert not BoardSeat.objects.exists()


def test_the_admin_schedules_an_assembly_and_lists_its_voters(world, client_for):
    alice = client_for("alice")
    url = f"{BASE}/organisations/{world.alfa.pk}/assemblies"
    held_on = timezone.localdate() + dt.timedelta(days=30)
    created = _post(alice, url, {"held_on": str(held_on), "kind": "ordinary", "agenda": "Bilancio"})
    assert created.status_code == 201, created.content
    listed = alice.get(f"{url}?start={held_on}").json()
    assert [row["id"] for row in listed["items"]] == [created.json()["id"]]
    voters = alice.get(f"{url}/{created.json()['id']}/voters")
    assert voters.status_code == 200
    wrong = _post(alice, url, {"held_on": str(held_on), "kind": "secret"})
    assert [e["field"] for e in wrong.json()["detail"]] == ["kind"]


def test_a_coordinator_reads_but_does_not_write(world, client_for):
    bob = client_for("bob")
    assert bob.get(f"{BASE}/organisations/{world.alfa.pk}/board").status_code == 200
    url = f"{BASE}/organisations/{world.alfa.pk}/assemblies"
    assert _post(bob, url, {"held_on": "2030-05-01"}).status_code == 404
    assert not Assembly.objects.exists()


def test_another_co_op_sees_nothing(world, client_for):
    seat = services.board_seat_add(
        organisation=world.alfa, person=world.alfa_member.person, role="director",
        started_on=dt.date(2024, 1, 1),
    )  # fmt: skip
    charlie = client_for("charlie")
    base = f"{BASE}/organisations/{world.alfa.pk}"
    assert charlie.get(f"{base}/board").status_code == 404
    assert charlie.get(f"{base}/assemblies").status_code == 404
    assert (
        _post(charlie, f"{base}/board/{seat.pk}/end", {"ended_on": "2025-01-01"}).status_code == 404
    )
    gamma_seat = f"{BASE}/organisations/{world.gamma.pk}/board/{seat.pk}/end"
    assert _post(charlie, gamma_seat, {"ended_on": "2025-01-01"}).status_code == 404
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_the_assembly_list_costs_the_same_queries_for_more_assemblies(
    world, client_for, django_assert_max_num_queries
):
    alice = client_for("alice")
    url = f"{BASE}/organisations/{world.alfa.pk}/assemblies?start=2025-01-01"
    alice.get(url)
    for month in range(1, 7):
        services.assembly_schedule(
            organisation=world.alfa, held_on=dt.date(2025, month, 10), kind="ordinary"
        )
    with django_assert_max_num_queries(8):
        assert alice.get(url).json()["count"] == 6


def test_the_api_throttle_covers_the_governance_router(world, client_for, settings):
    settings.FRAGOLA_API_RATE = "2/min"
    alice = client_for("alice")
    url = f"{BASE}/organisations/{world.alfa.pk}/board"
    assert [alice.get(url).status_code for _ in range(3)] == [200, 200, 429]
