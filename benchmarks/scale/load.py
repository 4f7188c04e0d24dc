"""Load benchmark: many people at once on the production setup, against 127.0.0.1 only.

Starts Fragola as ``docs/production.md`` runs it (gunicorn, several processes, on the database of
DATABASE_URL — PostgreSQL for the real figure), then drives it with locust for a bounded time:
``--users`` people signed in as the scale personas, each opening a page of theirs every ~5 s,
plus a few clients on a hello-world view (``/healthz/live``) in the same run as the baseline.
Printed: requests per second, and median / 95th percentile per page, per persona and overall.

    .venv/bin/pip install '.[bench]'       # locust and gunicorn
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/scale/generate.py
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/scale/load.py --users 200 --seconds 240

Goal (issue: pages at consortium scale): 200 users, about 40 requests/s, p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_db import ROOT, configure  # noqa: E402

BIN = Path(sys.executable).parent
GOAL_P95_MS = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FRAGOLA_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT / "src")}
    command = [
        str(BIN / "gunicorn"),
        "fragola.wsgi:application",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/live", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The server did not answer /healthz/live within 60 s.")


def pages_by_persona() -> dict[str, list[str]]:
    import pages

    values = pages.ids()
    return {p: [t.format(**values) for t in paths] for p, paths in pages.PAGES.items()}


def run_locust(port: int, args: argparse.Namespace, out: Path) -> Path:
    from generate import PASSWORD

    env = {
        **os.environ,
        "FRAGOLA_LOAD_PAGES": json.dumps(pages_by_persona()),
        "FRAGOLA_LOAD_PASSWORD": PASSWORD,
        "FRAGOLA_LOAD_THINK": str(args.think),
        "FRAGOLA_LOAD_HELLO": str(args.hello),
    }
    prefix = out / "load"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users + args.hello),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            # Sign-ins happen while people arrive (deliberately slow password hashing); the
            # figures are of the working day after that.
            "--reset-stats",
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return prefix.with_name("load_stats.csv")


def report(stats: Path, seconds: int) -> None:
    rows = list(csv.DictReader(stats.open()))
    print(f"{'page':<70} {'n':>6} {'fail':>5} {'med':>6} {'p95':>6} {'req/s':>6}")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        print(
            f"{row['Name'][:70]:<70} {row['Request Count']:>6} {row['Failure Count']:>5}"
            f" {float(row['Median Response Time']):>6.0f} {float(row['95%']):>6.0f}"
            f" {float(row['Requests/s']):>6.1f}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    hello = next((r for r in rows if r["Name"].startswith("hello")), None)
    p95 = float(total["95%"])
    print(
        f"\nall requests: {float(total['Requests/s']):.1f} req/s,"
        f" median {float(total['Median Response Time']):.0f} ms,"
        f" p95 {p95:.0f} ms (goal {GOAL_P95_MS} ms) over {seconds} s;"
        f" hello world p95 {hello['95%'] if hello else '?'} ms in the same run"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--hello", type=int, default=10, help="clients on /healthz/live (baseline)")
    parser.add_argument("--think", type=float, default=5.0, help="seconds between requests")
    parser.add_argument("--seconds", type=int, default=240)
    parser.add_argument(
        "--spawn-rate", type=float, default=2, help="people arriving per second (sign-ins are slow)"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    if args.seconds > 1800 or args.users > 2000:
        raise SystemExit("Keep the load bounded: at most 2,000 users for 1,800 s.")
    configure()
    port = free_port()
    server = start_server(port, args.workers, args.threads)
    try:
        with tempfile.TemporaryDirectory() as out:
            report(run_locust(port, args, Path(out)), args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
