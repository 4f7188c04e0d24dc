"""The care world on top of the registry personas.

- Rossi Maria and Bianchi Giovanni are service users of Alfa; Fiona is Maria's daughter, with
  a family login: she must never see Giovanni.
- Carla (carer of Alfa) is an OSS assigned to Maria today; Walter is another OSS without login.
- Vera (volunteer of Alfa) is insured; Ugo is a volunteer whose insurance has lapsed.
- Gamma (Charlie's co-op) has its own service user, Neri Zeno: nobody of Alfa sees him.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from fragola.care import services
from fragola.care.models import (
    CarePlan,
    Carer,
    CarerKind,
    PlanService,
    Qualification,
    ServiceKind,
    ServiceUser,
    Visit,
)
from fragola.registry.models import Organisation
from fragola.testing.factories import PersonFactory, RoleFactory, UserFactory, comune
from fragola.testing.personas import World


@dataclass
class CareWorld:
    world: World
    today: dt.date
    maria: ServiceUser
    giovanni: ServiceUser
    zeno: ServiceUser
    fiona: AbstractUser
    carla_carer: Carer
    walter: Carer
    vera_volunteer: Carer
    ugo: Carer
    plan: CarePlan
    personal_care: PlanService
    companionship: PlanService
    visit_today: Visit
    volunteer_task: Visit
    gamma_visit: Visit


def carer_for(
    organisation: Organisation,
    kind: str,
    *,
    user: AbstractUser | None = None,
    qualification: str = "",
    insured_until: dt.date | None = None,
    last_name: str = "",
) -> Carer:
    person = PersonFactory(
        organisation=organisation, **({"last_name": last_name} if last_name else {})
    )
    carer = services.carer_register(
        person=person,
        kind=kind,
        user=user,
        weekly_hours=Decimal("30") if kind == CarerKind.WORKER else None,
        insured_until=insured_until,
    )
    if qualification:
        services.qualification_add(carer=carer, kind=qualification)
    return carer


def service_user(organisation: Organisation, last_name: str, first_name: str) -> ServiceUser:
    return services.service_user_register(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        address="Via Roma 1",
        comune=comune(),
        started_on=dt.date(2024, 1, 1),
        conditions="Diabete di tipo 2",
        care_needs="Igiene quotidiana",
    )


def plan_for(user: ServiceUser, today: dt.date) -> tuple[CarePlan, PlanService, PlanService]:
    plan = services.care_plan_create(
        service_user=user,
        assessed_on=dt.date(2025, 1, 1),
        goals="Autonomia a domicilio",
        review_on=today + dt.timedelta(days=80),
        valid_from=dt.date(2025, 1, 1),
        family_tasks="La figlia prepara la cena",
    )
    personal = services.plan_service_add(
        plan=plan,
        kind=ServiceKind.PERSONAL_CARE,
        duration_minutes=60,
        weekdays="1234567",
        window_start=dt.time(8, 0),
        window_end=dt.time(10, 0),
        qualification=Qualification.OSS,
    )
    companionship = services.plan_service_add(
        plan=plan,
        kind=ServiceKind.COMPANIONSHIP,
        duration_minutes=60,
        weekdays="1234567",
        window_start=dt.time(15, 0),
        window_end=dt.time(17, 0),
        for_volunteers=True,
    )
    return plan, personal, companionship


def build_care_world(world: World) -> CareWorld:
    today = timezone.localdate()
    alfa, gamma = world.alfa, world.gamma
    maria = service_user(alfa, "Rossi", "Maria")
    giovanni = service_user(alfa, "Bianchi", "Giovanni")
    zeno = service_user(gamma, "Neri", "Zeno")
    fiona = UserFactory(username="fiona", first_name="Fiona", last_name="Persona")
    services.family_member_add(
        service_user=maria, name="Fiona Rossi", relation="figlia", user=fiona
    )
    carla = carer_for(alfa, CarerKind.WORKER, user=world.carla, qualification=Qualification.OSS)
    walter = carer_for(alfa, CarerKind.WORKER, qualification=Qualification.OSS, last_name="Walter")
    vera = carer_for(
        alfa, CarerKind.VOLUNTEER, user=world.vera, insured_until=today + dt.timedelta(days=200)
    )
    ugo = carer_for(
        alfa, CarerKind.VOLUNTEER, insured_until=today - dt.timedelta(days=1), last_name="Ugo"
    )
    plan, personal, companionship = plan_for(maria, today)
    services.visits_generate(plan=plan, start=today, end=today + dt.timedelta(days=6))
    visit_today = Visit.objects.get(plan_service=personal, day=today)
    services.visit_assign(visit=visit_today, carer=carla, by=world.bob)
    volunteer_task = Visit.objects.get(plan_service=companionship, day=today + dt.timedelta(days=1))
    gamma_plan, gamma_personal, _c = plan_for(zeno, today)
    services.visits_generate(plan=gamma_plan, start=today, end=today)
    gamma_visit = Visit.objects.get(plan_service=gamma_personal, day=today)
    RoleFactory(user=world.charlie, organisation=gamma, name="coordinator")
    return CareWorld(
        world=world,
        today=today,
        maria=maria,
        giovanni=giovanni,
        zeno=zeno,
        fiona=fiona,
        carla_carer=carla,
        walter=walter,
        vera_volunteer=vera,
        ugo=ugo,
        plan=plan,
        personal_care=personal,
        companionship=companionship,
        visit_today=visit_today,
        volunteer_task=volunteer_task,
        gamma_visit=gamma_visit,
    )
