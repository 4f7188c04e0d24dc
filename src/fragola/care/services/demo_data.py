"""Builders of the care demo: carers, service users, plans and visits, in bulk."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from codicefiscale import codicefiscale

from fragola.care.domain import Occurrence, occurrences
from fragola.care.models import (
    AuthorisedHours,
    CarePlan,
    Carer,
    CarerKind,
    CarerQualification,
    Commission,
    FunderKind,
    HealthRecord,
    PlanService,
    Qualification,
    ServiceKind,
    ServiceUser,
    Visit,
    VisitStatus,
)
from fragola.registry.models import Comune, Organisation, Person, PersonKind

WEEKS_BACK, WEEKS_AHEAD = 4, 4
FIRST = [
    "Maria",
    "Anna",
    "Giuseppina",
    "Rosa",
    "Angela",
    "Giovanni",
    "Luigi",
    "Francesco",
    "Teresa",
    "Lucia",
    "Carla",
    "Pietro",
    "Bruno",
    "Elena",
    "Franca",
    "Mario",
    "Silvia",
]
LAST = [
    "Rossi",
    "Ferrari",
    "Locatelli",
    "Pesenti",
    "Rota",
    "Gritti",
    "Carminati",
    "Bonetti",
    "Mazzoleni",
    "Cortinovis",
    "Belotti",
    "Previtali",
    "Personeni",
    "Milesi",
    "Ghisleni",
]
CONDITIONS = [
    "Diabete di tipo 2",
    "Esiti di ictus",
    "Demenza lieve",
    "Frattura di femore",
    "Scompenso cardiaco",
    "Parkinson",
]


def _comuni(coop: Organisation) -> list[Comune]:
    return list(coop.comuni_served.all()) or [coop.comune]


def carers_create(
    coop: Organisation, count: int, kind: str, rng: random.Random, today: dt.date
) -> list[Carer]:
    comuni = _comuni(coop)
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        born = dt.date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        sex: Literal["M", "F"] = "M" if first[-1] == "o" else "F"
        code = codicefiscale.encode(
            lastname=last,
            firstname=first,
            gender=sex,
            birthdate=born.isoformat(),
            birthplace="A794",
        )
        people.append(
            Person(
                organisation=coop,
                kind=PersonKind.NATURAL,
                first_name=first,
                last_name=last,
                sex=sex,
                birth_date=born,
                fiscal_code=code,
                comune=comuni[i % len(comuni)],
            )
        )
    existing = set(Person.objects.filter(organisation=coop).values_list("fiscal_code", flat=True))
    people = [
        p for p in {p.fiscal_code: p for p in people}.values() if p.fiscal_code not in existing
    ]
    Person.objects.bulk_create(people)
    worker = kind == CarerKind.WORKER
    carers = Carer.objects.bulk_create(
        Carer(
            organisation=coop,
            person=p,
            kind=kind,
            home_comune=p.comune,
            weekly_hours=Decimal(rng.choice([18, 24, 30, 38])) if worker else None,
            activities="" if worker else "companionship,transport",
            insurance_policy="" if worker else "INAIL-DEMO",
            insured_until=None if worker else today + dt.timedelta(days=365),
        )
        for p in people
    )
    if worker:
        CarerQualification.objects.bulk_create(
            CarerQualification(
                carer=c,
                kind=Qualification.NURSE if i % 8 == 0 else Qualification.OSS,
                expires_on=today + dt.timedelta(days=700),
            )
            for i, c in enumerate(carers)
        )
    return carers


def service_users_create(
    coop: Organisation, count: int, rng: random.Random, today: dt.date
) -> list[ServiceUser]:
    comuni = _comuni(coop)
    users = []
    for i in range(count):
        comune = comuni[i % len(comuni)]
        jitter = Decimal(rng.randrange(-400, 400)) / Decimal(100000)
        users.append(
            ServiceUser(
                organisation=coop,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                birth_year=1930 + rng.randrange(25),
                address=f"Via Roma {1 + i}",
                comune=comune,
                latitude=comune.latitude + jitter,
                longitude=comune.longitude - jitter,
                started_on=today - dt.timedelta(days=60 + rng.randrange(900)),
            )
        )
    users = ServiceUser.objects.bulk_create(users)
    HealthRecord.objects.bulk_create(
        HealthRecord(service_user=u, conditions=rng.choice(CONDITIONS)) for u in users
    )
    return users


@dataclass(frozen=True)
class _Line:
    kind: str
    weekdays: str
    start: dt.time
    minutes: int
    qualification: str
    for_volunteers: bool = False


def _lines(i: int, rounds: int) -> list[_Line]:
    """Users sharing a worker get different times, so the demo has no double booking."""
    morning = dt.time(8 + (i // rounds) % 4 * 1, 30 * ((i // rounds) % 2))
    lines = [_Line(ServiceKind.PERSONAL_CARE, "12345", morning, 45, Qualification.OSS)]
    lines.append(_Line(ServiceKind.DOMESTIC, "24", dt.time(14 + (i // rounds) % 4), 60, "none"))
    if i % 3 == 0:
        lines.append(
            _Line(
                ServiceKind.COMPANIONSHIP,
                "6",
                dt.time(10 + (i // 3) % 6),
                60,
                "none",
                for_volunteers=True,
            )
        )
    return lines


def plans_and_visits_create(
    users: list[ServiceUser],
    workers: list[Carer],
    volunteers: list[Carer],
    rng: random.Random,
    today: dt.date,
) -> int:
    rounds = max(len(workers), 1)
    commissions = Commission.objects.bulk_create(
        Commission(
            service_user=u,
            funder_kind=FunderKind.COMUNE if i % 4 else FunderKind.HEALTH,
            funder_name="Ambito di Bergamo" if i % 4 else "ASST Papa Giovanni XXIII",
            contract_reference="Accreditamento SAD 2025",
            cig="" if i % 4 else "A0B1C2D3E4",
            starts_on=u.started_on,
            co_payment_per_hour=Decimal(rng.choice(["0", "2.50", "5"])),
        )
        for i, u in enumerate(users)
    )
    AuthorisedHours.objects.bulk_create(
        AuthorisedHours(
            commission=c, service_kind=ServiceKind.PERSONAL_CARE, hours_per_month=Decimal("20")
        )
        for c in commissions
    )
    plans = CarePlan.objects.bulk_create(
        CarePlan(
            service_user=u,
            commission=c,
            assessed_on=u.started_on,
            valid_from=u.started_on,
            review_on=today + dt.timedelta(days=30 + i % 90),
            goals="Mantenere l'autonomia a domicilio; igiene e mobilizzazione quotidiane.",
            family_tasks="La figlia prepara la cena e fa la spesa." if i % 2 else "",
        )
        for i, (u, c) in enumerate(zip(users, commissions, strict=True))
    )
    through = CarePlan.preferred_carers.through
    services: list[tuple[int, PlanService, Carer | None]] = []
    for i, plan in enumerate(plans):
        primary = workers[i % rounds] if workers else None
        second = workers[(i + 1) % rounds] if workers else None
        for line in _lines(i, rounds):
            service = PlanService(
                plan=plan,
                kind=line.kind,
                duration_minutes=line.minutes,
                weekdays=line.weekdays,
                window_start=line.start,
                window_end=(dt.datetime.combine(today, line.start) + dt.timedelta(hours=2)).time(),
                qualification=line.qualification,
                for_volunteers=line.for_volunteers,
            )
            carer = primary if line.kind == ServiceKind.PERSONAL_CARE else second
            if line.for_volunteers:
                carer = volunteers[(i // 3) % len(volunteers)] if volunteers else None
            services.append((i, service, carer))
    PlanService.objects.bulk_create(s for _i, s, _c in services)
    through.objects.bulk_create(
        through(careplan_id=p.pk, carer_id=workers[i % rounds].pk)
        for i, p in enumerate(plans)
        if workers
    )
    # At least the whole of last month (it is billed), on any date.
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    start = min(today - dt.timedelta(weeks=WEEKS_BACK), last_month)
    end = today + dt.timedelta(weeks=WEEKS_AHEAD) - dt.timedelta(days=1)
    visits = [
        _visit(users[i], service, carer, occ, rng, today)
        for i, service, carer in services
        for occ in occurrences(
            weekdays=service.weekday_numbers,
            window_start=service.window_start,
            duration_minutes=service.duration_minutes,
            start=start,
            end=end,
        )
    ]
    Visit.objects.bulk_create(visits, batch_size=1000)
    return len(visits)


def _visit(
    user: ServiceUser,
    service: PlanService,
    carer: Carer | None,
    occ: Occurrence,
    rng: random.Random,
    today: dt.date,
) -> Visit:
    visit = Visit(
        organisation_id=user.organisation_id,
        service_user=user,
        plan_service=service,
        day=occ.day,
        slot=1,
        starts_at=occ.starts_at,
        ends_at=occ.ends_at,
        is_volunteer_task=service.for_volunteers,
        status=VisitStatus.PLANNED,
    )
    open_task = service.for_volunteers and occ.day >= today and rng.random() < 0.5
    if carer is None or open_task or occ.day > today + dt.timedelta(days=14):
        return visit
    visit.carer = carer
    visit.status = VisitStatus.ASSIGNED
    if occ.day >= today:
        return visit
    roll = rng.random()
    if roll < 0.04:
        visit.status, visit.status_reason = VisitStatus.MISSED, "Utente non in casa"
    elif roll < 0.07:
        visit.status, visit.status_reason = VisitStatus.CANCELLED, "Ricovero ospedaliero"
    else:
        late = dt.timedelta(minutes=rng.randrange(0, 12))
        visit.status = VisitStatus.DONE
        visit.checked_in_at = occ.starts_at + late
        visit.checked_out_at = occ.ends_at + late + dt.timedelta(minutes=rng.randrange(-5, 8))
        visit.in_area_at_check_in = visit.in_area_at_check_out = rng.random() < 0.95
        visit.tasks_done = "Igiene personale, mobilizzazione" if not carer.is_volunteer else ""
    return visit
