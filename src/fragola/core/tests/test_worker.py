"""The worker process: it survives a locked database, beats, and /healthz watches it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fragola.compliance.tasks import compliance_scan_all_task
from fragola.core.models import WorkerHeartbeat
from fragola.testing.processes import LiveDatabase, stop

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live(tmp_path, world) -> LiveDatabase:
    return LiveDatabase(tmp_path)


def _health() -> tuple[int, dict[str, object]]:
    response = Client().get("/healthz")
    return response.status_code, response.json()


def test_healthz_says_failing_while_no_worker_is_alive(world):
    status, body = _health()
    assert status == 503
    assert body["problems"] == ["no live worker"]


def test_healthz_reports_a_late_queue_even_with_a_live_worker(world, settings):
    WorkerHeartbeat.objects.create(worker_id="w1", host="here", pid=1)
    result = compliance_scan_all_task.enqueue(timezone.localdate().isoformat())
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=hour_ago)
    settings.FRAGOLA_HEALTH_QUEUE_SECONDS = 600
    status, body = _health()
    assert status == 503
    assert body["workers_alive"] == 1
    assert int(str(body["oldest_waiting_seconds"])) >= 3600


def test_a_running_worker_beats_runs_tasks_and_healthz_says_ok(live):
    live.push()
    worker = live.start("worker", "--interval", "0.2")
    try:
        live.wait_for(lambda: WorkerHeartbeat.objects.exists())
        status, body = _health()
        assert status == 200
        assert body["workers_alive"] == 1
        heart = WorkerHeartbeat.objects.get()
        assert heart.pid == worker.pid
    finally:
        stop(worker)
    live.pull()
    assert not WorkerHeartbeat.objects.exists()  # a stopped worker says goodbye
    assert _health()[0] == 503


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's file lock",
)
def test_the_worker_survives_a_database_locked_longer_than_its_timeout(live):
    result = compliance_scan_all_task.enqueue(timezone.localdate().isoformat())
    live.push()
    blocker = sqlite3.connect(live.file, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    worker = live.start("worker", "--interval", "0.2", FRAGOLA_SQLITE_TIMEOUT="0.5")
    try:
        # Locked for several of the worker's timeouts: every claim and beat fails meanwhile.
        with pytest.raises(subprocess.TimeoutExpired):
            worker.wait(timeout=4)
        blocker.execute("ROLLBACK")
        blocker.close()
        live.wait_for(lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL")
        assert worker.poll() is None
        # Its beats failed while the file was locked; the next one after the lock is recorded.
        live.wait_for(lambda: WorkerHeartbeat.objects.filter(pid=worker.pid).exists())
        assert worker.poll() is None
    finally:
        stop(worker)
