"""``fragola import_workers --coop FISCAL_CODE FILE [--dry-run]`` (or ``fragola import workers``).

Exit 0 when imported (or the dry run is clean), 1 when a row has an error (nothing is saved),
2 on a usage error (unknown co-op, unreadable path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fragola.core.importing.cli import breach_lines
from fragola.registry.models import Organisation
from fragola.workforce.services.imports import import_workers

ERR_UNKNOWN_COOP = "No organisation has the fiscal code %(code)s."
ERR_NO_FILE = "Cannot read %(path)s."


def run_workers_import(command: BaseCommand, *, coop: str, path: str, dry_run: bool) -> None:
    """Shared by this command and the ``workers`` subcommand of ``fragola import``."""
    organisation = Organisation.objects.filter(fiscal_code=coop.strip().upper()).first()
    if organisation is None:
        raise CommandError(_(ERR_UNKNOWN_COOP) % {"code": coop}, returncode=2)
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(_(ERR_NO_FILE) % {"path": path}, returncode=2) from exc
    result = import_workers(
        organisation=organisation,
        content=content,
        filename=Path(path).name,
        dry_run=dry_run,
        source="fragola import_workers",
    )
    for error in result.sorted_errors():
        command.stderr.write(
            _("row %(row)d, %(field)s: %(reason)s")
            % {"row": error.row, "field": error.field, "reason": error.reason}
        )
    summary = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    if not result.ok:
        command.stderr.write(_("Nothing imported: %(n)d errors.") % {"n": len(result.errors)})
        raise SystemExit(1)
    prefix = _("Dry run, nothing saved: ") if dry_run else ""
    command.stdout.write(prefix + summary)
    for line in breach_lines(result):
        command.stdout.write(line)


class Command(BaseCommand):
    help = "Import a co-op's workers (and disadvantage certificates) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--coop", required=True, help="Fiscal code of the co-op.")
        parser.add_argument("--dry-run", action="store_true", help="Check only, save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        run_workers_import(
            self, coop=options["coop"], path=options["file"], dry_run=options["dry_run"]
        )
