"""Carers available in two slots a day (8:00-12:00 and 15:00-19:00): two solver shifts, nothing
in between (the solver keeps the gap free by itself: no blocker visits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.utils import timezone

from fragola.care import services as care_services
from fragola.care.models import PlanService
from fragola.planning import services
from fragola.planning.convert import Gap, carer_key, problem_for
from fragola.planning.models import PlannedAssignment
from fragola.planning.tests.test_runs import plan_week

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")

MORNING, AFTERNOON = (dt.time(8), dt.time(12)), (dt.time(15), dt.time(19))


def split_days(*carers) -> None:
    for carer in carers:
        slots = [(d, *slot) for d in range(1, 8) for slot in (MORNING, AFTERNOON)]
        care_services.availability_set(carer=carer, slots=slots)


def at_lunch(planning) -> None:
    """Maria's personal care (OSS only) may only start between 12:00 and 13:00."""
    PlanService.objects.filter(pk=planning.care.personal_care.pk).update(
        window_start=dt.time(12), window_end=dt.time(14)
    )


def in_gap(row: PlannedAssignment) -> bool:
    start = timezone.localtime(row.starts_at).time()
    end = (timezone.localtime(row.starts_at) + dt.timedelta(minutes=60)).time()
    return start < AFTERNOON[0] and end > MORNING[1]


def test_two_slots_give_two_shifts_and_the_gap_between(planning):
    split_days(planning.care.walter)
    converted = problem_for(
        organisation=planning.world.alfa, start=planning.start, end=planning.end
    )
    key = carer_key(planning.care.walter.pk)
    walter = converted.problem.carer(key)
    assert [(s.start, s.end) for s in walter.shifts_on(0)] == [(480.0, 720.0), (900.0, 1140.0)]
    assert len(walter.shifts) == 14
    assert not any(v.id.startswith("gap:") for v in converted.problem.visits)  # no blockers
    assert converted.gaps[key][0] == Gap(0, 720.0, 900.0)
    assert len(converted.gaps[key]) == 7
    assert carer_key(planning.care.carla_carer.pk) not in converted.gaps  # one slot: no gap


def test_the_planner_never_puts_a_visit_in_a_carers_gap(
    planning, django_capture_on_commit_callbacks
):
    care = planning.care
    split_days(care.carla_carer, care.walter)  # the only OSS
    at_lunch(planning)
    run = plan_week(planning, django_capture_on_commit_callbacks)
    rows = PlannedAssignment.objects.filter(run=run, visit__plan_service=care.personal_care)
    assert rows.count() == 7
    for row in rows:
        # Late in the afternoon rather than during the carer's lunch at home.
        assert row.left_out or not in_gap(row), timezone.localtime(row.starts_at)
    assert rows.filter(left_out=False).exists()


def test_a_visit_left_in_a_gap_is_left_out_with_the_reason_and_the_board_warns(
    planning, care_client, monkeypatch, django_capture_on_commit_callbacks
):
    """The safety net: a solver that ignores the gaps (it plans each day as one long shift)."""
    from fragola.planning.services import execute
    from fragola_solver import Shift, solve

    def blind(problem, **kwargs):
        def merged(carer):
            days = sorted({s.day for s in carer.shifts})
            whole = [(carer.shifts_on(d)[0].start, carer.shifts_on(d)[-1].end, d) for d in days]
            return replace(carer, shifts=tuple(Shift(*w) for w in whole))

        return solve(replace(problem, carers=tuple(merged(c) for c in problem.carers)), **kwargs)

    monkeypatch.setattr(execute, "solve", blind)
    care = planning.care
    split_days(care.carla_carer, care.walter)
    at_lunch(planning)
    run = plan_week(planning, django_capture_on_commit_callbacks)
    rows = PlannedAssignment.objects.filter(run=run, visit__plan_service=care.personal_care)
    kept = [r for r in rows if not r.left_out]
    assert all(not in_gap(r) for r in kept)
    out = rows.filter(unavailable=True)
    assert out.exists() and all(r.left_out for r in out)
    assert "12:00" in out[0].reason and "15:00" in out[0].reason
    html = care_client("bob").get(
        f"/org/{run.organisation_id}/planning/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="it"
    )
    text = html.content.decode()
    assert 'id="unavailable-warning"' in text
    assert (
        "fuori dalla disponibilità" in text and "non è disponibile dalle 12:00 alle 15:00" in text
    )


def test_a_move_into_a_carers_gap_is_refused(planning, django_capture_on_commit_callbacks):
    split_days(planning.care.walter)
    run = plan_week(planning, django_capture_on_commit_callbacks)
    row = PlannedAssignment.objects.filter(
        run=run, visit__plan_service=planning.care.personal_care, left_out=False
    ).first()
    lunch = timezone.make_aware(dt.datetime.combine(row.visit.day, dt.time(13)))
    effect = services.planning_move_preview(
        run=run, assignment=row, carer=planning.care.walter, starts_at=lunch
    )
    assert not effect.allowed
    assert any("12:00" in v and "15:00" in v for v in effect.new_violations)
    morning = timezone.make_aware(dt.datetime.combine(row.visit.day, dt.time(10, 30)))
    fine = services.planning_move_preview(
        run=run, assignment=row, carer=planning.care.walter, starts_at=morning
    )
    assert not any("12:00" in v for v in fine.new_violations)
