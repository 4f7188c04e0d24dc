"""Server time of every main page and API call, per persona, on the largest co-op at scale.

Run ``generate.py`` first (same DATABASE_URL / FRAGOLA_DATA_DIR). Each page is requested in
process through Django's test client, signed in as its persona: a warm-up, then ``--runs``
timed requests. Printed per page: status, median and 90th percentile in ms, SQL queries, and the
median as a multiple of a hello-world view (``/healthz/live``) measured in the same run.

    .venv/bin/python benchmarks/scale/pages.py [--runs 20] [--only care]

Goal (issue: pages at consortium scale): every median under 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_db import configure

GOAL_MS = 50.0
PAGES: dict[str, list[str]] = {
    "scala.admin": [
        "/",
        "/org/{coop}/",
        "/org/{coop}/members/",
        "/org/{coop}/members/{membership}/",
        "/org/{coop}/members/history/",
        "/org/{coop}/roles/",
        "/org/{coop}/compliance/",
        "/org/{coop}/compliance/alerts/",
        "/org/{coop}/workers/",
        "/org/{coop}/governance/",
        "/org/{coop}/care/figures/",
        "/api/v1/organisations/{coop}/members",
    ],
    "scala.coordinatore": [
        "/org/{coop}/care/",
        "/org/{coop}/care/visits/",
        "/org/{coop}/care/carers/",
        "/org/{coop}/care/users/{service_user}/",
        "/org/{coop}/care/expenses/",
        "/org/{coop}/planning/",
        "/api/v1/care/organisations/{coop}/visits",
        "/api/v1/care/organisations/{coop}/service-users",
    ],
    "scala.operatore": [
        "/me/today/",
        "/org/{coop}/care/today/",
        "/org/{coop}/planning/mine/",
        "/api/v1/care/me/visits",
    ],
    "scala.volontario": ["/org/{coop}/care/volunteer/"],
    "scala.socio": ["/org/{coop}/"],
    "scala.famiglia": ["/family/", "/family/{service_user}/"],
    "scala.tutor": ["/org/{type_b}/integration/", "/org/{type_b}/integration/ratio/"],
    "scala.consorzio": [
        "/org/{consortium}/",
        "/org/{consortium}/compliance/",
        "/org/{consortium}/compliance/board/",
        "/org/{consortium}/compliance/alerts/",
        "/api/v1/organisations",
    ],
}


@dataclass(frozen=True)
class Figure:
    persona: str
    path: str
    status: int
    median_ms: float
    p90_ms: float
    queries: int


def ids() -> dict[str, int]:
    from generate import LARGEST

    from fragola.care.models import ServiceUser
    from fragola.registry.models import Membership, Organisation

    coop = Organisation.objects.get(name=LARGEST)
    consortium = Organisation.objects.get(type="consortium", member_links__member=coop)
    type_b = Organisation.objects.filter(type="B", name__startswith="Cooperativa Sociale Scala")
    family_user = ServiceUser.objects.filter(family_members__user__username="scala.famiglia")
    return {
        "coop": coop.pk,
        "consortium": consortium.pk,
        "type_b": (type_b.order_by("pk").first() or coop).pk,
        "membership": Membership.objects.filter(organisation=coop).order_by("pk").first().pk,
        "service_user": family_user.get().pk,
    }


def measure(client: object, path: str, runs: int) -> tuple[int, list[float], int]:
    from django.db import connection

    response = client.get(path)  # type: ignore[attr-defined]  # warm-up
    times = []
    queries: list[str] = []
    # Django clears its own query log at each request start: count through a wrapper instead.
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        client.get(path)  # type: ignore[attr-defined]
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
    return response.status_code, times, len(queries)


def run(runs: int, only: str) -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    values = ids()
    figures = []
    for persona, paths in PAGES.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=persona))
        for template in paths:
            path = template.format(**values)
            if only and only not in path:
                continue
            status, times, queries = measure(client, path, runs)
            figures.append(
                Figure(persona, path, status, statistics.median(times), p90(times), queries)
            )
    return figures


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="", help="only paths containing this text")
    args = parser.parse_args(argv)
    configure()
    from django.test import Client

    _status, hello, _queries = measure(Client(), "/healthz/live", args.runs)
    baseline = statistics.median(hello)
    figures = run(args.runs, args.only)
    print(f"hello world (/healthz/live): median {baseline:.1f} ms over {args.runs} requests")
    print(
        f"{'persona':<20} {'page':<48} {'st':>3} {'med ms':>7} {'p90 ms':>7} {'q':>4} {'xhello':>6}"
    )
    for f in figures:
        flag = "" if f.median_ms < GOAL_MS and f.status < 400 else "  <-"
        print(
            f"{f.persona:<20} {f.path:<48} {f.status:>3} {f.median_ms:>7.1f} {f.p90_ms:>7.1f}"
            f" {f.queries:>4} {f.median_ms / baseline:>6.1f}{flag}"
        )
    slow = [f for f in figures if f.median_ms >= GOAL_MS]
    print(f"{len(figures) - len(slow)} of {len(figures)} pages under {GOAL_MS:.0f} ms (median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
