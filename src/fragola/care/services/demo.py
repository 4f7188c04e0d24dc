"""Home-care demo data for the demo's type A co-ops: users, carers, plans, eight weeks of visits.

``care_demo_load(organisations=..., today=...)`` is idempotent (a co-op that already has service
users is left alone) and fast (bulk inserts). It returns the demo logins to print.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from fragola.care.models import (
    CARE_TYPES,
    Carer,
    CarerKind,
    FamilyMember,
    ServiceUser,
)
from fragola.care.services.demo_data import (
    carers_create,
    plans_and_visits_create,
    service_users_create,
)
from fragola.registry.models import Organisation, Person, RoleName
from fragola.registry.services import role_give

DEMO_PASSWORD = "fragola-demo"  # noqa: S105 (printed to every demo user)
TOTAL_USERS, TOTAL_WORKERS, TOTAL_VOLUNTEERS = 300, 80, 40


@dataclass
class CareDemoLogin:
    username: str
    password: str
    role: str
    organisation: str


@dataclass
class CareDemoSummary:
    service_users: int = 0
    workers: int = 0
    volunteers: int = 0
    visits: int = 0
    logins: list[CareDemoLogin] = field(default_factory=list)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


@transaction.atomic
def care_demo_load(*, organisations: Iterable[Organisation], today: dt.date) -> CareDemoSummary:
    coops = [o for o in organisations if o.type in CARE_TYPES]
    summary = CareDemoSummary()
    if not coops:
        return summary
    rng = random.Random(381)
    sizes = zip(
        _split(TOTAL_USERS, len(coops)),
        _split(TOTAL_WORKERS, len(coops)),
        _split(TOTAL_VOLUNTEERS, len(coops)),
        strict=True,
    )
    for coop, (n_users, n_workers, n_volunteers) in zip(coops, sizes, strict=True):
        if ServiceUser.objects.filter(organisation=coop).exists():
            continue
        workers = carers_create(coop, n_workers, CarerKind.WORKER, rng, today)
        volunteers = carers_create(coop, n_volunteers, CarerKind.VOLUNTEER, rng, today)
        users = service_users_create(coop, n_users, rng, today)
        summary.visits += plans_and_visits_create(users, workers, volunteers, rng, today)
        summary.service_users += len(users)
        summary.workers += len(workers)
        summary.volunteers += len(volunteers)
    summary.logins = _logins(coops[0], today)
    return summary


@cache
def _password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _user(username: str, first: str, last: str) -> User:
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "password": _password_hash(),
        },
    )
    return user


def _logins(coop: Organisation, today: dt.date) -> list[CareDemoLogin]:
    """operatrice (a worker with visits today), volontaria (insured), famiglia (one relative)."""
    worker = Carer.objects.filter(organisation=coop, kind=CarerKind.WORKER).order_by("pk").first()
    volunteer = (
        Carer.objects.filter(organisation=coop, kind=CarerKind.VOLUNTEER).order_by("pk").first()
    )
    relative = ServiceUser.objects.filter(organisation=coop).order_by("pk").first()
    result = []
    for username, carer, role in [
        ("operatrice", worker, RoleName.CARER),
        ("volontaria", volunteer, RoleName.VOLUNTEER),
    ]:
        if carer is None:
            continue
        user = _user(username, carer.person.first_name, carer.person.last_name)
        role_give(user=user, organisation_id=coop.pk, name=role)
        if carer.user_id is None:
            Carer.objects.filter(pk=carer.pk).update(user=user)
            Person.objects.filter(pk=carer.person_id, user__isnull=True).update(user=user)
        result.append(CareDemoLogin(username, DEMO_PASSWORD, role, coop.name))
    if relative is not None:
        user = _user("famiglia", "Laura", relative.last_name)
        role_give(user=user, organisation_id=coop.pk, name=RoleName.FAMILY)
        FamilyMember.objects.get_or_create(
            service_user=relative,
            user=user,
            defaults={
                "name": f"Laura {relative.last_name}",
                "relation": "figlia",
                "is_informal_carer": True,
            },
        )
        result.append(CareDemoLogin("famiglia", DEMO_PASSWORD, RoleName.FAMILY, coop.name))
    return result
