"""Shared by the ``fragola import`` and ``fragola export`` commands: usage errors, no tracebacks.

Each kind of import is one ``Subcommand``; ``fragola import`` (the demo app, the top layer)
lists every app's kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from fragola.core.importing.cells import parse_date
from fragola.core.importing.result import ImportResult

EXIT_DATA_ERRORS = 1
EXIT_USAGE = 2


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_USAGE)


def read_file(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise usage_error(f"No such file: {path}")
    try:
        return file.read_bytes()
    except OSError as exc:
        raise usage_error(f"Cannot read {path}: {exc.strerror}") from exc


def date_argument(value: str | None) -> dt.date | None:
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        raise usage_error(f"Not a date: {value} (write YYYY-MM-DD or DD/MM/YYYY)")
    return day


def breach_lines(result: ImportResult) -> list[str]:
    """The past breaches the imported facts show, one ``RULE from … to …`` line each."""
    if not result.breaches:
        return []
    lines = [f"Past breaches recorded ({len(result.breaches)}), see `fragola compliance check`:"]
    for breach in result.breaches:
        end = breach.end.isoformat() if breach.end else "today"
        lines.append(f"  {breach.rule} from {breach.start.isoformat()} to {end}")
    return lines


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[bytes, str, dict[str, Any]], ImportResult]
