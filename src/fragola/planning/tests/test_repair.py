"""Repair after an absence: only the absent carer's visits change; accept applies, reject not."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.care.models import Absence, Visit, VisitStatus
from fragola.planning import services
from fragola.planning.models import PlannedAssignment, RunStatus
from fragola.planning.tests.test_runs import plan_week

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


def published_week(planning, capture):
    run = plan_week(planning, capture)
    with capture(execute=True):
        services.planning_run_publish(run=run, by=planning.world.bob)
    return run


def absent_carer_and_day(planning):
    day = planning.start + dt.timedelta(days=3)
    visit = (
        Visit.objects.filter(day=day, status=VisitStatus.ASSIGNED, is_volunteer_task=False)
        .exclude(carer=None)
        .first()
    )
    assert visit is not None
    return visit.carer, day


def test_a_repair_moves_only_the_absent_carers_visits(planning, django_capture_on_commit_callbacks):
    published_week(planning, django_capture_on_commit_callbacks)
    carer, day = absent_carer_and_day(planning)
    theirs = set(
        Visit.objects.filter(carer=carer, day=day, status=VisitStatus.ASSIGNED).values_list(
            "pk", flat=True
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        repair = services.planning_repair_start(
            organisation=planning.world.alfa, carer=carer, day=day, actor=planning.world.bob
        )
    repair.refresh_from_db()
    assert repair.status == RunStatus.DONE
    assert Absence.objects.filter(carer=carer, starts_on=day).exists()
    changes = list(PlannedAssignment.objects.filter(run=repair))
    assert {c.visit_id for c in changes} >= theirs
    for change in changes:
        assert change.previous_carer_id == carer.pk or change.visit_id in _partners(theirs)
        assert change.carer_id != carer.pk
    before = dict(Visit.objects.filter(day=day).values_list("pk", "carer_id"))
    with django_capture_on_commit_callbacks(execute=True):
        services.planning_repair_accept(run=repair, by=planning.world.bob)
    after = dict(Visit.objects.filter(day=day).values_list("pk", "carer_id"))
    assert not any(after[pk] == carer.pk for pk in theirs)
    untouched = {pk for pk in before if pk not in {c.visit_id for c in changes}}
    assert all(before[pk] == after[pk] for pk in untouched)


def _partners(visit_ids: set[int]) -> set[int]:
    """The other slot of a two-carer visit is re-planned with it."""
    out = set()
    for visit in Visit.objects.filter(pk__in=visit_ids):
        out |= set(
            Visit.objects.filter(plan_service=visit.plan_service, day=visit.day).values_list(
                "pk", flat=True
            )
        )
    return out


def test_a_rejected_repair_leaves_the_visits_alone(planning, django_capture_on_commit_callbacks):
    published_week(planning, django_capture_on_commit_callbacks)
    carer, day = absent_carer_and_day(planning)
    before = dict(Visit.objects.filter(day=day).values_list("pk", "carer_id"))
    with django_capture_on_commit_callbacks(execute=True):
        repair = services.planning_repair_start(
            organisation=planning.world.alfa, carer=carer, day=day, actor=planning.world.bob
        )
    services.planning_repair_reject(run=repair, by=planning.world.bob)
    repair.refresh_from_db()
    assert repair.status == RunStatus.REJECTED
    assert dict(Visit.objects.filter(day=day).values_list("pk", "carer_id")) == before
