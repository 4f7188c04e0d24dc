"""Visits from plan to proof: generation, assignment checks, check-in and out, cancel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fragola.care import services
from fragola.care.domain import ROME
from fragola.care.models import AbsenceKind, CarerKind, Qualification, Visit, VisitStatus
from fragola.care.services import plans as plan_services
from fragola.care.services import visits as visit_services
from fragola.care.tests.personas import carer_for

pytestmark = pytest.mark.django_db


def _error(exc: pytest.ExceptionInfo[ValidationError], field: str = "carer") -> str:
    return " ".join(exc.value.message_dict[field])


def test_it_generates_one_visit_per_planned_day_and_is_idempotent(care):
    start, end = dt.date(2026, 10, 19), dt.date(2026, 11, 1)  # two weeks
    created = services.visits_generate(plan=care.plan, start=start, end=end)
    again = services.visits_generate(plan=care.plan, start=start, end=end)
    visits = Visit.objects.filter(plan_service=care.personal_care, day__gte=start, day__lte=end)
    assert visits.count() == 14
    assert created == 28  # personal care and companionship, every day
    assert again == 0


def test_it_keeps_eight_oclock_in_rome_across_the_dst_change_of_2026_10_25(care):
    services.visits_generate(plan=care.plan, start=dt.date(2026, 10, 23), end=dt.date(2026, 10, 27))
    visits = Visit.objects.filter(
        plan_service=care.personal_care,
        day__gte=dt.date(2026, 10, 23),
        day__lte=dt.date(2026, 10, 27),
    ).order_by("day")
    assert [v.starts_at.astimezone(ROME).strftime("%H:%M") for v in visits] == ["08:00"] * 5
    assert {v.planned_minutes for v in visits} == {60}


def test_it_generates_two_carer_visits_one_after_the_other(care):
    service = services.plan_service_add(
        plan=care.plan,
        kind="personal_care",
        duration_minutes=30,
        weekdays="1",
        window_start=dt.time(18, 0),
        window_end=dt.time(20, 0),
        carers_needed=2,
        two_carer_mode="sequential",
        gap_minutes=10,
    )
    services.visits_generate(plan=care.plan, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 2))
    first, second = Visit.objects.filter(plan_service=service).order_by("slot")
    assert second.starts_at - first.ends_at == dt.timedelta(minutes=10)


def test_it_refuses_a_volunteer_task_for_professional_care(care):
    with pytest.raises(ValidationError) as exc:
        services.plan_service_add(
            plan=care.plan,
            kind="nursing",
            duration_minutes=30,
            weekdays="1",
            window_start=dt.time(9, 0),
            window_end=dt.time(10, 0),
            for_volunteers=True,
        )
    assert "L2.4" in _error(exc, "for_volunteers")
    assert plan_services.ERR_VOLUNTEERS_SUBSTITUTIVE in exc.value.message_dict["for_volunteers"]


def _tomorrow(care) -> Visit:
    return Visit.objects.get(plan_service=care.personal_care, day=care.today + dt.timedelta(days=1))


def test_it_assigns_a_qualified_free_carer(care):
    visit = services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    assert (visit.status, visit.carer) == (VisitStatus.ASSIGNED, care.walter)


def test_it_refuses_a_carer_without_the_qualification(care):
    unqualified = carer_for(care.world.alfa, CarerKind.WORKER)
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=unqualified, by=care.world.bob)
    assert str(Qualification.OSS.label) in _error(exc)


def test_it_refuses_an_expired_qualification(care):
    services.qualification_add(
        carer=care.walter, kind=Qualification.OSS, expires_on=care.today - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)


def test_it_refuses_a_carer_the_user_refuses(care):
    services.plan_carers_set(plan=care.plan, preferred=[], refused=[care.walter])
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    assert _error(exc) == str(visit_services.ERR_REFUSED)


def test_it_refuses_a_carer_on_holiday(care):
    day = care.today + dt.timedelta(days=1)
    services.absence_record(carer=care.walter, kind=AbsenceKind.HOLIDAY, starts_on=day, ends_on=day)
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    assert str(AbsenceKind.HOLIDAY.label) in _error(exc)


def test_it_refuses_to_book_a_carer_twice_at_the_same_time(care):
    other_plan_visit = Visit.objects.create(
        organisation=care.world.alfa,
        service_user=care.giovanni,
        plan_service=care.companionship,
        day=care.today + dt.timedelta(days=1),
        slot=2,
        starts_at=_tomorrow(care).starts_at + dt.timedelta(minutes=30),
        ends_at=_tomorrow(care).ends_at + dt.timedelta(minutes=30),
    )
    services.visit_assign(visit=other_plan_visit, carer=care.walter, by=care.world.bob)
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    assert _error(exc) == str(visit_services.ERR_DOUBLE_BOOKED)


def test_it_refuses_an_uninsured_volunteer_citing_l2_2(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=care.volunteer_task, carer=care.ugo, by=care.world.bob)
    assert "L2.2" in _error(exc)
    assert Visit.objects.get(pk=care.volunteer_task.pk).carer is None


def test_it_never_gives_professional_care_to_a_volunteer(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.vera_volunteer, by=care.world.bob)
    assert "L2.4" in _error(exc)


def test_it_checks_in_and_out_keeping_only_inside_or_outside(care):
    visit = care.visit_today
    near = (float(care.maria.latitude) + 0.0005, float(care.maria.longitude))
    far = (float(care.maria.latitude) + 0.05, float(care.maria.longitude))
    services.visit_check_in(visit=visit, by=care.world.carla, position=near)
    services.visit_check_out(
        visit=visit,
        by=care.world.carla,
        position=far,
        tasks_done="Igiene",
        handover_notes="Ha poco appetito",
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    assert (visit.in_area_at_check_in, visit.in_area_at_check_out) == (True, False)
    stored = {f.name for f in Visit._meta.get_fields()}
    assert not stored & {"latitude", "longitude", "lat", "lon", "position"}


def test_it_refuses_to_check_out_a_visit_not_started(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_check_out(visit=care.visit_today, by=care.world.carla)
    assert visit_services.ERR_NOT_IN_PROGRESS in exc.value.message_dict["status"]


def test_it_records_who_cancelled_and_why(care):
    visit = services.visit_cancel(visit=_tomorrow(care), by=care.world.bob, reason="Ricovero")
    assert (visit.status, visit.status_reason, visit.status_changed_by) == (
        VisitStatus.CANCELLED,
        "Ricovero",
        care.world.bob,
    )
    with pytest.raises(ValidationError):
        services.visit_mark_missed(visit=care.visit_today, by=care.world.bob, reason=" ")
