"""The lists of planning take the same number of queries for one row as for ten: the runs, a
proposal's board and a repair's changes, a carer's published visits and calendar, and the API
lists. A list that queried once per row would show it here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fragola.care.models import VisitStatus
from fragola.planning import services
from fragola.planning.models import PlanningRun, RunKind, RunStatus
from fragola.planning.tests.conftest import PlanningWorld
from fragola.testing.factories import UserFactory
from fragola.testing.factories_apps import (
    CarerFactory,
    PlannedAssignmentFactory,
    PlanningRunFactory,
    VisitFactory,
)
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db

API = "/api/v1/planning"


def _week(p: PlanningWorld, **kwargs: object) -> PlanningRun:
    today = timezone.localdate()
    return PlanningRunFactory(
        organisation=p.world.alfa,
        period_start=today,
        period_end=today + dt.timedelta(days=6),
        created_by=UserFactory(),
        **kwargs,
    )


def _repair(p: PlanningWorld) -> PlanningRun:
    return _week(p, kind=RunKind.REPAIR, absent_carer=CarerFactory(organisation=p.world.alfa))


_RUN: dict[str, PlanningRun] = {}


def _the(p: PlanningWorld, kind: str) -> PlanningRun:
    if kind not in _RUN:
        _RUN[kind] = _repair(p) if kind == RunKind.REPAIR else _week(p)
    return _RUN[kind]


def _proposed(p: PlanningWorld) -> object:
    return PlannedAssignmentFactory(run=_the(p, RunKind.PLAN))


def _changed(p: PlanningWorld) -> object:
    row = PlannedAssignmentFactory(run=_the(p, RunKind.REPAIR))
    row.previous_carer = CarerFactory(organisation=p.world.alfa)
    row.previous_starts_at = row.starts_at
    row.save()
    return row


def _published(p: PlanningWorld) -> object:
    return VisitFactory(
        organisation=p.world.alfa, carer=p.care.carla_carer, status=VisitStatus.ASSIGNED
    )


def _calendar(p: PlanningWorld) -> str:
    return reverse("planning_ical", args=[services.carer_feed_get(carer=p.care.carla_carer).token])


# what: (who, url, one row more)
LISTS: dict[str, tuple[str, Callable[[PlanningWorld], str], Callable[[PlanningWorld], object]]] = {
    "the runs": (
        "bob",
        lambda p: reverse("planning_home", args=[p.world.alfa.pk]),
        lambda p: (_week(p), _repair(p)),
    ),
    "a proposal's board": (
        "bob",
        lambda p: reverse("planning_run", args=[p.world.alfa.pk, _the(p, RunKind.PLAN).pk]),
        _proposed,
    ),
    "a repair's changes": (
        "bob",
        lambda p: reverse("planning_run", args=[p.world.alfa.pk, _the(p, RunKind.REPAIR).pk]),
        _changed,
    ),
    "a carer's published visits": (
        "carla",
        lambda p: reverse("planning_mine", args=[p.world.alfa.pk]),
        _published,
    ),
    "a carer's calendar": ("", _calendar, _published),
    "API: runs": (
        "bob",
        lambda p: f"{API}/organisations/{p.world.alfa.pk}/runs",
        lambda p: (_week(p), _repair(p)),
    ),
    "API: repairs": (
        "bob",
        lambda p: f"{API}/organisations/{p.world.alfa.pk}/repairs?status={RunStatus.DONE}",
        _repair,
    ),
    "API: a proposal": (
        "bob",
        lambda p: f"{API}/runs/{_the(p, RunKind.PLAN).pk}/proposal",
        _proposed,
    ),
}


@pytest.mark.parametrize("what", LISTS)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(
    planning: PlanningWorld, care_client: Callable[[str], Client], what: str
) -> None:
    _RUN.clear()
    who, url, add = LISTS[what]
    client = care_client(who) if who else Client()  # calendar apps do not log in
    one, ten = one_and_ten(client, lambda: url(planning), lambda: add(planning))
    assert len(ten.body) > len(one.body)  # the nine rows more are shown
    assert (one.queries, one.logged) == (ten.queries, ten.logged)
