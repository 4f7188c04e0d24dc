"""The planning world: the care personas plus a two-carer visit and a refused carer.

- Maria (Alfa) needs personal care by an OSS every morning and companionship (a volunteer
  task) every afternoon; Giovanni needs two carers together every morning and refuses Walter.
- Carla and Walter are OSS workers; Wanda is a worker without qualification; Vera is an insured
  volunteer, Ugo's insurance has lapsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client

from fragola.care import services as care_services
from fragola.care.models import CarerKind, PlanService, ServiceKind, TwoCarerMode
from fragola.care.tests.personas import CareWorld, build_care_world, carer_for, plan_for
from fragola.testing.personas import World

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": django_settings.TASK_QUEUES,
    }
}


@dataclass
class PlanningWorld:
    care: CareWorld
    start: dt.date
    end: dt.date
    pair_service: PlanService

    @property
    def world(self) -> World:
        return self.care.world


def add_pair_plan(care: CareWorld) -> PlanService:
    plan, personal, companionship = plan_for(care.giovanni, care.today)
    # Only the two-carer service: Giovanni's plan starts without visits, so these can go.
    personal.delete()
    companionship.delete()
    pair = care_services.plan_service_add(
        plan=plan,
        kind=ServiceKind.PERSONAL_CARE,
        duration_minutes=45,
        weekdays="1234567",
        window_start=dt.time(9, 0),
        window_end=dt.time(11, 0),
        carers_needed=2,
        two_carer_mode=TwoCarerMode.TOGETHER,
    )
    care_services.plan_carers_set(plan=plan, preferred=[], refused=[care.walter])
    return pair


def build_planning_world(world: World) -> PlanningWorld:
    care = build_care_world(world)
    carer_for(world.alfa, CarerKind.WORKER, last_name="Wanda")
    pair = add_pair_plan(care)
    start, end = care.today, care.today + dt.timedelta(days=6)
    care_services.visits_generate(plan=pair.plan, start=start, end=end)
    return PlanningWorld(care=care, start=start, end=end, pair_service=pair)


@pytest.fixture
def planning(world: World) -> PlanningWorld:
    return build_planning_world(world)


@pytest.fixture
def immediate(settings) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def fast_solver(monkeypatch) -> None:
    """Tiny time slices: the tests check behaviour, not the quality of a long search."""
    from fragola.planning.services import execute

    monkeypatch.setattr(execute, "SLICES", 2)


@pytest.fixture
def care_client(world: World):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(world, name))
        return client

    return make
