"""Authorised hours (from the commissioning) beside planned and delivered, months over flagged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fragola.care import figures, services
from fragola.care.models import Visit

pytestmark = pytest.mark.django_db

MONTH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _deliver_month(care, minutes: int) -> None:
    """Maria's personal care in March 2026, every day (31 one-hour visits), each done."""
    services.visits_generate(plan=care.plan, start=MONTH[0], end=MONTH[1])
    visits = Visit.objects.filter(
        plan_service=care.personal_care, day__gte=MONTH[0], day__lte=MONTH[1]
    )
    for visit in visits:
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob, force=True)
        services.visit_check_in(visit=visit, by=care.world.bob, at=visit.starts_at)
        services.visit_check_out(
            visit=visit, by=care.world.bob, at=visit.starts_at + dt.timedelta(minutes=minutes)
        )


def _commission(care, hours: str, starts_on: dt.date = dt.date(2026, 1, 1), **kwargs):
    return services.commission_create(
        service_user=care.maria,
        funder_kind="comune",
        funder_name="Comune di Bergamo",
        contract_reference="SAD 2026",
        starts_on=starts_on,
        hours={"personal_care": Decimal(hours), "companionship": Decimal("99")},
        **kwargs,
    )


def _maria_march(care):
    rows = figures.authorised_report(organisation=care.world.alfa, start=MONTH[0], end=MONTH[1])
    return [r for r in rows if r.service_user_id == care.maria.pk]


def test_it_flags_a_month_delivered_over_the_authorisation(care):
    _commission(care, "30")
    _deliver_month(care, 60)  # 31 h planned and delivered, 30 authorised
    (row,) = _maria_march(care)
    assert (row.authorised_hours, row.planned_hours, row.delivered_hours) == (
        Decimal("30"),
        Decimal("31.00"),
        Decimal("31.00"),
    )
    assert row.delivered_over and row.over


def test_it_does_not_flag_a_month_within_the_authorisation(care):
    _commission(care, "40")
    _deliver_month(care, 50)
    (row,) = _maria_march(care)
    assert row.authorised_hours == Decimal("40")
    assert not row.over


def test_commissions_in_force_that_month_add_up_and_others_do_not_count(care):
    _commission(care, "20", ends_on=dt.date(2026, 12, 31))
    _commission(care, "15", starts_on=dt.date(2026, 3, 15))  # in force for part of March
    _commission(care, "500", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2026, 2, 28))
    _deliver_month(care, 60)
    (row,) = _maria_march(care)
    assert row.authorised_hours == Decimal("35")
    assert not row.over


def test_no_authorisation_is_shown_as_none_and_not_as_over(care):
    _deliver_month(care, 60)
    (row,) = _maria_march(care)
    assert row.authorised_hours is None
    assert not row.over


def test_the_figures_page_shows_the_flag_to_coordinators_only(care, care_client):
    _commission(care, "30")
    _deliver_month(care, 60)
    query = {"start": MONTH[0].isoformat(), "end": MONTH[1].isoformat()}
    url = reverse("care_figures", args=[care.world.alfa.pk])
    body = care_client("bob").get(url, query).content.decode()
    assert 'id="authorised"' in body and "over-flag" in body
    staff = care_client("sara").get(url, query).content.decode()
    assert 'id="authorised"' not in staff and "Rossi" not in staff
    csv = care_client("bob").get(
        reverse("care_figures_csv", args=[care.world.alfa.pk, "authorised"]), query
    )
    lines = csv.content.decode().splitlines()
    assert lines[0] == (
        "month,service_user,service,authorised_hours,planned_hours,delivered_hours,over"
    )
    assert lines[1].endswith(",30.00,31.00,31.00,1")
