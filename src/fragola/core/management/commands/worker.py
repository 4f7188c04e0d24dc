"""``fragola worker``: run the background tasks, surviving database errors, with a heartbeat.

The options are django-tasks-db's ``db_worker``'s (``--queue-name``, ``--batch``, ``--interval``,
``--max-tasks``, ``--worker-id``…) without ``--reload``, and serves every queue unless
``--queue-name`` says which; see docs/production.md.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from fragola.core.operations.worker import SurvivingWorker, worker_run


class Command(db_worker.Command):
    help = "Run the background tasks; restart after database errors; record a heartbeat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # Every queue unless told otherwise: one worker is enough for a small co-op.
        parser.set_defaults(reload=False, queue_name="*")

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        excluded = options["exclude_queues"]
        worker = SurvivingWorker(
            queue_names=options["queue_name"].split(","),
            excluded_queue_names=excluded.split(",") if excluded else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker_run(worker, heartbeat_seconds=settings.FRAGOLA_WORKER_HEARTBEAT_SECONDS)
