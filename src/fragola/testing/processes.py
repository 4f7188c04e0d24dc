"""Real ``fragola`` processes (a worker, a scheduler) against the test database.

On PostgreSQL a child process opens the test database itself. SQLite's test database lives in
this process's memory: ``LiveDatabase`` copies it to a file for the child (``push``) and copies
the file back (``pull``) to look at what the child did, with SQLite's online backup API.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

SRC = Path(__file__).resolve().parents[2]


class LiveDatabase:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "live.sqlite3"

    @property
    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"

    def push(self) -> None:
        """Make this test's data visible to the children (SQLite: copy it to the file)."""
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            with target:
                connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
            target.close()

    def pull(self) -> None:
        """See here what the children wrote (SQLite: copy the file back)."""
        if self.sqlite:
            connection.ensure_connection()
            source = sqlite3.connect(self.file, timeout=30)
            source.backup(connection.connection)
            source.close()

    def start(self, *command: str, **env: str) -> subprocess.Popen[bytes]:
        environment = {
            **os.environ,
            "DATABASE_URL": self.url,
            "FRAGOLA_DATA_DIR": str(self.folder),
            "FRAGOLA_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "FRAGOLA_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(SRC),
            **env,
        }
        environment.pop("FRAGOLA_TASKS_BACKEND", None)
        return subprocess.Popen([sys.executable, "-m", "fragola", *command], env=environment)  # noqa: S603

    def wait_for(self, condition: Callable[[], bool], *, seconds: float = 120) -> None:
        """Pull until ``condition`` holds; fail if it never does (a bound, not a timing)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.pull()
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError("the child process never got there")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
