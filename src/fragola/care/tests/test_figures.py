"""Figures agree with the visits they count; volunteer hours stay apart (L2.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fragola.care import figures, services
from fragola.care.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db


def _deliver(visit: Visit, by, minutes: int) -> Visit:
    services.visit_check_in(visit=visit, by=by, at=visit.starts_at)
    return services.visit_check_out(
        visit=visit, by=by, at=visit.starts_at + dt.timedelta(minutes=minutes)
    )


@pytest.fixture
def delivered(care):
    """Carla did today's visit in 50 minutes; Walter tomorrow's in 75 (60 planned);
    Vera (volunteer) did a companionship task in 90."""
    bob = care.world.bob
    _deliver(care.visit_today, care.world.carla, 50)
    tomorrow = Visit.objects.get(
        plan_service=care.personal_care, day=care.today + dt.timedelta(days=1)
    )
    services.visit_assign(visit=tomorrow, carer=care.walter, by=bob)
    _deliver(tomorrow, bob, 75)
    task = services.volunteer_task_take(
        visit=care.volunteer_task, volunteer=care.vera_volunteer, by=care.world.vera
    )
    _deliver(task, care.world.vera, 90)
    return care


def test_delivered_hours_are_the_sum_of_the_done_visits_durations(delivered):
    care = delivered
    start, end = care.today, care.today + dt.timedelta(days=6)
    rows = figures.hours_report(organisation=care.world.alfa, start=start, end=end)
    done = Visit.objects.filter(
        organisation=care.world.alfa, status=VisitStatus.DONE, is_volunteer_task=False
    )
    minutes = sum(v.delivered_minutes for v in done)
    assert minutes == 125
    assert sum(r.delivered_minutes for r in rows) == minutes
    assert figures.totals(rows)["delivered"] == Decimal("2.08")
    assert sum(r.billable_minutes for r in rows) == 50 + 60  # never more than planned


def test_volunteer_hours_never_count_as_professional_hours(delivered):
    care = delivered
    start, end = care.today, care.today + dt.timedelta(days=6)
    rows = figures.hours_report(organisation=care.world.alfa, start=start, end=end)
    assert {r.service_kind for r in rows} == {"personal_care"}
    planned = Visit.objects.filter(
        organisation=care.world.alfa, is_volunteer_task=False, day__gte=start, day__lte=end
    )
    assert sum(r.planned_minutes for r in rows) == 60 * planned.count()
    volunteer = figures.volunteer_hours(organisation=care.world.alfa, start=start, end=end)
    assert [(v["activity"], v["hours"]) for v in volunteer] == [("companionship", Decimal("1.50"))]


def test_continuity_counts_the_share_of_visits_by_the_preferred_carers(delivered):
    care = delivered
    services.plan_carers_set(plan=care.plan, preferred=[care.carla_carer], refused=[])
    start, end = care.today, care.today + dt.timedelta(days=6)
    (maria,) = figures.continuity_report(organisation=care.world.alfa, start=start, end=end)
    assert (maria.visits, maria.by_usual, maria.share) == (2, 1, Decimal("0.50"))


def test_the_figures_page_and_its_csv_cost_the_same_queries_whatever_the_visits(
    delivered, care_client
):
    care = delivered
    url = reverse("care_figures", args=[care.world.alfa.pk])
    client = care_client("bob")
    query = {"start": care.today.isoformat(), "end": (care.today + dt.timedelta(6)).isoformat()}
    with CaptureQueriesContext(connection) as few:
        client.get(url, query)
    services.visits_generate(
        plan=care.plan, start=care.today - dt.timedelta(days=30), end=care.today
    )
    wide = {"start": (care.today - dt.timedelta(30)).isoformat(), "end": query["end"]}
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, wide)
    assert response.status_code == 200
    assert len(many) == len(few) <= 12
    csv = client.get(reverse("care_figures_csv", args=[care.world.alfa.pk, "hours"]), query)
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("month,service_user,service,funder,planned_hours")
    assert any("Rossi Maria" in line for line in lines[1:])


def test_consortium_staff_see_aggregates_without_names(delivered, care_client):
    care = delivered
    query = {"start": care.today.isoformat(), "end": (care.today + dt.timedelta(6)).isoformat()}
    page = care_client("sara").get(reverse("care_figures", args=[care.world.alfa.pk]), query)
    csv = care_client("sara").get(
        reverse("care_figures_csv", args=[care.world.alfa.pk, "hours"]), query
    )
    assert page.status_code == csv.status_code == 200
    for body in (page.content.decode(), csv.content.decode()):
        assert "Rossi" not in body
    assert "2.08" in page.content.decode().replace(",", ".")


def test_sums_in_the_database_floor_each_visit_s_minutes_as_the_visit_does(delivered):
    """Seconds and microseconds are floored visit by visit, as ``Visit.delivered_minutes``
    floors them, and a done visit with no check-out counts no delivered minute."""
    care = delivered
    start, end = care.today, care.today + dt.timedelta(days=6)
    done = Visit.objects.filter(
        organisation=care.world.alfa, status=VisitStatus.DONE, is_volunteer_task=False
    ).order_by("starts_at")
    first, second = done
    odd = dt.timedelta(minutes=50, seconds=59, microseconds=999_999)
    Visit.objects.filter(pk=first.pk).update(
        checked_in_at=first.starts_at + dt.timedelta(microseconds=1),
        checked_out_at=first.starts_at + odd,
    )
    Visit.objects.filter(pk=second.pk).update(checked_out_at=None)
    visits = list(done.all())
    rows = figures.hours_report(organisation=care.world.alfa, start=start, end=end)
    assert [v.delivered_minutes for v in visits] == [50, 0]
    assert sum(r.delivered_minutes for r in rows) == 50
    assert sum(r.billable_minutes for r in rows) == 50
    (authorised,) = figures.authorised_report(organisation=care.world.alfa, start=start, end=end)
    assert authorised.delivered_minutes == 50
    assert authorised.planned_minutes == sum(r.planned_minutes for r in rows)
