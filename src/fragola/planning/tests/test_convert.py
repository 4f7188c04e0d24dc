"""ORM rows -> solver problem: merged two-carer visits, refusals, volunteers, DST minutes."""

from __future__ import annotations

import datetime as dt

from fragola.care.models import Visit
from fragola.planning.convert import (
    WORKER_SKILL,
    carer_key,
    datetime_of,
    minutes_of,
    problem_for,
    visit_key,
)
from fragola_solver import Sync


def test_it_merges_a_two_carer_visit_into_one_solver_visit(planning):
    converted = problem_for(
        organisation=planning.world.alfa, start=planning.start, end=planning.end
    )
    first = Visit.objects.get(plan_service=planning.pair_service, day=planning.start, slot=1)
    second = Visit.objects.get(plan_service=planning.pair_service, day=planning.start, slot=2)
    visit = converted.problem.visit(visit_key(first.pk))
    assert len(visit.services) == 2
    assert visit.sync is Sync.SIMULTANEOUS
    assert visit_key(second.pk) not in converted.problem.visit_index
    assert converted.visits_of[visit.id] == (first, second)
    # 7 days x (Maria's care + Maria's companionship + Giovanni's pair)
    assert len(converted.problem.visits) == 21


def test_it_makes_a_refused_carer_a_hard_constraint(planning):
    converted = problem_for(
        organisation=planning.world.alfa, start=planning.start, end=planning.end
    )
    first = Visit.objects.get(plan_service=planning.pair_service, day=planning.start, slot=1)
    assert (
        carer_key(planning.care.walter.pk) in converted.problem.visit(visit_key(first.pk)).refused
    )


def test_it_gives_volunteer_tasks_only_to_insured_volunteers(planning):
    care = planning.care
    converted = problem_for(
        organisation=planning.world.alfa, start=planning.start, end=planning.end
    )
    task = converted.problem.visit(visit_key(care.volunteer_task.pk))
    assert task.optional
    skill = task.services[0].skill
    able = {c.id for c in converted.problem.carers if skill in c.skills}
    assert able == {carer_key(care.vera_volunteer.pk)}
    # Ugo's insurance has lapsed: he gets no shift at all (L2.2).
    assert carer_key(care.ugo.pk) not in converted.problem.carer_index
    vera = converted.problem.carer(carer_key(care.vera_volunteer.pk))
    assert WORKER_SKILL not in vera.skills


def test_it_counts_minutes_in_wall_clock_time_across_the_dst_change():
    # Summer time starts on Sunday 29 March 2026 at 2:00 in Italy.
    monday = dt.date(2026, 3, 23)
    sunday_eight = dt.datetime(2026, 3, 29, 6, 0, tzinfo=dt.UTC)  # 8:00 CEST
    saturday_eight = dt.datetime(2026, 3, 28, 7, 0, tzinfo=dt.UTC)  # 8:00 CET
    assert minutes_of(monday, saturday_eight) == 5 * 1440 + 480
    assert minutes_of(monday, sunday_eight) == 6 * 1440 + 480
    assert datetime_of(monday, 6 * 1440 + 480) == sunday_eight
    assert datetime_of(monday, 5 * 1440 + 480) == saturday_eight


def test_it_turns_availability_and_absences_into_shifts(planning):
    from fragola.care import services

    care = planning.care
    services.availability_set(
        carer=care.walter, slots=[(planning.start.isoweekday(), dt.time(8), dt.time(12))]
    )
    services.absence_record(
        carer=care.carla_carer, kind="holiday", starts_on=planning.start, ends_on=planning.start
    )
    converted = problem_for(
        organisation=planning.world.alfa, start=planning.start, end=planning.end
    )
    walter = converted.problem.carer(carer_key(care.walter.pk))
    assert [(s.day, s.start, s.end) for s in walter.shifts] == [(0, 480.0, 720.0)]
    carla = converted.problem.carer(carer_key(care.carla_carer.pk))
    assert 0 not in {s.day for s in carla.shifts}
    assert len(carla.shifts) == 6
