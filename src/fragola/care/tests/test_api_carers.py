"""The care API for carers, absences, volunteers' tasks, hours and expenses: the same services
and the same access rules as the pages (Bob coordinates Alfa, Vera volunteers there, Charlie
runs Gamma and sees nothing of Alfa)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fragola.care.models import Absence, CarerKind, Expense, ExpenseStatus, VolunteerLog
from fragola.care.tests.personas import carer_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/care"


def _json(client, method: str, url: str, body: object):
    return getattr(client, method)(url, body, content_type="application/json")


def test_it_lists_carers_with_their_qualifications(care, care_client):
    response = care_client("bob").get(f"{BASE}/organisations/{care.world.alfa.pk}/carers")
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["items"]}
    assert set(rows) == {care.carla_carer.pk, care.walter.pk, care.vera_volunteer.pk, care.ugo.pk}
    assert [q["kind"] for q in rows[care.carla_carer.pk]["qualifications"]] == ["oss"]


def test_it_filters_volunteers(care, care_client):
    bob = care_client("bob")
    volunteers = bob.get(f"{BASE}/organisations/{care.world.alfa.pk}/volunteers").json()
    by_kind = bob.get(f"{BASE}/organisations/{care.world.alfa.pk}/carers?kind=volunteer").json()
    expected = {care.vera_volunteer.pk, care.ugo.pk}
    assert {row["id"] for row in volunteers["items"]} == expected
    assert {row["id"] for row in by_kind["items"]} == expected


def test_the_carer_list_costs_the_same_queries_for_more_carers(
    care, care_client, django_assert_max_num_queries
):
    bob = care_client("bob")
    url = f"{BASE}/organisations/{care.world.alfa.pk}/carers"
    bob.get(url)  # warm the session and the role cache
    for n in range(8):
        carer_for(care.world.alfa, CarerKind.WORKER, qualification="oss", last_name=f"Extra{n}")
    with django_assert_max_num_queries(12):
        response = bob.get(url)
    assert response.json()["count"] == 12


@pytest.mark.parametrize("who", ["charlie", "carla", "vera", "mario"])
def test_others_get_a_404_for_carers(care, care_client, who):
    client = care_client(who)
    assert client.get(f"{BASE}/organisations/{care.world.alfa.pk}/carers").status_code == 404
    assert client.get(f"{BASE}/carers/{care.carla_carer.pk}").status_code == 404
    assert client.get(f"{BASE}/carers/{care.carla_carer.pk}/absences").status_code == 404
    body = {"kind": "holiday", "starts_on": "2030-01-01", "ends_on": "2030-01-02"}
    url = f"{BASE}/carers/{care.carla_carer.pk}/absences"
    assert _json(client, "post", url, body).status_code == 404
    assert not Absence.objects.exists()


def test_a_coordinator_records_and_lists_an_absence(care, care_client):
    bob = care_client("bob")
    day = care.today + dt.timedelta(days=3)
    body = {"kind": "holiday", "starts_on": str(day), "ends_on": str(day + dt.timedelta(days=1))}
    url = f"{BASE}/carers/{care.carla_carer.pk}/absences"
    created = _json(bob, "post", url, body)
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "holiday"
    listed = bob.get(f"{url}?start={day}&end={day}").json()
    assert [row["id"] for row in listed["items"]] == [created.json()["id"]]
    before = bob.get(f"{url}?start={care.today - dt.timedelta(days=9)}&end={care.today}").json()
    assert before["count"] == 0


def test_an_absence_ending_before_it_starts_is_a_422_naming_the_field(care, care_client):
    body = {"kind": "holiday", "starts_on": "2030-01-05", "ends_on": "2030-01-01"}
    url = f"{BASE}/carers/{care.carla_carer.pk}/absences"
    response = _json(care_client("bob"), "post", url, body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["ends_on"]
    wrong_kind = _json(care_client("bob"), "post", url, {**body, "kind": "strike"})
    assert [e["field"] for e in wrong_kind.json()["detail"]] == ["kind"]
    assert not Absence.objects.exists()


def test_a_carer_shows_their_availability(care, care_client):
    from fragola.care import services

    services.availability_set(carer=care.walter, slots=[(1, dt.time(8), dt.time(12))])
    detail = care_client("bob").get(f"{BASE}/carers/{care.walter.pk}").json()
    assert detail["availability"] == [
        {"weekday": 1, "starts_at": "08:00:00", "ends_at": "12:00:00"}
    ]
    slots = care_client("bob").get(f"{BASE}/carers/{care.walter.pk}/availability").json()
    assert slots == detail["availability"]


def test_a_volunteer_sees_and_takes_an_open_task(care, care_client):
    vera = care_client("vera")
    org = care.world.alfa.pk
    tasks = vera.get(f"{BASE}/organisations/{org}/volunteer/tasks").json()
    assert care.volunteer_task.pk in {row["id"] for row in tasks["items"]}
    url = f"{BASE}/organisations/{org}/volunteer/tasks/{care.volunteer_task.pk}/take"
    taken = vera.post(url)
    assert taken.status_code == 200, taken.content
    assert taken.json()["carer_id"] == care.vera_volunteer.pk
    again = vera.post(url)
    assert again.status_code == 422
    assert [e["field"] for e in again.json()["detail"]] == ["visit"]


@pytest.mark.parametrize("who", ["charlie", "carla", "bob"])
def test_only_volunteers_reach_the_volunteer_endpoints(care, care_client, who):
    client = care_client(who)
    org = care.world.alfa.pk
    url = f"{BASE}/organisations/{org}/volunteer/tasks/{care.volunteer_task.pk}/take"
    assert client.post(url).status_code == 404
    assert client.get(f"{BASE}/organisations/{org}/volunteer/hours").status_code == 404
    care.volunteer_task.refresh_from_db()
    assert care.volunteer_task.carer_id is None


def test_a_volunteer_logs_hours_and_a_future_day_is_refused(care, care_client):
    vera = care_client("vera")
    url = f"{BASE}/organisations/{care.world.alfa.pk}/volunteer/hours"
    body = {"day": str(care.today), "hours": "2.50", "activity": "companionship"}
    logged = _json(vera, "post", url, body)
    assert logged.status_code == 201, logged.content
    assert logged.json()["hours"] == "2.50"
    future = _json(vera, "post", url, {**body, "day": str(care.today + dt.timedelta(days=1))})
    assert future.status_code == 422
    assert [e["field"] for e in future.json()["detail"]] == ["day"]
    assert [row["id"] for row in vera.get(url).json()["items"]] == [logged.json()["id"]]
    assert VolunteerLog.objects.count() == 1


def test_a_volunteer_sets_their_availability(care, care_client):
    vera = care_client("vera")
    url = f"{BASE}/organisations/{care.world.alfa.pk}/volunteer/availability"
    good = {"slots": [{"weekday": 2, "starts_at": "15:00", "ends_at": "18:00"}]}
    assert _json(vera, "put", url, good).json() == [
        {"weekday": 2, "starts_at": "15:00:00", "ends_at": "18:00:00"}
    ]
    bad = {"slots": [{"weekday": 2, "starts_at": "18:00", "ends_at": "15:00"}]}
    response = _json(vera, "put", url, bad)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["availability"]
    assert care.vera_volunteer.availability.count() == 1


def _claim(client, care, receipt: bytes, name: str = "r.pdf"):
    url = f"{BASE}/organisations/{care.world.alfa.pk}/volunteer/expenses"
    data = {
        "day": str(care.today),
        "amount": "7.20",
        "description": "Biglietto del bus",
        "receipt": SimpleUploadedFile(name, receipt),
    }
    return client.post(url, data)


def test_a_volunteer_claims_an_expense_and_the_coordinator_approves_it(care, care_client):
    claimed = _claim(care_client("vera"), care, b"%PDF-1.4 receipt")
    assert claimed.status_code == 201, claimed.content
    expense_id = claimed.json()["id"]
    bob = care_client("bob")
    waiting = bob.get(f"{BASE}/organisations/{care.world.alfa.pk}/expenses?status=claimed")
    assert [row["id"] for row in waiting.json()["items"]] == [expense_id]
    approved = bob.post(f"{BASE}/expenses/{expense_id}/approve")
    assert approved.status_code == 200
    assert approved.json()["status"] == ExpenseStatus.APPROVED
    twice = bob.post(f"{BASE}/expenses/{expense_id}/approve")
    assert [e["field"] for e in twice.json()["detail"]] == ["status"]


def test_a_receipt_that_is_not_a_document_is_a_422(care, care_client):
    response = _claim(care_client("vera"), care, b"just text", name="r.txt")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["receipt"]
    assert not Expense.objects.exists()


def test_a_rejection_needs_a_reason_and_others_cannot_decide(care, care_client):
    _claim(care_client("vera"), care, b"%PDF-1.4 receipt")
    expense = Expense.objects.get()
    url = f"{BASE}/expenses/{expense.pk}/reject"
    blank = _json(care_client("bob"), "post", url, {"reason": "   "})
    assert [e["field"] for e in blank.json()["detail"]] == ["reason"]
    for who in ("charlie", "vera"):
        assert care_client(who).post(f"{BASE}/expenses/{expense.pk}/approve").status_code == 404
    rejected = _json(care_client("bob"), "post", url, {"reason": "Scontrino illeggibile"})
    assert rejected.json()["status"] == ExpenseStatus.REJECTED
    expense.refresh_from_db()
    assert expense.amount == Decimal("7.20") and expense.status == ExpenseStatus.REJECTED


def test_the_expense_list_costs_the_same_queries_for_more_expenses(
    care, care_client, django_assert_max_num_queries
):
    for _ in range(2):
        _claim(care_client("vera"), care, b"%PDF-1.4 receipt")
    bob = care_client("bob")
    url = f"{BASE}/organisations/{care.world.alfa.pk}/expenses"
    bob.get(url)
    for _ in range(6):
        _claim(care_client("vera"), care, b"%PDF-1.4 receipt")
    with django_assert_max_num_queries(8):
        assert bob.get(url).json()["count"] == 8
