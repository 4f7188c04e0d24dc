"""The background processes beside a web server (``fragola demo``): a worker and the scheduler,
each a child ``fragola`` command with this process's settings and environment."""

from __future__ import annotations

import os
import subprocess
import sys

STOP_SECONDS = 10
BACKGROUND_COMMANDS = (["worker"], ["scheduler"])


def background_start() -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen([sys.executable, "-m", "fragola", *command], env=os.environ.copy())  # noqa: S603
        for command in BACKGROUND_COMMANDS
    ]


def background_stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask each to finish what it is doing, and insist if it takes too long."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
