"""The schedule fires the periodic work once per slot, and the fired tasks do the work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from fragola.care.domain import ROME
from fragola.care.models import Visit
from fragola.care.tests.personas import build_care_world
from fragola.core.models import ScheduledFiring
from fragola.core.operations.scheduler import Periodic, tick
from fragola.schedule import SCHEDULE

NIGHTLY = {
    "visits-roll-forward",
    "compliance-scan",
    "planning-runs-reap-stale",
    "imports-reap-stale",
}
# Work that runs all day long also fires at 03:00.
FREQUENT = {"backoffice-escalate"}


def _at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=ROME)


def _queued() -> list[str]:
    return sorted(DBTaskResult.objects.ready().values_list("task_path", flat=True))


@pytest.mark.django_db
def test_it_fires_the_nightly_work_once_per_slot(world):
    build_care_world(world)
    now = _at(dt.date(2031, 3, 4), 3, 0, 20)
    assert set(tick(now=now, schedule=SCHEDULE)) == NIGHTLY | FREQUENT
    fired = _queued()
    assert "fragola.compliance.tasks.compliance_scan_all_task" in fired
    assert "fragola.planning.tasks.planning_runs_reap_stale" in fired
    assert "fragola.registry.importing.tasks.import_jobs_reap_stale" in fired
    assert "fragola.backoffice.tasks.requests_escalate_task" in fired
    # One roll-forward per co-op with an active plan (alfa and gamma).
    assert fired.count("fragola.care.tasks.visits_roll_forward_task") == 2
    assert tick(now=now + dt.timedelta(seconds=30), schedule=SCHEDULE) == []
    assert _queued() == fired


@pytest.mark.django_db
def test_after_downtime_it_fires_the_missed_slot_once_not_a_burst(world):
    calls: list[dt.datetime] = []
    hourly = [Periodic("hourly", "0 * * * *", calls.append)]
    day = dt.date(2031, 3, 4)
    assert tick(now=_at(day, 2, 0, 5), schedule=hourly) == ["hourly"]
    # Down from 02:01 to 07:40: only 07:00 fires, once, however many schedulers tick.
    assert tick(now=_at(day, 7, 40), schedule=hourly) == ["hourly"]
    assert tick(now=_at(day, 7, 41), schedule=hourly) == []
    assert calls == [_at(day, 2, 0), _at(day, 7, 0)]
    assert ScheduledFiring.objects.filter(job="hourly").count() == 2


@pytest.mark.django_db
def test_a_slot_claimed_by_another_scheduler_is_not_fired_again(world):
    calls: list[dt.datetime] = []
    hourly = [Periodic("hourly", "0 * * * *", calls.append)]
    ScheduledFiring.objects.create(job="hourly", due_at=_at(dt.date(2031, 3, 4), 7, 0))
    assert tick(now=_at(dt.date(2031, 3, 4), 7, 1), schedule=hourly) == []
    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_the_fired_roll_forward_generates_the_visits_ahead_of_its_night(world):
    care = build_care_world(world)
    night = care.today + dt.timedelta(days=40)
    tick(now=_at(night, 1, 30, 10), schedule=SCHEDULE)
    ahead = night + dt.timedelta(days=20)
    assert not Visit.objects.filter(plan_service__plan=care.plan, day=ahead).exists()
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.1)
    assert Visit.objects.filter(plan_service__plan=care.plan, day=ahead).count() == 2
    assert not DBTaskResult.objects.failed().exists()
