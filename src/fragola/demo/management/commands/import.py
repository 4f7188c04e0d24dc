"""``fragola import coops FILE``, ``fragola import members --coop FISCAL_CODE FILE`` and
``fragola import workers --coop FISCAL_CODE FILE``.

Each kind of import is one ``Subcommand``: the registry's in
``fragola.registry.importing.cli.SUBCOMMANDS``, the workforce's here, imported plainly (this
command lives in the top layer, which may import every app).
Exit status: 0 done, 1 the data has errors (each printed as ``row N, field: reason``; nothing
written), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fragola.registry.importing import ImportResult
from fragola.registry.importing.cli import (
    EXIT_DATA_ERRORS,
    SUBCOMMANDS,
    Subcommand,
    breach_lines,
    read_file,
)
from fragola.workforce.importing import add_import_arguments, run_import_subcommand

KINDS: dict[str, Subcommand] = {
    **SUBCOMMANDS,
    "workers": Subcommand(
        "employment records and disadvantage certificates of one co-operative",
        add_import_arguments,
        run_import_subcommand,
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
