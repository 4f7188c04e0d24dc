"""Assignment by hand respects the carer's declared weekly availability, unless forced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from fragola.care import services
from fragola.care.models import Visit, VisitStatus
from fragola.care.services import visits as visit_services

pytestmark = pytest.mark.django_db


def _tomorrow(care) -> Visit:
    """Maria's personal care tomorrow, 08:00-09:00 in Rome, still planned."""
    return Visit.objects.get(plan_service=care.personal_care, day=care.today + dt.timedelta(days=1))


def _weekday(visit: Visit) -> int:
    return visit.day.isoweekday()


def test_it_refuses_a_visit_outside_the_carers_availability_naming_carer_and_hours(care):
    visit = _tomorrow(care)
    services.availability_set(
        carer=care.walter, slots=[(_weekday(visit), dt.time(14, 0), dt.time(18, 0))]
    )
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob)
    message = " ".join(exc.value.message_dict["carer"])
    assert care.walter.person.display_name in message
    assert "14:00-18:00" in message
    assert "08:00-09:00" in message
    visit.refresh_from_db()
    assert (visit.status, visit.carer_id) == (VisitStatus.PLANNED, None)


def test_it_refuses_a_weekday_without_slots_and_says_there_are_none(care):
    visit = _tomorrow(care)
    other_day = _weekday(visit) % 7 + 1
    services.availability_set(carer=care.walter, slots=[(other_day, dt.time(7, 0), dt.time(12, 0))])
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob)
    assert str(visit_services.NO_HOURS) in " ".join(exc.value.message_dict["carer"])


def test_the_coordinator_can_assign_anyway(care):
    visit = _tomorrow(care)
    services.availability_set(
        carer=care.walter, slots=[(_weekday(visit), dt.time(14, 0), dt.time(18, 0))]
    )
    services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob, force=True)
    visit.refresh_from_db()
    assert (visit.status, visit.carer_id) == (VisitStatus.ASSIGNED, care.walter.pk)


def test_force_does_not_skip_the_other_checks(care):
    visit = _tomorrow(care)
    services.absence_record(
        carer=care.walter, kind="holiday", starts_on=visit.day, ends_on=visit.day
    )
    with pytest.raises(ValidationError):
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob, force=True)


def test_it_accepts_a_visit_within_the_availability_even_across_adjacent_slots(care):
    visit = _tomorrow(care)
    day = _weekday(visit)
    services.availability_set(
        carer=care.walter,
        slots=[(day, dt.time(7, 0), dt.time(8, 30)), (day, dt.time(8, 30), dt.time(12, 0))],
    )
    services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob)
    assert Visit.objects.get(pk=visit.pk).carer_id == care.walter.pk


def test_a_carer_without_availability_is_not_blocked_but_the_coordinator_is_warned(
    care, care_client
):
    visit = _tomorrow(care)
    url = reverse("care_visit_assign", args=[care.world.alfa.pk, visit.pk])
    response = care_client("bob").post(url, {"carer": care.walter.pk})
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).carer_id == care.walter.pk
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    warning = visit_services.availability_warning(carer=care.walter)
    assert care.walter.person.display_name in warning
    assert warning in texts


def test_the_visits_page_refuses_then_assigns_with_the_assign_anyway_box(care, care_client):
    visit = _tomorrow(care)
    services.availability_set(
        carer=care.walter, slots=[(_weekday(visit), dt.time(14, 0), dt.time(18, 0))]
    )
    client = care_client("bob")
    url = reverse("care_visit_assign", args=[care.world.alfa.pk, visit.pk])
    refused = client.post(url, {"carer": care.walter.pk}, HTTP_HX_REQUEST="true")
    body = refused.content.decode()
    assert "assign-error" in body and "14:00-18:00" in body
    assert 'name="force"' in body
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.PLANNED
    forced = client.post(url, {"carer": care.walter.pk, "force": "on"}, HTTP_HX_REQUEST="true")
    assert "assign-error" not in forced.content.decode()
    assert Visit.objects.get(pk=visit.pk).carer_id == care.walter.pk


def test_a_volunteer_taking_a_task_is_not_stopped_by_their_own_availability(care):
    task = care.volunteer_task
    other_day = _weekday(task) % 7 + 1
    services.availability_set(
        carer=care.vera_volunteer, slots=[(other_day, dt.time(9, 0), dt.time(10, 0))]
    )
    services.volunteer_task_take(visit=task, volunteer=care.vera_volunteer, by=care.world.vera)
    assert Visit.objects.get(pk=task.pk).carer_id == care.vera_volunteer.pk
