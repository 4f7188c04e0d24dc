"""The background worker: django-tasks-db's worker that survives database errors and says it
is alive.

django-tasks-db's own loop dies at the first database error outside its claim (SQLite's
"database is locked" while a long import writes, PostgreSQL restarting): the worker is gone for
good and tasks pile up. Here the loop is restarted after a pause, and a thread refreshes the
worker's ``WorkerHeartbeat`` row every few seconds (also during a long task), which ``/healthz``
reads.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from fragola.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

RESTART_PAUSE_SECONDS = 2.0


def heartbeat(worker_id: str) -> None:
    """Record that ``worker_id`` (this process) is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "last_seen": timezone.now(),
        },
    )


def heartbeat_forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class _Beating(threading.Thread):
    """Refreshes the heartbeat every ``every`` seconds until stopped; a locked database only
    delays a beat."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.every = worker_id, every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                heartbeat(self.worker_id)
            except DatabaseError:
                logger.warning("worker %s: heartbeat not recorded, retrying", self.worker_id)
            finally:
                connection.close()
            self.stopped.wait(self.every)


class SurvivingWorker(Worker):
    """Runs django-tasks-db's loop again after a database error instead of dying."""

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return  # batch mode, max tasks reached or asked to stop
            except DatabaseError:
                logger.exception("worker %s: database error, restarting", self.worker_id)
                close_old_connections()
                connection.close()
                time.sleep(RESTART_PAUSE_SECONDS)


def worker_run(worker: SurvivingWorker, *, heartbeat_seconds: float) -> None:
    beating = _Beating(worker.worker_id, heartbeat_seconds)
    beating.start()
    try:
        worker.run()
    finally:
        beating.stopped.set()
        beating.join(timeout=heartbeat_seconds + 5)
        try:
            heartbeat_forget(worker.worker_id)
        except DatabaseError:
            logger.warning("worker %s: heartbeat row left behind", worker.worker_id)
