"""Shared by the ``fragola import`` and ``fragola export`` commands: usage errors, no tracebacks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from fragola.registry.importing.cells import parse_date
from fragola.registry.importing.coops_write import import_coops
from fragola.registry.importing.members_write import import_members
from fragola.registry.importing.result import ImportResult
from fragola.registry.models import Organisation

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


def organisation_by_fiscal_code(fiscal_code: str) -> Organisation:
    code = "".join(fiscal_code.split()).upper()
    organisation = Organisation.objects.filter(fiscal_code=code).first()
    if organisation is None:
        raise usage_error(f"No co-operative with fiscal code {fiscal_code}")
    return organisation


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


def _coop_argument(parser: CommandParser) -> None:
    parser.add_argument("--coop", required=True, metavar="FISCAL_CODE", help="the co-operative")


def _run_members(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    organisation = organisation_by_fiscal_code(options["coop"])
    return import_members(
        organisation=organisation,
        content=content,
        filename=filename,
        dry_run=options["dry_run"],
        source="fragola import members",
    )


def _run_coops(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_coops(content=content, filename=filename, dry_run=options["dry_run"])


# The registry's kinds of import; ``fragola import`` (the demo app, the top layer) adds the
# other apps' kinds by importing them.
SUBCOMMANDS: dict[str, Subcommand] = {
    "coops": Subcommand("co-operatives and consortia", lambda parser: None, _run_coops),
    "members": Subcommand("the members' book of one co-operative", _coop_argument, _run_members),
}
