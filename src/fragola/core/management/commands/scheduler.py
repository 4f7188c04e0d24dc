"""``fragola scheduler [--once] [--interval SECONDS]``: fire the periodic work on its schedule.

Several schedulers may run at once (each slot fires once); see docs/production.md.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from fragola.core.operations.scheduler import run, schedule_load


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (visits rolled forward, compliance scans, stale jobs)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Tick once and exit.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between ticks.")

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        run(schedule=schedule_load(), interval=interval, once=once)
