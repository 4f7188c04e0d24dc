"""``fragola import coops FILE``, ``fragola import members --coop FISCAL_CODE FILE``,
``fragola import workers --coop FISCAL_CODE FILE``, ``fragola import public-bodies FILE`` and
``fragola import pay --coop CODE FILE``.

Each kind of import is one ``Subcommand`` (``core.importing.cli``) calling the importer of the
app that owns the data through its services (``registry.services.imports``,
``workforce.services.imports``, ``procurement.services``); this command lives in the top
layer, which may import every app.
Exit status: 0 done, 1 the data has errors (each printed as ``row N, field: reason``; nothing
written), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fragola.backoffice.services.pay import import_pay
from fragola.core.importing.cli import (
    EXIT_DATA_ERRORS,
    Subcommand,
    breach_lines,
    read_file,
    usage_error,
)
from fragola.core.importing.result import ImportResult
from fragola.procurement.services import import_public_bodies
from fragola.registry.models import Organisation
from fragola.registry.selectors import organisation_by_fiscal_code
from fragola.registry.services.imports import import_coops, import_members
from fragola.workforce.services.imports import import_workers


def _coop_argument(parser: CommandParser) -> None:
    parser.add_argument("--coop", required=True, metavar="FISCAL_CODE", help="the co-operative")


def _coop(options: dict[str, Any]) -> Organisation:
    organisation = organisation_by_fiscal_code(options["coop"])
    if organisation is None:
        raise usage_error(f"No co-operative with fiscal code {options['coop']}")
    return organisation


def _run_coops(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_coops(content=content, filename=filename, dry_run=options["dry_run"])


def _run_members(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_members(
        organisation=_coop(options),
        content=content,
        filename=filename,
        dry_run=options["dry_run"],
        source="fragola import members",
    )


def _run_workers(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_workers(
        organisation=_coop(options),
        content=content,
        filename=filename,
        dry_run=options["dry_run"],
        source="fragola import workers",
    )


def _run_public_bodies(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_public_bodies(content=content, filename=filename, dry_run=options["dry_run"])


def _run_pay(content: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
    return import_pay(
        organisation=_coop(options), content=content, filename=filename,
        dry_run=options["dry_run"],
    )  # fmt: skip


KINDS: dict[str, Subcommand] = {
    "coops": Subcommand("co-operatives and consortia", lambda parser: None, _run_coops),
    "members": Subcommand("the members' book of one co-operative", _coop_argument, _run_members),
    "workers": Subcommand(
        "employment records and disadvantage certificates of one co-operative",
        _coop_argument,
        _run_workers,
    ),
    "public-bodies": Subcommand(
        "public bodies (comuni, ambiti, health authorities, schools, regions)",
        lambda parser: None,
        _run_public_bodies,
    ),
    "pay": Subcommand(
        "each worker's gross pay and labour cost from the payroll provider (month or year)",
        _coop_argument,
        _run_pay,
    ),
}


class Command(BaseCommand):
    help = "Import co-operatives or a members' book from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        for name, subcommand in KINDS.items():
            sub = kinds.add_parser(name, help=subcommand.help, description=subcommand.help)
            subcommand.add_arguments(sub)
            sub.add_argument("file", metavar="FILE", help="a .csv or .xlsx file")
            sub.add_argument(
                "--dry-run", action="store_true", help="check and report, write nothing"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = KINDS[options["kind"]]
        content = read_file(options["file"])
        result = subcommand.run(content, Path(options["file"]).name, options)
        for error in result.sorted_errors():
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(
                f"{len(result.errors)} error(s): nothing imported.", returncode=EXIT_DATA_ERRORS
            )
        self.stdout.write(self._summary(result))
        for line in breach_lines(result):
            self.stdout.write(line)

    def _summary(self, result: ImportResult) -> str:
        verb = "Would import" if result.dry_run else "Imported"
        return (
            f"{verb}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )


__all__ = ["Command"]
