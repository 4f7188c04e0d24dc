"""``fragola billing notifications import FILE...``: read SdI notification files into Fragola.

Each file is kept (once, by its hash) and moves its invoice on (RC delivered, NS rejected, ...).
A file that cannot be read or does not fit is reported and the others still go in; the command
exits 1 if any file failed. ``--coop FISCAL_CODE`` accepts only that co-op's notifications.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from fragola.billing.services import notification_import
from fragola.registry.models import Organisation

EXIT_FAILED = 1
EXIT_USAGE = 2
ERR_UNKNOWN_COOP = "No organisation has the fiscal code %(code)s."
ERR_READ = "%(file)s: cannot be read (%(reason)s)."


class Command(BaseCommand):
    help = "Billing: import the SdI's notification files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True)
        notifications = sub.add_parser("notifications", help="SdI notification files.")
        actions = notifications.add_subparsers(dest="action", required=True)
        load = actions.add_parser(
            "import", help="Import notification files (RC, NS, MC, NE, DT, AT)."
        )
        load.add_argument("files", nargs="+", type=Path, metavar="FILE")
        load.add_argument("--coop", default=None, help="Only this co-op's (fiscal code).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = self._organisation(options["coop"])
        failed = 0
        for path in options["files"]:
            failed += not self._import(path, organisation)
        if failed:
            raise CommandError(f"{failed} file(s) not imported.", returncode=EXIT_FAILED)

    def _organisation(self, code: str | None) -> Organisation | None:
        if code is None:
            return None
        organisation = Organisation.objects.filter(fiscal_code=code.strip().upper()).first()
        if organisation is None:
            raise CommandError(_(ERR_UNKNOWN_COOP) % {"code": code}, returncode=EXIT_USAGE)
        return organisation

    def _import(self, path: Path, organisation: Organisation | None) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(_(ERR_READ) % {"file": path, "reason": exc.strerror})
            return False
        try:
            received = notification_import(
                name=path.name, data=data, received_at=timezone.now(), organisation=organisation
            )
        except ValidationError as exc:
            messages = "; ".join(m for ms in exc.message_dict.values() for m in ms)
            self.stderr.write(f"{path.name}: {messages}")
            return False
        invoice = received.sent_file.invoice
        self.stdout.write(
            f"{path.name}: {received.kind} -> {invoice.number} {invoice.get_state_display()}"
        )
        return True
