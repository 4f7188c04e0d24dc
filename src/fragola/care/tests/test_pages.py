"""The care pages through HTTP: the coordinator's flow, the carer's day, the volunteer's
claims, with query counts bounded on the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fragola.care import services
from fragola.care.models import CarePlan, ServiceUser, Visit, VisitStatus
from fragola.care.tests.personas import service_user

pytestmark = pytest.mark.django_db


def test_a_coordinator_registers_a_user_writes_a_plan_and_generates_visits(care, care_client):
    client = care_client("bob")
    alfa = care.world.alfa.pk
    response = client.post(
        reverse("care_user_new", args=[alfa]),
        {
            "first_name": "Ada",
            "last_name": "Verdi",
            "address": "Via Tasso 4",
            "comune": "016024",
            "area_radius_m": 300,
            "started_on": "2026-01-10",
            "conditions": "Artrosi",
        },
    )
    ada = ServiceUser.objects.get(last_name="Verdi")
    assert response.status_code == 302
    assert (ada.latitude, ada.longitude) == (ada.comune.latitude, ada.comune.longitude)
    client.post(
        reverse("care_plan_new", args=[alfa, ada.pk]),
        {
            "assessed_on": "2026-01-10",
            "valid_from": "2026-01-10",
            "review_on": "2026-04-10",
            "goals": "Restare a casa",
            "family_tasks": "Il figlio fa la spesa",
        },
    )
    plan = CarePlan.objects.get(service_user=ada)
    client.post(
        reverse("care_plan_service", args=[alfa, plan.pk]),
        {
            "kind": "personal_care",
            "duration_minutes": 60,
            "weekdays": ["1", "2", "3", "4", "5"],
            "window_start": "08:00",
            "window_end": "10:00",
            "qualification": "oss",
            "carers_needed": 1,
            "two_carer_mode": "together",
            "gap_minutes": 0,
        },
    )
    response = client.post(
        reverse("care_plan_generate", args=[alfa, plan.pk]),
        {"start": "2026-10-19", "end": "2026-11-01"},
        follow=True,
    )
    assert Visit.objects.filter(service_user=ada).count() == 10
    assert "10" in response.content.decode()
    assert "Il figlio fa la spesa" in response.content.decode()


def test_it_explains_a_refused_volunteer_service_on_the_plan_page(care, care_client):
    response = care_client("bob").post(
        reverse("care_plan_service", args=[care.world.alfa.pk, care.plan.pk]),
        {
            "kind": "nursing",
            "duration_minutes": 30,
            "weekdays": ["1"],
            "window_start": "08:00",
            "window_end": "09:00",
            "qualification": "nurse",
            "carers_needed": 1,
            "two_carer_mode": "together",
            "gap_minutes": 0,
            "for_volunteers": "on",
        },
    )
    assert response.status_code == 422
    assert "L2.4" in response.content.decode()


def test_assigning_an_uninsured_volunteer_shows_the_l2_2_reason_in_the_row(care, care_client):
    response = care_client("bob").post(
        reverse("care_visit_assign", args=[care.world.alfa.pk, care.volunteer_task.pk]),
        {"carer": care.ugo.pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<tr")
    assert "L2.2" in body
    assert Visit.objects.get(pk=care.volunteer_task.pk).carer is None


def test_the_service_user_list_costs_the_same_queries_for_two_or_twenty_users(care, care_client):
    client = care_client("bob")
    url = reverse("care_home", args=[care.world.alfa.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(18):
        service_user(care.world.alfa, f"Extra{n}", "Utente")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few) <= 10
    assert "Extra17" in response.content.decode()


def test_the_visit_list_costs_the_same_queries_for_one_or_many_visits(care, care_client):
    client = care_client("bob")
    url = reverse("care_visits", args=[care.world.alfa.pk])
    day = {"day": care.today.isoformat()}
    with CaptureQueriesContext(connection) as few:
        client.get(url, day)
    for n in range(5):
        other = service_user(care.world.alfa, f"Altro{n}", "Utente")
        plan = services.care_plan_create(
            service_user=other,
            assessed_on=care.today,
            goals="x",
            review_on=care.today,
            valid_from=care.today,
        )
        services.plan_service_add(
            plan=plan,
            kind="domestic",
            duration_minutes=30,
            weekdays="1234567",
            window_start=dt.time(11),
            window_end=dt.time(12),
        )
        services.visits_generate(plan=plan, start=care.today, end=care.today)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, day)
    assert response.content.decode().count('class="visit-row"') == 7
    assert len(many) == len(few) <= 12


def test_a_busy_day_shows_fifty_visits_a_page_with_a_link_to_the_next(care, care_client):
    client = care_client("bob")
    url = reverse("care_visits", args=[care.world.alfa.pk])
    model = Visit.objects.filter(organisation=care.world.alfa, day=care.today).first()
    assert model is not None
    extra = []
    for n in range(60):
        copy = Visit.objects.get(pk=model.pk)
        copy.pk = None
        copy.starts_at = copy.starts_at + dt.timedelta(minutes=n + 1)
        copy.ends_at = copy.ends_at + dt.timedelta(minutes=n + 1)
        copy.slot = n + 10
        extra.append(copy)
    Visit.objects.bulk_create(extra)
    total = Visit.objects.filter(organisation=care.world.alfa, day=care.today).count()
    first = client.get(url, {"day": care.today.isoformat()}).content.decode()
    assert first.count('class="visit-row"') == 50
    assert f"1\u201350 of {total}" in first or f"1\u201350 di {total}" in first
    second = client.get(url, {"day": care.today.isoformat(), "page": 2}).content.decode()
    assert second.count('class="visit-row"') == total - 50
    assert str(care.walter) in second  # every assign menu still lists the carers


def test_a_carer_sees_todays_visits_with_the_last_handover_and_checks_in(care, care_client):
    yesterday = Visit.objects.create(
        organisation=care.world.alfa,
        service_user=care.maria,
        plan_service=care.personal_care,
        day=care.today - dt.timedelta(days=1),
        starts_at=care.visit_today.starts_at - dt.timedelta(days=1),
        ends_at=care.visit_today.ends_at - dt.timedelta(days=1),
        carer=care.walter,
        status=VisitStatus.DONE,
        checked_in_at=care.visit_today.starts_at - dt.timedelta(days=1),
        checked_out_at=care.visit_today.ends_at - dt.timedelta(days=1),
        handover_notes="Controllare la glicemia",
    )
    assert yesterday.pk
    client = care_client("carla")
    page = client.get(reverse("care_today", args=[care.world.alfa.pk])).content.decode()
    assert "Rossi Maria" in page and "Controllare la glicemia" in page
    response = client.post(
        reverse("care_check_in", args=[care.world.alfa.pk, care.visit_today.pk]),
        {"lat": str(care.maria.latitude), "lon": str(care.maria.longitude)},
        headers={"HX-Request": "true"},
    )
    assert 'data-status="in_progress"' in response.content.decode()
    assert Visit.objects.get(pk=care.visit_today.pk).in_area_at_check_in is True


def test_a_volunteer_claiming_without_a_receipt_reads_the_l2_3_reason(care, care_client):
    response = care_client("vera").post(
        reverse("care_expense_claim", args=[care.world.alfa.pk]),
        {"day": care.today.isoformat(), "amount": "30", "description": "Forfait"},
    )
    assert response.status_code == 422
    assert "L2.3" in response.content.decode()


def test_me_today_sends_a_carer_to_their_cooperative(care, care_client):
    response = care_client("carla").get(reverse("care_me_today"))
    assert response["Location"] == reverse("care_today", args=[care.world.alfa.pk])
    assert care_client("mario").get(reverse("care_me_today")).status_code == 404


def test_the_carers_page_offers_an_absence_form_under_every_carer(care, care_client):
    client = care_client("bob")
    page = client.get(reverse("care_carers", args=[care.world.alfa.pk])).content.decode()
    carers = care.world.alfa.carers.count()
    assert carers > 1
    assert page.count('name="starts_on"') == carers
    assert page.count("/absences/") == carers
