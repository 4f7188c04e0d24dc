"""Every list, report, export and API list of care takes the same number of queries for one row
as for ten: a list that queried once per row would show it here. (The service users, the visits
and the figures page are counted in ``test_pages.py`` and ``test_figures.py``.)

Reading a care plan or a health record writes one row to the log of sensitive reads; it is
counted apart (``fragola.testing.queries``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fragola.care import services
from fragola.care.models import (
    Availability,
    CarerKind,
    ServiceKind,
    VisitStatus,
)
from fragola.care.tests.personas import CareWorld
from fragola.testing.factories_apps import (
    AbsenceFactory,
    CarePlanFactory,
    CarerFactory,
    ExpenseFactory,
    PlanServiceFactory,
    ServiceUserFactory,
    VisitFactory,
    VolunteerLogFactory,
)
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db

API = "/api/v1/care"


def _volunteer(care: CareWorld) -> Any:
    return CarerFactory(organisation=care.world.alfa, kind=CarerKind.VOLUNTEER, weekly_hours=None)


def _done_visit(care: CareWorld, day: dt.date) -> Any:
    """A done hour of personal care by Walter for a new service user of Alfa."""
    visit = VisitFactory(organisation=care.world.alfa, day=day, carer=care.walter)
    visit.status = VisitStatus.DONE
    visit.checked_in_at, visit.checked_out_at = visit.starts_at, visit.ends_at
    visit.save()
    return visit


def _volunteer_task(care: CareWorld) -> Any:
    """An open hour of companionship tomorrow for a new service user of Alfa."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return VisitFactory(
        organisation=care.world.alfa,
        day=tomorrow,
        is_volunteer_task=True,
        plan_service__kind=ServiceKind.COMPANIONSHIP,
        plan_service__for_volunteers=True,
    )


def _months_back() -> Callable[[CareWorld], object]:
    """Hours of a volunteer of Alfa, each entry a month before the last: one CSV row each."""
    months = itertools.count()

    def add(care: CareWorld) -> object:
        day = timezone.localdate() - dt.timedelta(days=31 * next(months))
        return VolunteerLogFactory(carer=care.vera_volunteer, day=day)

    return add


def _availability() -> Callable[[CareWorld], object]:
    hours = itertools.count(6)

    def add(care: CareWorld) -> object:
        hour = next(hours)
        return Availability.objects.create(
            carer=care.walter, weekday=1, starts_at=dt.time(hour), ends_at=dt.time(hour, 30)
        )

    return add


def _family_relative(care: CareWorld) -> object:
    relative = ServiceUserFactory(organisation=care.world.alfa)
    return services.family_member_add(
        service_user=relative, name="Fiona Rossi", relation="figlia", user=care.fiona
    )


def _for_maria(care: CareWorld) -> object:
    """What a service user's page and the family portal list: a plan with its service, a
    visit coming and one done, a consent, a relative, a commission, a message."""
    today = timezone.localdate()
    service = PlanServiceFactory(plan=CarePlanFactory(service_user=care.maria))
    VisitFactory(
        organisation=care.world.alfa,
        service_user=care.maria,
        plan_service=service,
        carer=care.walter,
    )
    done = VisitFactory(
        organisation=care.world.alfa,
        service_user=care.maria,
        plan_service=service,
        day=today - dt.timedelta(days=1),
        carer=care.walter,
        status=VisitStatus.DONE,
    )
    done.checked_in_at, done.checked_out_at = done.starts_at, done.ends_at
    done.save()
    services.consent_record(
        service_user=care.maria, purpose="care", given_on=today, by=care.world.bob
    )
    services.family_member_add(service_user=care.maria, name="Luca Rossi", relation="figlio")
    services.commission_create(
        service_user=care.maria,
        funder_kind="comune",
        funder_name="Comune di Bergamo",
        contract_reference="SAD 2025",
        starts_on=today,
        hours={ServiceKind.PERSONAL_CARE: Decimal(20)},
    )
    return services.family_message_send(service_user=care.maria, author=care.fiona, body="Grazie")


Url = Callable[[CareWorld], str]
Add = Callable[[CareWorld], object]

# what: (who, url, one row more, query string)
LISTS: dict[str, tuple[str, Url, Add, dict[str, str]]] = {
    "the expenses to approve": (
        "bob",
        lambda c: reverse("care_expenses", args=[c.world.alfa.pk]),
        lambda c: ExpenseFactory(carer=_volunteer(c)),
        {},
    ),
    "the volunteer's page: open tasks, hours, expenses": (
        "vera",
        lambda c: reverse("care_volunteer", args=[c.world.alfa.pk]),
        lambda c: (
            _volunteer_task(c),
            VolunteerLogFactory(carer=c.vera_volunteer),
            ExpenseFactory(carer=c.vera_volunteer),
        ),
        {},
    ),
    "the carer's day": (
        "carla",
        lambda c: reverse("care_today", args=[c.world.alfa.pk]),
        lambda c: VisitFactory(
            organisation=c.world.alfa, carer=c.carla_carer, status=VisitStatus.ASSIGNED
        ),
        {},
    ),
    "a service user's page": (
        "bob",
        lambda c: reverse("care_user", args=[c.world.alfa.pk, c.maria.pk]),
        _for_maria,
        {},
    ),
    "a care plan's services": (
        "bob",
        lambda c: reverse("care_plan", args=[c.world.alfa.pk, c.plan.pk]),
        lambda c: PlanServiceFactory(plan=c.plan, kind=ServiceKind.DOMESTIC),
        {},
    ),
    "the family's relatives": (
        "fiona",
        lambda c: reverse("family_home"),
        _family_relative,
        {},
    ),
    "the family's view of a relative": (
        "fiona",
        lambda c: reverse("family_relative", args=[c.maria.pk]),
        _for_maria,
        {},
    ),
    "the hours CSV": (
        "bob",
        lambda c: reverse("care_figures_csv", args=[c.world.alfa.pk, "hours"]),
        lambda c: _done_visit(c, timezone.localdate()),
        {},
    ),
    "the continuity CSV": (
        "bob",
        lambda c: reverse("care_figures_csv", args=[c.world.alfa.pk, "continuity"]),
        lambda c: _done_visit(c, timezone.localdate()),
        {},
    ),
    "the authorised hours CSV": (
        "bob",
        lambda c: reverse("care_figures_csv", args=[c.world.alfa.pk, "authorised"]),
        lambda c: _done_visit(c, timezone.localdate()),
        {},
    ),
    "the volunteer hours CSV": (
        "bob",
        lambda c: reverse("care_figures_csv", args=[c.world.alfa.pk, "volunteers"]),
        _months_back(),
        {"start": (timezone.localdate() - dt.timedelta(days=330)).isoformat()},
    ),
    "API: service users": (
        "bob",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/service-users",
        lambda c: ServiceUserFactory(organisation=c.world.alfa),
        {},
    ),
    "API: a user's plans": (
        "bob",
        lambda c: f"{API}/service-users/{c.maria.pk}/plans",
        lambda c: PlanServiceFactory(plan=CarePlanFactory(service_user=c.maria)),
        {},
    ),
    "API: visits": (
        "bob",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/visits",
        lambda c: VisitFactory(organisation=c.world.alfa, carer=_volunteer(c)),
        {},
    ),
    "API: my visits": (
        "carla",
        lambda c: f"{API}/me/visits",
        lambda c: VisitFactory(
            organisation=c.world.alfa, carer=c.carla_carer, status=VisitStatus.ASSIGNED
        ),
        {},
    ),
    "API: carers": (
        "bob",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/carers",
        lambda c: AbsenceFactory(carer=CarerFactory(organisation=c.world.alfa)),
        {},
    ),
    "API: volunteers": (
        "bob",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/volunteers",
        _volunteer,
        {},
    ),
    "API: a carer's availability": (
        "bob",
        lambda c: f"{API}/carers/{c.walter.pk}/availability",
        _availability(),
        {},
    ),
    "API: a carer's qualifications and availability": (
        "bob",
        lambda c: f"{API}/carers/{c.walter.pk}",
        _availability(),
        {},
    ),
    "API: a carer's absences": (
        "bob",
        lambda c: f"{API}/carers/{c.walter.pk}/absences",
        lambda c: AbsenceFactory(carer=c.walter),
        {},
    ),
    "API: expenses": (
        "bob",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/expenses",
        lambda c: ExpenseFactory(carer=_volunteer(c)),
        {},
    ),
    "API: open volunteer tasks": (
        "vera",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/volunteer/tasks",
        _volunteer_task,
        {},
    ),
    "API: a volunteer's hours": (
        "vera",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/volunteer/hours",
        lambda c: VolunteerLogFactory(carer=c.vera_volunteer),
        {},
    ),
    "API: a volunteer's expenses": (
        "vera",
        lambda c: f"{API}/organisations/{c.world.alfa.pk}/volunteer/expenses",
        lambda c: ExpenseFactory(carer=c.vera_volunteer),
        {},
    ),
}


@pytest.mark.parametrize("what", LISTS)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(
    care: CareWorld, care_client: Callable[[str], Client], what: str
) -> None:
    who, url, add, data = LISTS[what]
    one, ten = one_and_ten(care_client(who), url(care), lambda: add(care), data)
    assert len(ten.body) > len(one.body)  # the nine rows more are shown
    assert (one.queries, one.logged) == (ten.queries, ten.logged)
