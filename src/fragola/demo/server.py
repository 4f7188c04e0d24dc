"""Serve Fragola with waitress and run the django-tasks worker beside it, until told to stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.db import connections

WORKER_STOP_SECONDS = 10
ERR_PORT_BUSY = (
    "Port {port} on {host} is already in use (is `fragola demo` already running?). "
    "Stop the other server or choose another port: fragola demo --port {next_port}"
)


class PortBusyError(Exception):
    pass


def create_server(*, host: str, port: int, threads: int) -> Any:
    """Bind the port now, so that a busy port is reported before anything else starts."""
    from waitress.server import create_server as waitress_server

    try:
        return waitress_server(get_wsgi_application(), host=host, port=port, threads=threads)
    except OSError as exc:
        message = ERR_PORT_BUSY.format(host=host, port=port, next_port=port + 1)
        raise PortBusyError(message) from exc


def worker_start() -> subprocess.Popen[bytes]:
    """``fragola db_worker`` in a child process, with this process's settings and environment."""
    command = [sys.executable, "-m", "fragola", "db_worker", "--no-reload"]
    return subprocess.Popen(command, env=os.environ.copy())  # noqa: S603


def worker_stop(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its current task, and insist if it takes too long."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so that the worker is stopped on either.

    SIGINT is set explicitly too: a shell starting us in the background would have it ignored.
    """
    previous_term = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


def serve(server: Any) -> None:
    """Run ``server`` and the worker until Ctrl-C or SIGTERM, then stop both."""
    connections.close_all()  # the request threads open their own
    worker = worker_start()
    with sigterm_as_interrupt():
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            worker_stop(worker)
