"""A consortium at scale: 100 co-ops, 10,000 members, 5,000 service users, a year of visits (1 M).

The data is deterministic for a given seed and reference date (``--as-of``, default today): the
visits cover the 52 weeks before it and 2 weeks after. It is written through the ORM's
``bulk_create`` in batches, so it follows the models as they change; what makes it fast is the
batching, not hand-written SQL.

One co-op, "Cooperativa Sociale Scala Grande", is the largest (the pages are measured on it) and
has a login per persona (password ``fragola-scale``):

    scala.admin  scala.coordinatore  scala.operatore  scala.volontario  scala.socio
    scala.famiglia  scala.tutor (a type B co-op)  scala.consorzio (consortium staff)

    .venv/bin/python benchmarks/scale/generate.py                       # SQLite in FRAGOLA_DATA_DIR
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/scale/generate.py
    .venv/bin/python benchmarks/scale/generate.py --scale 0.01           # a hundredth, to try it

The database must hold no scale data yet (it is migrated first); the territory comes from the
migrations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_db import configure

PASSWORD = "fragola-scale"
LARGEST = "Cooperativa Sociale Scala Grande"
PERSONAS = {
    "scala.admin": "admin",
    "scala.coordinatore": "coordinator",
    "scala.operatore": "carer",
    "scala.volontario": "volunteer",
    "scala.socio": "member",
    "scala.famiglia": "family",
    "scala.tutor": "tutor",
    "scala.consorzio": "staff",
}
BATCH = 5_000
FIRST = ["Giulia", "Marco", "Anna", "Luca", "Sara", "Paolo", "Elena", "Davide", "Chiara", "Matteo"]
LAST = ["Rota", "Locatelli", "Pesenti", "Gamba", "Bonetti", "Milesi", "Belotti", "Previtali"]


@dataclass(frozen=True)
class Size:
    coops: int
    members: int
    service_users: int
    visits: int

    @classmethod
    def scaled(cls, factor: float) -> Size:
        return cls(
            coops=max(3, round(100 * factor)),
            members=max(60, round(10_000 * factor)),
            service_users=max(20, round(5_000 * factor)),
            visits=max(2_000, round(1_000_000 * factor)),
        )


def batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def save(model: Any, rows: Iterable[Any]) -> list[Any]:
    saved: list[Any] = []
    for batch in batched(rows):
        saved += model.objects.bulk_create(batch)
    return saved


class Generator:
    def __init__(self, *, size: Size, as_of: dt.date, seed: int) -> None:
        self.size = size
        self.as_of = as_of
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}
        self.serial = 0  # people made so far: their fiscal codes are unique

    # Organisations ---------------------------------------------------------------------------

    def organisations(self) -> tuple[Any, list[Any]]:
        from fragola.registry.models import Comune, ConsortiumMembership, Organisation
        from fragola.testing.factories import organisation_fiscal_code

        comuni = list(Comune.objects.filter(province__abbreviation="BG").order_by("pk")[:60])
        consortium = Organisation.objects.create(
            type="consortium",
            name="Consorzio Scala Società Cooperativa Sociale",
            fiscal_code=organisation_fiscal_code(900_000),
            legal_form="srl",
            founded_on=dt.date(1995, 3, 1),
            comune=comuni[0],
        )
        coops = []
        for n in range(self.size.coops):
            kind = {0: "A", 1: "B"}.get(n) or self.rng.choices(["A", "B", "AB"], [60, 30, 10])[0]
            name = LARGEST if n == 0 else f"Cooperativa Sociale Scala {n:03d}"
            coops.append(
                Organisation(
                    type=kind,
                    name=name,
                    fiscal_code=organisation_fiscal_code(900_001 + n),
                    legal_form="srl",
                    founded_on=dt.date(1990, 1, 1) + dt.timedelta(days=self.rng.randint(0, 9000)),
                    comune=comuni[n % len(comuni)],
                )
            )
        coops = save(Organisation, coops)
        save(
            ConsortiumMembership,
            (
                ConsortiumMembership(
                    consortium=consortium,
                    member=coop,
                    joined_on=max(coop.founded_on, consortium.founded_on) + dt.timedelta(days=90),
                )
                for coop in coops
            ),
        )
        self.comuni = comuni
        self.counts["organisations"] = len(coops) + 1
        return consortium, coops

    # The books -------------------------------------------------------------------------------

    def books(self, coops: list[Any]) -> dict[int, list[Any]]:
        """Members of each co-op: the largest has about 100 (human scale), the rest share."""
        from django.db.models import Max

        from fragola.registry.models import Membership, Person

        per_coop = self._split(self.size.members, len(coops), first=min(100, self.size.members))
        numbers = dict(
            Membership.objects.filter(organisation__in=coops)
            .values("organisation")
            .annotate(top=Max("member_number"))
            .values_list("organisation", "top")
        )
        people, lines = [], []
        for coop, count in zip(coops, per_coop, strict=True):
            first = (numbers.get(coop.pk) or 0) + 1
            for k in range(first, first + count):
                person, line = self._member(coop, k)
                people.append(person)
                lines.append(line)
        people = save(Person, people)
        for person, line in zip(people, lines, strict=True):
            line.person = person
        save(Membership, lines)
        self.counts["members"] = len(lines)
        by_coop: dict[int, list[Any]] = {}
        for line in lines:
            by_coop.setdefault(line.organisation_id, []).append(line)
        return by_coop

    def _split(self, total: int, parts: int, *, first: int) -> list[int]:
        rest = total - first
        base, extra = divmod(rest, max(1, parts - 1))
        return [first] + [base + (1 if n < extra else 0) for n in range(parts - 1)]

    def _member(self, coop: Any, k: int) -> tuple[Any, Any]:
        from fragola.registry.models import Membership, Person

        self.serial += 1
        serial = self.serial
        category = "lavoratore" if k % 10 < 6 else "volontario" if k % 10 < 8 else "fruitore"
        admitted = self.as_of - dt.timedelta(days=self.rng.randint(40, 6000))
        person = Person(
            organisation=coop,
            kind="natural",
            fiscal_code=f"SCL{serial:013d}",
            first_name=self.rng.choice(FIRST),
            last_name=f"{self.rng.choice(LAST)} {serial}",
            comune=self.rng.choice(self.comuni),
        )
        line = Membership(
            organisation=coop,
            member_number=k,
            category=category,
            applied_on=admitted - dt.timedelta(days=20),
            admitted_on=admitted,
        )
        return person, line

    # Care ------------------------------------------------------------------------------------

    def care(self, coops: list[Any], books: dict[int, list[Any]]) -> dict[int, list[Any]]:
        """Carers from each type A co-op's worker and volunteer members; users and their plans."""
        from fragola.care.models import CarePlan, Carer, Commission, PlanService, ServiceUser

        type_a = [c for c in coops if c.type in ("A", "AB")]
        carers = [
            Carer(
                organisation=coop,
                person=line.person,
                kind="worker" if line.category == "lavoratore" else "volunteer",
                weekly_hours=Decimal("30.0") if line.category == "lavoratore" else None,
                home_comune=coop.comune,
            )
            for coop in type_a
            for line in books.get(coop.pk, [])
            if line.category in ("lavoratore", "volontario")
        ]
        carers = save(Carer, carers)
        workers: dict[int, list[Any]] = {}
        for carer in carers:
            if carer.kind == "worker":
                workers.setdefault(carer.organisation_id, []).append(carer)
        share = self._split(
            self.size.service_users, len(type_a), first=max(1, self.size.service_users // 12)
        )
        users = [
            self._service_user(coop, n)
            for coop, count in zip(type_a, share, strict=True)
            for n in range(count)
        ]
        users = save(ServiceUser, users)
        started = self.as_of - dt.timedelta(days=400)
        commissions = save(
            Commission,
            (
                Commission(
                    service_user=u,
                    funder_kind="comune",
                    funder_name="Comune",
                    contract_reference="SAD",
                    starts_on=started,
                )
                for u in users
            ),
        )
        plans = save(
            CarePlan,
            (
                CarePlan(
                    service_user=u,
                    commission=c,
                    assessed_on=started,
                    goals="Autonomia a domicilio",
                    review_on=self.as_of + dt.timedelta(days=90),
                    valid_from=started,
                )
                for u, c in zip(users, commissions, strict=True)
            ),
        )
        weekdays = self._weekdays_per_user(len(users))
        services = save(
            PlanService,
            (
                PlanService(
                    plan=plan,
                    kind="personal_care",
                    duration_minutes=60,
                    weekdays="".join(str(d) for d in range(1, days + 1)),
                    window_start=dt.time(8 + (n % 9), 0),
                    window_end=dt.time(9 + (n % 9), 30),
                )
                for n, (plan, days) in enumerate(zip(plans, weekdays, strict=True))
            ),
        )
        self.counts.update(carers=len(carers), service_users=len(users))
        self.users, self.services, self.workers = users, services, workers
        return workers

    def _service_user(self, coop: Any, n: int) -> Any:
        from fragola.care.models import ServiceUser

        comune = coop.comune
        return ServiceUser(
            organisation=coop,
            first_name=self.rng.choice(FIRST),
            last_name=f"{self.rng.choice(LAST)} U{n}",
            address=f"Via Roma {n + 1}",
            comune=comune,
            latitude=comune.latitude + Decimal(self.rng.randint(-900, 900)) / 100_000,
            longitude=comune.longitude + Decimal(self.rng.randint(-900, 900)) / 100_000,
            started_on=self.as_of - dt.timedelta(days=400),
        )

    def _weekdays_per_user(self, users: int) -> list[int]:
        """Visit days a week per user so that 54 weeks hold about the visits asked for."""
        per_week = self.size.visits / 54 / max(1, users)
        low = min(7, max(1, int(per_week)))
        high = min(7, low + 1)
        with_high = round((per_week - low) * users) if high > low else 0
        return [high if n < with_high else low for n in range(users)]

    def visits(self) -> None:
        from django.utils import timezone

        from fragola.care.models import Visit

        first = self.as_of - dt.timedelta(weeks=52)
        days = [first + dt.timedelta(days=n) for n in range(54 * 7)]
        rome = timezone.get_default_timezone()

        def rows() -> Iterator[Any]:
            for user, service in zip(self.users, self.services, strict=True):
                carers = self.workers.get(user.organisation_id) or [None]
                wanted = service.weekday_numbers
                for day in days:
                    if day.isoweekday() not in wanted:
                        continue
                    starts = dt.datetime.combine(day, service.window_start, tzinfo=rome)
                    yield self._visit(user, service, day, starts, self.rng.choice(carers))

        self.counts["visits"] = sum(len(Visit.objects.bulk_create(b)) for b in batched(rows()))

    def _visit(self, user: Any, service: Any, day: dt.date, starts: dt.datetime, carer: Any) -> Any:
        from fragola.care.models import Visit

        ends = starts + dt.timedelta(minutes=service.duration_minutes)
        visit = Visit(
            organisation_id=user.organisation_id,
            service_user=user,
            plan_service=service,
            day=day,
            starts_at=starts,
            ends_at=ends,
            carer=carer,
            status="assigned" if carer else "planned",
        )
        if day < self.as_of and carer is not None:
            outcome = self.rng.random()
            if outcome < 0.95:
                visit.status = "done"
                visit.checked_in_at = starts + dt.timedelta(minutes=self.rng.randint(-5, 10))
                visit.checked_out_at = visit.checked_in_at + dt.timedelta(minutes=60)
            else:
                visit.status = "cancelled" if outcome < 0.98 else "missed"
        return visit

    # Logins ----------------------------------------------------------------------------------

    def logins(self, consortium: Any, coops: list[Any], books: dict[int, list[Any]]) -> None:
        from django.contrib.auth import get_user_model

        from fragola.care.models import Carer, FamilyMember
        from fragola.registry.models import Role

        user_model = get_user_model()
        largest = coops[0]
        type_b = next((c for c in coops if c.type == "B"), coops[-1])
        where = {"tutor": type_b, "staff": consortium}
        for username, role in PERSONAS.items():
            user = user_model(username=username, email=f"{username}@example.org")
            user.set_password(PASSWORD)
            user.save()
            Role.objects.create(user=user, organisation=where.get(role, largest), name=role)
            if role in ("carer", "volunteer"):
                kind = "worker" if role == "carer" else "volunteer"
                carer = Carer.objects.filter(organisation=largest, kind=kind, user=None).first()
                if carer is not None:
                    carer.user = user
                    carer.save(update_fields=["user"])
            if role == "member":
                person = books[largest.pk][0].person
                person.user = user
                person.save(update_fields=["user"])
            if role == "family":
                FamilyMember.objects.create(
                    service_user=self.users[0], name="Famiglia Scala", relation="figlia", user=user
                )


def generate(*, size: Size, as_of: dt.date, seed: int = 381) -> dict[str, int]:
    from django.db import transaction

    from fragola.registry.models import Organisation

    if Organisation.objects.filter(name=LARGEST).exists():
        raise SystemExit("The scale data is already in this database.")
    gen = Generator(size=size, as_of=as_of, seed=seed)
    with transaction.atomic():
        consortium, coops = gen.organisations()
        books = gen.books(coops)
        gen.care(coops, books)
        gen.logins(consortium, coops, books)
    with transaction.atomic():
        gen.visits()
    analyse()
    return gen.counts


def analyse() -> None:
    """Refresh the planner's statistics, as autovacuum would soon after a bulk load.

    Without them PostgreSQL plans the first queries on a freshly loaded million visits as if
    the tables were empty (a nested loop over 90,000 rows per carer: seconds, not milliseconds),
    and the page figures would measure that instead of Fragola.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # unlike VACUUM, it may run inside a transaction (the tests')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the full consortium")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--seed", type=int, default=381)
    args = parser.parse_args(argv)
    configure(migrate=True)
    from django.utils import timezone

    started = time.perf_counter()
    counts = generate(
        size=Size.scaled(args.scale), as_of=args.as_of or timezone.localdate(), seed=args.seed
    )
    elapsed = time.perf_counter() - started
    print(", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items()))
    print(f"generated in {elapsed:.1f} s; logins: {', '.join(PERSONAS)} / {PASSWORD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
