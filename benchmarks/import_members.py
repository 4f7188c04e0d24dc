"""Benchmark: import a valid 100,000-member book, beside a plain bulk insert of the same rows.

Generates a members' book (CSV; valid fiscal codes, admissions since 1995, some exits, share
capital) and, for each run, imports it into a new co-op with ``import_members`` (read, check,
plan, write in batches with history rows, report the past breaches), then inserts the same
people, memberships and movements into another new co-op with plain ``bulk_create`` (no checks,
no history: the floor any import stands on). Prints the median of the runs for both, and the
import's phases.

Goal: the import under 60 s for 100,000 members.

    .venv/bin/python benchmarks/import_members.py                  # SQLite in a temp data dir
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_members.py
    .venv/bin/python benchmarks/import_members.py --members 10000 --runs 1

With DATABASE_URL set, use an empty database of your own (it is migrated and left filled).
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
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TODAY = dt.date(2026, 6, 30)
COLUMNS = (
    "member_number,category,fiscal_code,first_name,last_name,birth_date,sex,applied_on,"
    "admitted_on,exited_on,exit_reason,shares_subscribed_eur,shares_paid_eur"
)
CATEGORIES = ["lavoratore"] * 6 + ["volontario"] * 2 + ["fruitore", "sovventore"]


def configure() -> None:
    if "DATABASE_URL" not in os.environ and "FRAGOLA_DATA_DIR" not in os.environ:
        os.environ["FRAGOLA_DATA_DIR"] = tempfile.mkdtemp(prefix="fragola-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fragola.settings")
    os.environ.setdefault("FRAGOLA_LOG_LEVEL", "WARNING")
    import django

    django.setup()


MONTHS = "ABCDEHLMPRST"


def fiscal_code(rng: random.Random, birth: dt.date, sex: str) -> str:
    """A well-formed code for that birth date and sex (name letters random: nobody checks them)."""
    from stdnum.it.codicefiscale import calc_check_digit

    letters = "".join(rng.choice("BCDFGLMNPRSTVZ") for _ in range(6))
    day = birth.day + (40 if sex == "F" else 0)
    stem = f"{letters}{birth.year % 100:02d}{MONTHS[birth.month - 1]}{day:02d}A794"
    return stem + calc_check_digit(stem)


def book(members: int, seed: int = 381) -> bytes:
    """A valid book: unique numbers and fiscal codes consistent with birth date and sex."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = [COLUMNS]
    for number in range(1, members + 1):
        last = "".join(rng.choice("BCDFGLMNPRSTVZ") + rng.choice("AEIOU") for _ in range(3))
        first = rng.choice(["Giulia", "Marco", "Chiara", "Luca", "Paola", "Nicola"])
        sex = "F" if first in ("Giulia", "Chiara", "Paola") else "M"
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 22_000))
        code = fiscal_code(rng, birth, sex)
        while code in seen:
            code = fiscal_code(rng, birth, sex)
        seen.add(code)
        applied = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randint(0, 11_000))
        admitted = applied + dt.timedelta(days=rng.randint(0, 60))
        exited, reason = "", ""
        if rng.random() < 0.1:
            exited = (admitted + dt.timedelta(days=rng.randint(1, 3000))).isoformat()
            reason = "withdrawal"
        capital = rng.choice(["25.00", "50.00", "100.00"])
        paid = capital if rng.random() < 0.9 else "0"
        lines.append(
            f"{number},{rng.choice(CATEGORIES)},{code},{first},{last},{birth},{sex},{applied},"
            f"{admitted},{exited},{reason},{capital},{paid}"
        )
    return ("\n".join(lines) + "\n").encode()


def new_coop(n: int) -> object:
    from fragola.registry.models import Comune, Organisation

    return Organisation.objects.create(
        type="A",
        name=f"Cooperativa Sociale Banco {n}",
        fiscal_code=f"{90_000_000_000 + n:011d}",
        legal_form="srl",
        founded_on=dt.date(1994, 1, 1),
        comune=Comune.objects.first(),
    )


CPU: list[float] = []  # this process's CPU seconds of the last timed step


def timed(step: Callable[[], object]) -> tuple[float, object]:
    """Wall seconds of ``step``; its CPU seconds go to ``CPU`` (the figure a busy machine skews
    least: SQLite works inside this process, PostgreSQL's own work is not counted)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = step()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, value


def run_import(content: bytes, n: int) -> tuple[float, dict[str, float]]:
    from fragola.registry.importing import import_members

    organisation = new_coop(n)
    seconds, result = timed(
        lambda: import_members(
            organisation=organisation,
            content=content,
            filename="book.csv",
            dry_run=False,
            today=TODAY,
            source="benchmark",
        )
    )
    assert result.ok, result.sorted_errors()[:5]  # type: ignore[attr-defined]
    return seconds, {}


def run_dry(content: bytes, n: int) -> float:
    from fragola.registry.importing import import_members

    organisation = new_coop(n)
    seconds, result = timed(
        lambda: import_members(
            organisation=organisation, content=content, filename="book.csv", dry_run=True
        )
    )
    assert result.ok  # type: ignore[attr-defined]
    return seconds


def run_baseline(content: bytes, n: int) -> float:
    """The same rows with plain bulk_create: parsing the CSV and inserting, nothing else."""
    from django.db import transaction

    from fragola.registry.models import Membership, Person, ShareMovement

    organisation = new_coop(n)

    def insert() -> None:
        lines = content.decode().splitlines()[1:]
        people, memberships, movements = [], [], []
        for line in lines:
            cells = line.split(",")
            people.append(
                Person(
                    organisation=organisation,
                    kind="natural",
                    fiscal_code=cells[2],
                    first_name=cells[3],
                    last_name=cells[4],
                    birth_date=dt.date.fromisoformat(cells[5]),
                    sex=cells[6],
                )
            )
        with transaction.atomic():
            Person.objects.bulk_create(people, batch_size=2000)
        for line, person in zip(lines, people, strict=True):
            cells = line.split(",")
            memberships.append(
                Membership(
                    organisation=organisation,
                    person=person,
                    member_number=int(cells[0]),
                    category=cells[1],
                    applied_on=dt.date.fromisoformat(cells[7]),
                    admitted_on=dt.date.fromisoformat(cells[8]),
                    exited_on=dt.date.fromisoformat(cells[9]) if cells[9] else None,
                    exit_reason=cells[10],
                )
            )
        with transaction.atomic():
            Membership.objects.bulk_create(memberships, batch_size=2000)
        for line, membership in zip(lines, memberships, strict=True):
            cells = line.split(",")
            for kind, amount in (("subscription", cells[11]), ("payment", cells[12])):
                if Decimal(amount) > 0:
                    movements.append(
                        ShareMovement(
                            membership=membership,
                            kind=kind,
                            amount=Decimal(amount),
                            date=membership.admitted_on,
                        )
                    )
        with transaction.atomic():
            ShareMovement.objects.bulk_create(movements, batch_size=2000)

    seconds, _ = timed(insert)
    return seconds


def phases(content: bytes, n: int) -> dict[str, float]:
    """One more import, timed phase by phase (check and plan, write, past breaches)."""
    from fragola.registry.importing import bulk
    from fragola.registry.importing.jobs import job_author_tag, job_create, job_start
    from fragola.registry.importing.members_write import members_check
    from fragola.registry.importing.models import ImportKind
    from fragola.registry.selectors import book_past_breaches

    organisation = new_coop(n)
    took: dict[str, float] = {}
    took["check and plan"], checked = timed(
        lambda: members_check(
            organisation=organisation,
            content=content,
            filename="book.csv",
            today=TODAY,
            dry_run=False,
        )
    )
    _result, plan = checked  # type: ignore[misc]
    job = job_create(organisation=organisation, kind=ImportKind.MEMBERS, filename="book.csv")
    job_start(job)
    author = bulk.Author(user=None, tag=job_author_tag(job))
    took["write (batches + history)"], _ = timed(
        lambda: bulk.plan_write(plan, author=author, progress=lambda done: None)
    )
    took["past breaches"], _ = timed(lambda: book_past_breaches(organisation, today=TODAY))
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phases", action="store_true", help="time each phase once more")
    args = parser.parse_args()
    configure()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; members: {args.members:,}; runs: {args.runs}")
    generated, content = timed(lambda: book(args.members))
    print(f"book generated in {generated:.1f} s ({len(content) / 1e6:.1f} MB)")  # type: ignore[arg-type]
    imports, dries, baselines, cpu_import, cpu_base = [], [], [], [], []
    for run in range(args.runs):
        seconds, _ = run_import(content, 3 * run + 1)  # type: ignore[arg-type]
        imports.append(seconds)
        cpu_import.append(CPU[-1])
        dries.append(run_dry(content, 3 * run + 2))  # type: ignore[arg-type]
        baselines.append(run_baseline(content, 3 * run + 3))  # type: ignore[arg-type]
        cpu_base.append(CPU[-1])
        print(
            f"run {run + 1}: import {seconds:.1f} s (CPU {cpu_import[-1]:.1f} s) · "
            f"dry run {dries[-1]:.1f} s · plain bulk insert {baselines[-1]:.1f} s "
            f"(CPU {cpu_base[-1]:.1f} s)"
        )
    median_import = statistics.median(imports)
    median_base = statistics.median(baselines)
    print(
        f"median: import {median_import:.1f} s · dry run {statistics.median(dries):.1f} s · "
        f"plain bulk insert {median_base:.1f} s · ratio {median_import / median_base:.1f}x · "
        f"goal < 60 s: {'met' if median_import < 60 else 'NOT met'}"
    )
    print(
        f"median CPU: import {statistics.median(cpu_import):.1f} s · "
        f"plain bulk insert {statistics.median(cpu_base):.1f} s"
    )
    if args.phases:
        for name, seconds in phases(content, 3 * args.runs + 1).items():  # type: ignore[arg-type]
            print(f"  phase {name}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
