"""Scale benchmark: every Law 381 rule for a country-sized registry, and one compliance page.

Builds 15,000 co-ops, 500,000 memberships and 490,000 workers (plus people, certificates and
consortium links) with bulk inserts into the configured database, then times:

* the whole country: `fragola.compliance.adapter.evaluate_all` (load + evaluate), median of runs,
  as CPU time (the figure the goal is about: other processes on the machine inflate wall time)
  and wall time, beside a baseline in the same run: fetching the same rows with a bare cursor
  (members, workers, certificates: what no loader can avoid), and the ratio of the two;
* one co-op's compliance page through the test client, median of requests.

Goals: country < 5 s of CPU, page < 50 ms.

    .venv/bin/python benchmarks/compliance_scale.py               # SQLite in a temp data dir
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/compliance_scale.py
    .venv/bin/python benchmarks/compliance_scale.py --scale 0.1   # a tenth, for a quick look

With DATABASE_URL set, the database must be empty (it is migrated, filled, and left filled).
``--reuse`` measures a database an earlier run filled (FRAGOLA_DATA_DIR or DATABASE_URL naming it)
without generating anything, e.g. to compare two versions of the code on the same data:

    FRAGOLA_DATA_DIR=/tmp/country .venv/bin/python benchmarks/compliance_scale.py --runs 1
    FRAGOLA_DATA_DIR=/tmp/country .venv/bin/python benchmarks/compliance_scale.py --reuse --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

AS_OF = dt.date(2026, 6, 30)
BATCH = 10_000


def configure() -> None:
    if "DATABASE_URL" not in os.environ and "FRAGOLA_DATA_DIR" not in os.environ:
        os.environ["FRAGOLA_DATA_DIR"] = tempfile.mkdtemp(prefix="fragola-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fragola.settings")
    os.environ.setdefault("FRAGOLA_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def insert(model: Any, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """Raw ``executemany`` in batches: the fastest portable bulk insert."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from _meta)
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def day(value: dt.date) -> str:
    return value.isoformat()


class Country:
    """Deterministic synthetic registry; ids are assigned here (the database starts empty)."""

    def __init__(self, coops: int, memberships: int, workers: int, seed: int = 381) -> None:
        self.rng = random.Random(seed)
        self.n_coops, self.n_members, self.n_workers = coops, memberships, workers
        self.now = dt.datetime.now(dt.UTC).isoformat()
        self.types: list[str] = []
        self.person_id = 0

    def organisations(self, comune_id: int) -> Iterable[tuple[Any, ...]]:
        for i in range(1, self.n_coops + 1):
            kind = self.rng.choices(["A", "B", "AB", "consortium"], [58, 30, 10, 2])[0]
            self.types.append(kind)
            name = (
                f"Cooperativa Sociale Bench {i}"
                if kind != "consortium"
                else (f"Consorzio Bench {i} Società Cooperativa Sociale")
            )
            founded = dt.date(1992, 1, 1) + dt.timedelta(days=self.rng.randint(0, 11000))
            yield (
                i,
                self.now,
                self.now,
                kind,
                name,
                f"{i:011d}",
                "",
                "srl",
                day(founded),
                comune_id,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            )

    def _per_coop(self, total: int) -> list[int]:
        coops = [i for i, t in enumerate(self.types, 1) if t != "consortium"]
        counts = dict.fromkeys(coops, 0)
        for _ in range(total):
            counts[self.rng.choice(coops)] += 1
        return [counts.get(i, 0) for i in range(1, self.n_coops + 1)]

    def people_and_book(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        people, book = [], []
        categories = ["lavoratore"] * 6 + ["volontario"] * 2 + ["fruitore", "sovventore"]
        for org_id, n in enumerate(self._per_coop(self.n_members), 1):
            for k in range(n):
                self.person_id += 1
                people.append(self._person(org_id))
                admitted = dt.date(2005, 1, 1) + dt.timedelta(days=self.rng.randint(0, 7500))
                exited = admitted + dt.timedelta(days=self.rng.randint(30, 3000))
                left = day(exited) if self.rng.random() < 0.15 and exited < AS_OF else None
                book.append(
                    (
                        self.person_id,
                        self.now,
                        self.now,
                        org_id,
                        self.person_id,
                        k + 1,
                        self.rng.choice(categories),
                        day(admitted),
                        day(admitted),
                        left,
                        "withdrawal" if left else "",
                        "",
                    )
                )
        return people, book

    def _person(self, org_id: int) -> tuple[Any, ...]:
        code = f"BNC{self.person_id:013d}"
        return (
            self.person_id,
            self.now,
            self.now,
            org_id,
            "natural",
            code,
            "Nome",
            f"Cognome{self.person_id}",
            "",
            "",
            "",
            "",
            "",
        )

    def workforce(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[Any]]:
        people, jobs, certificates = [], [], []
        for org_id, n in enumerate(self._per_coop(self.n_workers), 1):
            kind = self.types[org_id - 1]
            for k in range(n):
                self.person_id += 1
                people.append(self._person(org_id))
                branch = "B" if kind == "B" or (kind == "AB" and k % 2) else "A"
                start = dt.date(2010, 1, 1) + dt.timedelta(days=self.rng.randint(0, 6000))
                end = start + dt.timedelta(days=self.rng.randint(60, 4000))
                ended = day(end) if self.rng.random() < 0.2 and end < AS_OF else None
                contract = self.rng.choice(["employee", "member_worker", "fixed_term", "other"])
                jobs.append(
                    (
                        len(jobs) + 1,
                        self.now,
                        self.now,
                        org_id,
                        self.person_id,
                        day(start),
                        ended,
                        branch,
                        contract,
                        "38.00",
                        None,
                    )
                )
                if branch == "B" and self.rng.random() < 0.3:
                    expiry = start + dt.timedelta(days=self.rng.randint(300, 5000))
                    certificates.append(
                        (
                            len(certificates) + 1,
                            self.now,
                            self.now,
                            org_id,
                            self.person_id,
                            "physical",
                            "ASL",
                            day(start),
                            day(expiry),
                            "",
                        )
                    )
        return people, jobs, certificates

    def consortium_links(self) -> Iterable[tuple[Any, ...]]:
        consortia = [i for i, t in enumerate(self.types, 1) if t == "consortium"]
        coops = [i for i, t in enumerate(self.types, 1) if t != "consortium"]
        link = 0
        for consortium in consortia:
            for member in self.rng.sample(coops, min(len(coops), self.rng.randint(5, 60))):
                link += 1
                yield (link, self.now, self.now, consortium, member, "2015-01-01", None, True)


def build(country: Country) -> dict[str, int]:
    from django.db import transaction

    from fragola.registry.models import (
        Comune,
        ConsortiumMembership,
        Membership,
        Organisation,
        Person,
    )
    from fragola.workforce.models import DisadvantageCertificate, Employment

    comune_id = Comune.objects.values_list("pk", flat=True).first()
    person_cols = [
        "id",
        "created_at",
        "updated_at",
        "organisation_id",
        "kind",
        "fiscal_code",
        "first_name",
        "last_name",
        "legal_name",
        "sex",
        "address",
        "email",
        "phone",
    ]
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["organisations"] = insert(
            Organisation,
            [
                "id",
                "created_at",
                "updated_at",
                "type",
                "name",
                "fiscal_code",
                "vat_number",
                "legal_form",
                "founded_on",
                "comune_id",
                "address",
                "email",
                "pec",
                "register_section",
                "register_number",
                "rea_number",
                "runts_number",
            ],
            country.organisations(comune_id),
        )
        people, book = country.people_and_book()
        counts["people"] = insert(Person, person_cols, people)
        counts["memberships"] = insert(
            Membership,
            [
                "id",
                "created_at",
                "updated_at",
                "organisation_id",
                "person_id",
                "member_number",
                "category",
                "applied_on",
                "admitted_on",
                "exited_on",
                "exit_reason",
                "notes",
            ],
            book,
        )
        people, jobs, certificates = country.workforce()
        counts["people"] += insert(Person, person_cols, people)
        counts["workers"] = insert(
            Employment,
            [
                "id",
                "created_at",
                "updated_at",
                "organisation_id",
                "person_id",
                "started_on",
                "ended_on",
                "branch",
                "contract",
                "weekly_hours",
                "is_member",
            ],
            jobs,
        )
        counts["certificates"] = insert(
            DisadvantageCertificate,
            [
                "id",
                "created_at",
                "updated_at",
                "organisation_id",
                "person_id",
                "category",
                "certified_by",
                "issued_on",
                "expires_on",
                "document",
            ],
            certificates,
        )
        counts["consortium links"] = insert(
            ConsortiumMembership,
            [
                "id",
                "created_at",
                "updated_at",
                "consortium_id",
                "member_id",
                "joined_on",
                "left_on",
                "shares_members_book",
            ],
            country.consortium_links(),
        )
    _reset_sequences()
    return counts


def _reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = [
        apps.get_model(label)
        for label in (
            "registry.Organisation",
            "registry.Person",
            "registry.Membership",
            "registry.ConsortiumMembership",
            "workforce.Employment",
            "workforce.DisadvantageCertificate",
        )
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


CPU_TIMES: dict[int, float] = {}


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` calls (the median CPU time is kept in ``CPU_TIMES``)."""
    times, cpu, value = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        value = value if len(times) == runs else None  # one result kept at a time
    CPU_TIMES[id(fn)] = statistics.median(cpu)
    return statistics.median(times), value


def raw_fetch() -> int:
    """The baseline: the rows the loader reads most of, fetched with a bare cursor, no objects."""
    from django.db import connection

    from fragola.registry.models import Membership
    from fragola.workforce.models import DisadvantageCertificate, Employment

    rows = 0
    with connection.cursor() as cursor:
        for model, columns in (
            (Membership, "organisation_id, id, person_id, category, admitted_on, exited_on"),
            (Employment, "organisation_id, person_id, started_on, ended_on, branch, contract"),
            (DisadvantageCertificate, "organisation_id, person_id, category, expires_on"),
        ):
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")  # noqa: S608
            rows += len(cursor.fetchall())
    return rows


def is_filled() -> bool:
    from django.db import connection

    from fragola.registry.models import Organisation

    tables = connection.introspection.table_names()
    return Organisation._meta.db_table in tables and Organisation.objects.exists()


def page_time(requests: int) -> tuple[float, int]:
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from fragola.registry.models import Organisation, Role

    # A busy type B co-op: the one with the most workers.
    org = (
        Organisation.objects.filter(type="B")
        .annotate(n=Count("employments"))
        .order_by("-n")
        .first()
    )
    assert org is not None
    user, _ = get_user_model().objects.get_or_create(username="bench-admin")
    Role.objects.get_or_create(user=user, organisation=org, name="admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/org/{org.pk}/compliance/?as_of={AS_OF.isoformat()}"
    assert client.get(url).status_code == 200  # warm-up
    median, _ = timed(lambda: client.get(url), requests)
    return median, org.employments.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the size of Italy")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database an earlier run filled"
    )
    args = parser.parse_args()
    configure()
    from django.conf import settings

    from fragola.compliance.adapter import evaluate_all, load_facts

    settings.ALLOWED_HOSTS = ["*"]
    database = settings.DATABASES["default"]
    print(f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    if args.reuse and is_filled():
        print("reusing the filled database")
    else:
        generate(args.scale)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    measure(args.runs, load_facts, evaluate_all)
    page, workers = page_time(args.requests)
    print(
        f"one compliance page (median of {args.requests} requests, {workers} workers): "
        f"{page * 1000:.1f} ms  [goal < 50 ms: {'OK' if page < 0.05 else 'MISSED'}]"
    )


def generate(scale: float) -> None:
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - start:.1f} s")
    country = Country(int(15_000 * scale), int(500_000 * scale), int(490_000 * scale))
    start = time.perf_counter()
    counts = build(country)
    print(
        f"generate: {time.perf_counter() - start:.1f} s  "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )


def measure(runs: int, load_facts: Callable[..., Any], evaluate_all: Callable[..., Any]) -> None:
    """Each part alone, then the whole as the scan runs it, then the baseline, all in one run."""
    load = lambda: load_facts()  # noqa: E731
    timed(load, runs)
    held = [load_facts()]  # dropped before the whole is measured
    evaluate = lambda: evaluate_all(AS_OF, facts=held[0])  # noqa: E731
    timed(evaluate, runs)
    held.clear()
    whole = lambda: evaluate_all(AS_OF)  # noqa: E731
    country_time, results = timed(whole, runs)
    baseline_time, rows = timed(raw_fetch, runs)
    cpu, baseline = CPU_TIMES[id(whole)], CPU_TIMES[id(raw_fetch)]
    breaches = sum(any(r.status == "breach" for r in rs) for rs in results.values())  # type: ignore[union-attr]
    print(
        f"whole country, every rule (median of {runs}): CPU {cpu:.2f} s "
        f"(load {CPU_TIMES[id(load)]:.2f} s + evaluate {CPU_TIMES[id(evaluate)]:.2f} s), "
        f"wall {country_time:.2f} s; {len(results):,} organisations, "  # type: ignore[arg-type]
        f"{breaches:,} with a breach  [goal < 5 s of CPU: {'OK' if cpu < 5 else 'MISSED'}]"
    )
    print(
        f"  baseline, a bare fetch of the same {rows:,} rows: CPU {baseline:.2f} s, "
        f"wall {baseline_time:.2f} s; the whole country is {cpu / baseline:.1f}x its CPU time"
    )
    print(
        f"  load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(wall time is higher than CPU time when other processes share the CPUs)"
    )


if __name__ == "__main__":
    main()
