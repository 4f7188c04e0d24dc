"""Runs that cannot go wrong quietly: no past periods, one run at a time per co-op, runs whose
worker died marked failed with the reason, publishing recorded, feeds that follow roles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import Client
from django.utils import timezone

from fragola.planning import services, tasks
from fragola.planning.models import PlanningRun, RunKind, RunStatus
from fragola.planning.services.reap import ERR_WORKER_LOST, STALE_AFTER
from fragola.planning.services.repair import ERR_PAST_DAY
from fragola.planning.services.runs import ERR_BUSY, ERR_PAST
from fragola.planning.tests.test_runs import plan_week
from fragola.planning.tests.test_superseded import queued
from fragola.registry.models import Role
from fragola.registry.models import RoleName as R

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


def prefix(message: object) -> str:
    return str(message).split("(")[0]


def test_a_run_for_a_period_already_begun_is_refused_on_its_first_day(planning):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        queued(planning, start=yesterday)
    assert prefix(ERR_PAST) in refused.value.message_dict["start"][0]
    assert not PlanningRun.objects.exists()
    # Today is fine.
    assert queued(planning, start=timezone.localdate()).status == RunStatus.QUEUED


def test_the_page_and_the_api_name_the_first_day_of_a_past_period(planning, care_client):
    alfa = planning.world.alfa
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    client = care_client("bob")
    page = client.post(
        f"/org/{alfa.pk}/planning/",
        {"start": yesterday.isoformat(), "days": 7, "time_limit": 2},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert page.context["form"].errors["start"][0].startswith(prefix(ERR_PAST))
    api = client.post(
        f"/api/v1/planning/organisations/{alfa.pk}/runs",
        {"start": yesterday.isoformat(), "end": timezone.localdate().isoformat()},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert api.status_code == 422
    assert prefix(ERR_PAST) in api.content.decode() and "start" in api.content.decode()
    assert not PlanningRun.objects.exists()


def test_a_repair_of_a_past_day_is_refused_on_the_day(planning):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.planning_repair_start(
            organisation=planning.world.alfa,
            carer=planning.care.walter,
            day=yesterday,
            actor=planning.world.bob,
        )
    assert prefix(ERR_PAST_DAY) in refused.value.message_dict["day"][0]


def test_one_run_at_a_time_per_coop_and_other_coops_are_not_held_up(planning, world):
    first = queued(planning)
    with pytest.raises(ValidationError) as refused:
        queued(planning)
    assert prefix(ERR_BUSY) in refused.value.message_dict[NON_FIELD_ERRORS][0]
    assert PlanningRun.objects.filter(organisation=world.alfa).count() == 1
    # Another co-op plans meanwhile.
    other = services.planning_run_start(
        organisation=world.beta,
        start=planning.start,
        end=planning.end,
        actor=None,
        time_limit=1,
    )
    assert other.status == RunStatus.QUEUED
    # Once the first is done, the co-op may plan again.
    services.planning_run_execute(run=first)
    assert queued(planning).status == RunStatus.QUEUED


def test_the_busy_message_reaches_the_page(planning, care_client):
    queued(planning)
    page = care_client("bob").post(
        f"/org/{planning.world.alfa.pk}/planning/",
        {"start": planning.start.isoformat(), "days": 7, "time_limit": 2},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert prefix(ERR_BUSY) in page.content.decode()


def running(planning, *, silent_for: dt.timedelta) -> PlanningRun:
    run = queued(planning)
    last = timezone.now() - silent_for
    PlanningRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=last, heartbeat_at=last
    )
    return run


def test_a_run_whose_worker_died_is_marked_failed_with_the_reason(planning, care_client):
    run = running(planning, silent_for=STALE_AFTER + dt.timedelta(seconds=2))
    reaped = services.planning_runs_reap_stale(now=timezone.now())
    assert [r.pk for r in reaped] == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.message == str(ERR_WORKER_LOST)
    html = care_client("bob").get(
        f"/org/{run.organisation_id}/planning/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "alert-danger" in html.content.decode()
    assert str(ERR_WORKER_LOST)[:40] in html.content.decode()
    # The co-op may plan again.
    assert queued(planning).status == RunStatus.QUEUED


def test_a_run_that_still_reports_is_left_running(planning):
    run = running(planning, silent_for=dt.timedelta(seconds=30))
    assert services.planning_runs_reap_stale(now=timezone.now()) == []
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    # Its time limit counts: silent for less than the limit plus the margin is alive.
    run.refresh_from_db()
    deadline = run.heartbeat_at + STALE_AFTER + dt.timedelta(seconds=run.time_limit)
    assert services.planning_runs_reap_stale(now=deadline - dt.timedelta(seconds=1)) == []
    assert services.planning_runs_reap_stale(now=deadline + dt.timedelta(seconds=1))


def test_a_new_run_is_not_held_up_by_a_dead_one(planning):
    dead = running(planning, silent_for=STALE_AFTER + dt.timedelta(minutes=5))
    assert queued(planning).status == RunStatus.QUEUED
    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED


def test_the_periodic_task_reaps(planning):
    run = running(planning, silent_for=STALE_AFTER + dt.timedelta(minutes=5))
    assert tasks.planning_runs_reap_stale.call() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED


def test_publishing_records_who_and_when(planning, django_capture_on_commit_callbacks):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.planning_run_publish(run=run, by=planning.world.bob)
    run.refresh_from_db()
    assert run.published_by == planning.world.bob
    assert run.published_at is not None and run.published_at >= before
    assert run.kind == RunKind.PLAN


def test_the_run_page_says_who_published_it(
    planning, care_client, django_capture_on_commit_callbacks
):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.planning_run_publish(run=run, by=planning.world.bob)
    html = care_client("bob").get(
        f"/org/{run.organisation_id}/planning/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = html.content.decode()
    assert 'id="published"' in text and str(planning.world.bob) in text


def test_the_feed_closes_when_the_carer_loses_the_role(planning):
    carla = planning.care.carla_carer
    feed = services.carer_feed_get(carer=carla)
    url = f"/ical/{feed.token}.ics"
    assert Client().get(url).status_code == 200
    Role.objects.filter(user=carla.user, organisation=carla.organisation, name=R.CARER).delete()
    response = Client().get(url)
    assert response.status_code == 410
    assert b"VEVENT" not in response.content and b"Rossi" not in response.content
    # Given back, the same address works again.
    Role.objects.create(user=carla.user, organisation=carla.organisation, name=R.CARER)
    assert Client().get(url).status_code == 200


def test_the_feed_closes_when_the_carers_login_is_deactivated(planning):
    carla = planning.care.carla_carer
    feed = services.carer_feed_get(carer=carla)
    carla.user.is_active = False
    carla.user.save(update_fields=["is_active"])
    assert Client().get(f"/ical/{feed.token}.ics").status_code == 410
