"""A worker killed (SIGKILL) in the middle of a planning run or an import: the reaper marks the
job failed with its reason and nothing of it is left."""

from __future__ import annotations

import datetime as dt
import signal

import pytest
from django.utils import timezone

from fragola.compliance.tests.scenario import coop
from fragola.planning import services as planning_services
from fragola.planning.models import PlannedAssignment, PlanningRun, RunStatus
from fragola.planning.services.reap import ERR_WORKER_LOST, planning_runs_reap_stale
from fragola.planning.tests.conftest import build_planning_world
from fragola.registry.importing.jobs import ERR_INTERRUPTED, job_create, jobs_recover
from fragola.registry.importing.models import ImportJob, ImportKind, ImportStatus
from fragola.registry.importing.tasks import import_job_enqueue
from fragola.registry.models import Membership, Person
from fragola.registry.tests.test_import_history import book
from fragola.testing.factories import natural_fiscal_code
from fragola.testing.processes import LiveDatabase

pytestmark = pytest.mark.django_db(transaction=True)
LATER = dt.timedelta(hours=2)


def _workers(n: int) -> list[dict[str, str]]:
    """``n`` worker members admitted in 2018, each born on a different day from 1940."""
    rows = []
    for i in range(n):
        birth, last = dt.date(1940, 1, 1) + dt.timedelta(days=3 * i), f"Rossi{i}"
        code = natural_fiscal_code(last_name=last, first_name="Anna", sex="F", birth_date=birth)
        rows.append({
            "category": "lavoratore", "fiscal_code": code, "first_name": "Anna",
            "last_name": last, "birth_date": birth.isoformat(), "sex": "F",
            "applied_on": "2018-01-10", "admitted_on": "2018-01-10", "member_number": str(i + 1),
            "shares_subscribed_eur": "25", "shares_paid_eur": "25",
        })  # fmt: skip
    return rows


def _kill(worker) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait()


def test_a_planning_run_whose_worker_is_killed_is_failed_with_nothing_half_written(world, tmp_path):
    planning = build_planning_world(world)
    run = planning_services.planning_run_start(
        organisation=world.alfa, start=planning.start, end=planning.end,
        actor=world.bob, time_limit=60,
    )  # fmt: skip
    live = LiveDatabase(tmp_path)
    live.push()
    worker = live.start("worker", "--interval", "0.2")
    try:
        live.wait_for(lambda: PlanningRun.objects.get(pk=run.pk).progress > 0)
    finally:
        _kill(worker)
    live.pull()
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING  # nobody knows yet
    assert planning_runs_reap_stale(now=timezone.now()) == []  # not silent for long yet
    assert [r.pk for r in planning_runs_reap_stale(now=timezone.now() + LATER)] == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.message == str(ERR_WORKER_LOST)
    assert not PlannedAssignment.objects.filter(run=run).exists()


def test_an_import_whose_worker_is_killed_is_undone_and_failed(world, tmp_path):
    org = coop("A")
    people_before = Person.objects.filter(organisation=org).count()
    members_before = Membership.objects.filter(organisation=org).count()
    content = book(_workers(6000))
    job = job_create(organisation=org, kind=ImportKind.MEMBERS, filename="b.csv", content=content)
    import_job_enqueue(job)
    live = LiveDatabase(tmp_path)
    live.push()
    worker = live.start("worker", "--interval", "0.2")
    try:  # killed while it writes its batches (20 % to 90 %)
        live.wait_for(lambda: ImportJob.objects.get(pk=job.pk).progress > 25)
    finally:
        _kill(worker)
    live.pull()
    assert Person.objects.filter(organisation=org).count() > people_before  # half written
    assert [j.pk for j in jobs_recover(timezone.now() + LATER)] == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.reason == str(ERR_INTERRUPTED)
    assert Person.objects.filter(organisation=org).count() == people_before
    assert Membership.objects.filter(organisation=org).count() == members_before
