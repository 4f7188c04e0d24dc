"""A planning run end to end with the immediate task backend, moves and publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import translation

from fragola.care.models import CarerQualification, Visit, VisitStatus
from fragola.planning import services
from fragola.planning.models import PlannedAssignment, PlanningRun, RunStatus

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


def plan_week(planning, django_capture_on_commit_callbacks) -> PlanningRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.planning_run_start(
            organisation=planning.world.alfa,
            start=planning.start,
            end=planning.end,
            actor=planning.world.bob,
            time_limit=2,
        )
    run.refresh_from_db()
    return run


def test_it_plans_every_visit_with_a_qualified_carer(planning, django_capture_on_commit_callbacks):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.progress == 100
    rows = list(PlannedAssignment.objects.filter(run=run).select_related("visit__plan_service"))
    professional = [r for r in rows if not r.visit.is_volunteer_task]
    assert len(professional) == 7 + 14
    assert all(not r.left_out for r in professional)
    for row in professional:
        needed = row.visit.plan_service.qualification
        if needed != "none":
            assert CarerQualification.objects.filter(carer=row.carer, kind=needed).exists()
    walter = planning.care.walter
    pair = [r for r in rows if r.visit.plan_service_id == planning.pair_service.pk]
    assert all(r.carer_id != walter.pk for r in pair)
    by_day: dict[dt.date, list[PlannedAssignment]] = {}
    for row in pair:
        by_day.setdefault(row.visit.day, []).append(row)
    for together in by_day.values():
        assert together[0].carer_id != together[1].carer_id
        assert together[0].starts_at == together[1].starts_at
    tasks = [r for r in rows if r.visit.is_volunteer_task and not r.left_out]
    assert tasks and all(r.carer_id == planning.care.vera_volunteer.pk for r in tasks)
    assert run.breakdown["objective"] == pytest.approx(run.objective, abs=0.1)


def test_a_move_shows_what_it_does_to_the_cost(planning, django_capture_on_commit_callbacks):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    row = PlannedAssignment.objects.filter(
        run=run, visit__plan_service=planning.care.personal_care, left_out=False
    ).first()
    assert row is not None and row.starts_at is not None
    later = row.starts_at + dt.timedelta(hours=3)
    effect = services.planning_move_preview(
        run=run, assignment=row, carer=row.carer, starts_at=later
    )
    assert effect.after["tardiness"] > effect.before["tardiness"]
    assert effect.delta > 0
    services.planning_move_apply(run=run, assignment=row, carer=row.carer, starts_at=later)
    row.refresh_from_db()
    run.refresh_from_db()
    assert row.starts_at == later and row.late_minutes > 0
    assert run.objective == pytest.approx(effect.after["objective"], abs=0.1)


def test_a_move_to_a_refused_carer_is_refused(planning, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    run = plan_week(planning, django_capture_on_commit_callbacks)
    row = PlannedAssignment.objects.filter(run=run, visit__plan_service=planning.pair_service)[0]
    walter = planning.care.walter
    with translation.override("it"):
        effect = services.planning_move_preview(
            run=run, assignment=row, carer=walter, starts_at=row.starts_at
        )
    assert not effect.allowed
    # Worded with names, in Italian, never the solver's ids ("c12 is refused by v345").
    assert f"L'utente ha chiesto di non ricevere {walter}." in effect.new_violations
    with pytest.raises(ValidationError) as refused, translation.override("it"):
        services.planning_move_apply(run=run, assignment=row, carer=walter, starts_at=row.starts_at)
    assert "non ricevere" in str(refused.value)
    assert "is refused by" not in str(refused.value)


def test_publishing_assigns_the_visits_and_emails_the_carers(
    planning, django_capture_on_commit_callbacks
):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    carla = planning.care.carla_carer
    carla.user.email = "carla@example.org"
    carla.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.planning_run_publish(
            run=run, by=planning.world.bob, base_url="http://testserver"
        )
    run.refresh_from_db()
    assert run.status == RunStatus.ACCEPTED
    assert count >= 21
    for row in PlannedAssignment.objects.filter(run=run, left_out=False):
        visit = Visit.objects.get(pk=row.visit_id)
        assert visit.status == VisitStatus.ASSIGNED
        assert (visit.carer_id, visit.starts_at) == (row.carer_id, row.starts_at)
    to_carla = [m for m in mail.outbox if m.to == ["carla@example.org"]]
    if PlannedAssignment.objects.filter(run=run, carer=carla).exists():
        assert len(to_carla) == 1
        assert "/ical/" in to_carla[0].body


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_executes_a_run_and_reports_progress(world, settings, monkeypatch):
    """The database backend and the worker: runs wait on their own queue; progress is committed
    slice after slice."""
    from django.core.management import call_command

    from fragola.planning.services import execute
    from fragola.planning.tests.conftest import build_planning_world

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    planning = build_planning_world(world)
    seen: list[int] = []
    real = execute.heartbeat

    def spy(run: PlanningRun, percent: int | None = None, message: str | None = None) -> None:
        real(run, percent, message)
        seen.append(PlanningRun.objects.get(pk=run.pk).progress)

    monkeypatch.setattr(execute, "heartbeat", spy)
    run = services.planning_run_start(
        organisation=planning.world.alfa,
        start=planning.start,
        end=planning.end,
        actor=planning.world.bob,
        time_limit=1,
    )
    assert PlanningRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    # Runs have their own queue: a worker of the other queues leaves it waiting...
    call_command(
        "db_worker", queue_name="default,imports", batch=True, no_startup_delay=True, interval=0.1
    )
    assert PlanningRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    # ...and `fragola worker`, which serves every queue by default, runs it.
    call_command("worker", batch=True, no_startup_delay=True, interval=0.1)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100
    assert seen == sorted(seen) and len(seen) >= 3


def test_without_any_carer_every_visit_is_left_out_with_the_reason(
    planning, django_capture_on_commit_callbacks
):
    from fragola.care.models import Carer

    Carer.objects.update(active=False)
    with translation.override("it"):  # reasons are stored in the language the run works in
        run = plan_week(planning, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    rows = PlannedAssignment.objects.filter(run=run)
    assert rows.count() == 28
    assert all(r.left_out and r.reason for r in rows)
    # Worded for the coordinator, in Italian, with the qualification's name (no solver codes).
    oss = rows.filter(visit__plan_service=planning.care.personal_care).first()
    assert "Operatore socio-sanitario (OSS)" in oss.reason, oss.reason
    assert all("skill" not in r.reason and "service 1" not in r.reason for r in rows)
    companionship = [r for r in rows if r.visit.is_volunteer_task]
    assert companionship and all("volontari" in r.reason for r in companionship)


def test_a_failing_run_says_so_without_a_traceback(
    planning, care_client, monkeypatch, django_capture_on_commit_callbacks
):
    from fragola.planning.services import execute

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(execute, "solve", boom)
    run = plan_week(planning, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.FAILED
    html = care_client("bob").get(f"/org/{run.organisation_id}/planning/runs/{run.pk}/")
    text = html.content.decode()
    assert "alert-danger" in text and "solver exploded" not in text and "Traceback" not in text
