"""``fragola export members --coop FISCAL_CODE [--as-of DATE] FILE`` (.csv, .xlsx or .pdf).

Exit status: 0 done, 2 usage error (unknown co-op, bad date, unknown extension). Like
``fragola import``, each kind of export is a subcommand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fragola.core.importing.cli import date_argument, usage_error
from fragola.registry.exporting import FORMATS, export_book
from fragola.registry.selectors import BookFilter, organisation_by_fiscal_code


class Command(BaseCommand):
    help = "Export a members' book as CSV, XLSX or a printable PDF (by the file's extension)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        members = kinds.add_parser("members", help="the members' book of one co-operative")
        members.add_argument("--coop", required=True, metavar="FISCAL_CODE")
        members.add_argument("--as-of", metavar="DATE", help="the book as it stood on this date")
        members.add_argument("file", metavar="FILE", help="a .csv, .xlsx or .pdf file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        file_format = target.suffix.lower().removeprefix(".")
        if file_format not in FORMATS:
            raise usage_error(f"Unknown format {target.suffix!r}: use .csv, .xlsx or .pdf")
        if not target.parent.is_dir():
            raise usage_error(f"No such folder: {target.parent}")
        as_of = date_argument(options["as_of"])
        organisation = organisation_by_fiscal_code(options["coop"])
        if organisation is None:
            raise usage_error(f"No co-operative with fiscal code {options['coop']}")
        export = export_book(
            organisation=organisation, filters=BookFilter(as_of=as_of), file_format=file_format
        )
        target.write_bytes(export.content)
        self.stdout.write(f"Wrote {target} ({len(export.content)} bytes).")
