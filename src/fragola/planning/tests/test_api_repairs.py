"""Repairs through the API: start one for an absent carer, follow it, accept or reject it; the
same services as the planning page (Bob coordinates Alfa; Charlie runs Gamma)."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.care.models import Absence, CarerKind, Visit
from fragola.care.tests.personas import carer_for
from fragola.planning.models import PlanningRun, RunKind, RunStatus
from fragola.planning.tests.test_repair import absent_carer_and_day, published_week

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate", "fast_solver")]

BASE = "/api/v1/planning"


def _start(client, planning, carer_id: int, day, capture):
    url = f"{BASE}/organisations/{planning.world.alfa.pk}/repairs"
    body = {"carer_id": carer_id, "day": str(day), "kind": "sickness"}
    with capture(execute=True):
        return client.post(url, body, content_type="application/json")


def test_a_coordinator_repairs_a_day_and_accepts_it(
    planning, care_client, django_capture_on_commit_callbacks
):
    published_week(planning, django_capture_on_commit_callbacks)
    carer, day = absent_carer_and_day(planning)
    bob = care_client("bob")
    started = _start(bob, planning, carer.pk, day, django_capture_on_commit_callbacks)
    assert started.status_code == 201, started.content
    run_id = started.json()["id"]
    assert started.json()["kind"] == RunKind.REPAIR
    assert started.json()["absent_carer_id"] == carer.pk
    assert Absence.objects.filter(carer=carer, starts_on=day).exists()
    waiting = bob.get(f"{BASE}/organisations/{planning.world.alfa.pk}/repairs?status=done")
    assert [row["id"] for row in waiting.json()["items"]] == [run_id]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = bob.post(f"{BASE}/runs/{run_id}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["run"]["status"] == RunStatus.ACCEPTED
    assert not Visit.objects.filter(carer=carer, day=day, status="assigned").exists()
    again = bob.post(f"{BASE}/runs/{run_id}/reject")
    assert again.status_code == 422
    assert [e["field"] for e in again.json()["detail"]] == ["run"]


def test_a_rejected_repair_leaves_the_visits_alone(
    planning, care_client, django_capture_on_commit_callbacks
):
    published_week(planning, django_capture_on_commit_callbacks)
    carer, day = absent_carer_and_day(planning)
    before = dict(Visit.objects.filter(day=day).values_list("pk", "carer_id"))
    bob = care_client("bob")
    run_id = _start(bob, planning, carer.pk, day, django_capture_on_commit_callbacks).json()["id"]
    rejected = bob.post(f"{BASE}/runs/{run_id}/reject")
    assert rejected.json()["run"]["status"] == RunStatus.REJECTED
    assert dict(Visit.objects.filter(day=day).values_list("pk", "carer_id")) == before


def test_a_past_day_is_a_422_naming_the_day(
    planning, care_client, django_capture_on_commit_callbacks
):
    yesterday = planning.care.today - dt.timedelta(days=1)
    response = _start(
        care_client("bob"), planning, planning.care.walter.pk, yesterday,
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["day"]
    assert not PlanningRun.objects.exists()


@pytest.mark.parametrize("who", ["charlie", "carla", "vera"])
def test_others_get_a_404(planning, care_client, who, django_capture_on_commit_callbacks):
    client = care_client(who)
    day = planning.care.today
    response = _start(
        client, planning, planning.care.walter.pk, day, django_capture_on_commit_callbacks
    )
    assert response.status_code == 404
    run = PlanningRun.objects.create(
        organisation=planning.world.alfa, kind=RunKind.REPAIR, status=RunStatus.DONE,
        period_start=day, period_end=day, absent_carer=planning.care.walter,
    )  # fmt: skip
    assert client.post(f"{BASE}/runs/{run.pk}/accept").status_code == 404
    assert client.get(f"{BASE}/organisations/{planning.world.alfa.pk}/repairs").status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_a_carer_of_another_co_op_is_a_404(
    planning, care_client, django_capture_on_commit_callbacks
):
    gamma_carer = carer_for(planning.world.gamma, CarerKind.WORKER)
    response = _start(
        care_client("bob"), planning, gamma_carer.pk, planning.care.today,
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response.status_code == 404
    assert not Absence.objects.filter(carer=gamma_carer).exists()


def test_the_run_list_costs_the_same_queries_for_more_runs(
    planning, care_client, django_assert_max_num_queries
):
    day = planning.care.today
    bob = care_client("bob")
    url = f"{BASE}/organisations/{planning.world.alfa.pk}/runs?kind=repair"
    bob.get(url)
    for _ in range(6):
        PlanningRun.objects.create(
            organisation=planning.world.alfa, kind=RunKind.REPAIR, status=RunStatus.REJECTED,
            period_start=day, period_end=day, absent_carer=planning.care.walter,
        )  # fmt: skip
    with django_assert_max_num_queries(8):
        assert bob.get(url).json()["count"] == 6
