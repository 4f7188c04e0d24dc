"""Serve Fragola with waitress, with a worker and the scheduler beside it, until told to stop."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.db import connections

from fragola.core.operations.processes import background_start, background_stop

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
    """Run ``server``, the worker and the scheduler until Ctrl-C or SIGTERM, then stop them."""
    connections.close_all()  # the request threads open their own
    background = background_start()  # a worker and the scheduler
    with sigterm_as_interrupt():
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            background_stop(background)
