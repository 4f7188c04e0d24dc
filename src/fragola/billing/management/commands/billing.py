"""``fragola billing``: the month's billing run and the SdI's notification files.

``fragola billing run --coop FISCAL_CODE --month YYYY-MM [--issue] --output DIR`` bills what the
co-op has not billed yet for the month (one draft per contract; issued with ``--issue``), then
writes every invoice of the month into DIR (the XML under its official name, a PDF beside it)
and prints a summary. Running it twice bills nothing twice. Bad arguments exit 1 naming the
argument.

``fragola billing notifications import FILE...``: each file is kept (once, by its hash) and
moves its invoice on (RC delivered, NS rejected, ...).
A file that cannot be read or does not fit is reported and the others still go in; the command
exits 1 if any file failed. ``--coop FISCAL_CODE`` accepts only that co-op's notifications.
"""

from __future__ import annotations

import datetime as dt
import re
from argparse import ArgumentParser
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fragola.billing.output import FileClash, write_month
from fragola.billing.runs import billing_run, month_invoices
from fragola.billing.services import notification_import
from fragola.registry.models import Organisation

EXIT_FAILED = 1
EXIT_USAGE = 2
ERR_UNKNOWN_COOP = "No organisation has the fiscal code %(code)s."
ERR_READ = "%(file)s: cannot be read (%(reason)s)."
ERR_RUN_COOP = gettext_noop("--coop: no co-op has the fiscal code %(code)s.")
ERR_RUN_MONTH = gettext_noop("--month: %(month)s is not a month written YYYY-MM (e.g. 2026-03).")
ERR_RUN_FUTURE = gettext_noop(
    "--month: %(month)s is in the future; only months already started are billed."
)
ERR_RUN_OUTPUT = gettext_noop("--output: %(path)s exists and is not a folder.")
ERR_RUN_CLASH = gettext_noop("--output: %(path)s already holds a different file with that name.")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Command(BaseCommand):
    help = "Billing: the month's billing run; import the SdI's notification files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True)
        run = sub.add_parser("run", help="Bill a co-op's month and write its invoices.")
        run.add_argument("--coop", required=True, help="The co-op's fiscal code.")
        run.add_argument("--month", required=True, help="The month, YYYY-MM.")
        run.add_argument("--issue", action="store_true", help="Issue the drafts.")
        run.add_argument("--output", required=True, type=Path, help="Folder for the files.")
        notifications = sub.add_parser("notifications", help="SdI notification files.")
        actions = notifications.add_subparsers(dest="action", required=True)
        load = actions.add_parser(
            "import", help="Import notification files (RC, NS, MC, NE, DT, AT)."
        )
        load.add_argument("files", nargs="+", type=Path, metavar="FILE")
        load.add_argument("--coop", default=None, help="Only this co-op's (fiscal code).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["area"] == "run":
            self._run(options)
            return
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

    def _run(self, options: dict[str, Any]) -> None:
        code = options["coop"].strip().upper()
        organisation = Organisation.objects.filter(fiscal_code=code).first()
        if organisation is None:
            raise CommandError(_(ERR_RUN_COOP) % {"code": code}, returncode=EXIT_FAILED)
        month = _month(options["month"])
        today = _today()
        if month > today.replace(day=1):
            raise CommandError(
                _(ERR_RUN_FUTURE) % {"month": options["month"]}, returncode=EXIT_FAILED
            )
        folder: Path = options["output"]
        if folder.exists() and not folder.is_dir():
            raise CommandError(_(ERR_RUN_OUTPUT) % {"path": folder}, returncode=EXIT_FAILED)
        try:
            with transaction.atomic():  # a run whose files cannot be written is undone
                result = billing_run(
                    organisation=organisation, month=month, today=today, issue=options["issue"]
                )
                invoices = month_invoices(organisation, month)
                written = write_month(invoices, folder, at=timezone.now())
        except ValidationError as exc:
            messages = "; ".join(m for ms in exc.message_dict.values() for m in ms)
            raise CommandError(messages, returncode=EXIT_FAILED) from None
        except FileClash as exc:
            raise CommandError(_(ERR_RUN_CLASH) % {"path": exc}, returncode=EXIT_FAILED) from None
        self.stdout.write(
            f"{organisation.name} {month:%Y-%m}: {len(result.created)} invoice(s) drafted "
            f"({result.visits} visits, {result.entries} timesheet entries), "
            f"{len(result.issued)} issued."
        )
        taxable = tax = total = Decimal(0)
        for item in written:
            invoice, sums = item.invoice, item.totals
            taxable, tax, total = taxable + sums.taxable, tax + sums.tax, total + sums.document
            self.stdout.write(
                f"  {invoice.number or '-':>10} {invoice.get_state_display():<16} "
                f"{str(invoice.customer)[:30]:<30} CIG {invoice.cig or '-':<10} "
                f"taxable {sums.taxable:>10} VAT {sums.tax:>9} total {sums.document:>10}  "
                f"{item.xml.name}"
            )
        self.stdout.write(
            f"{len(written)} invoice(s) of {month:%Y-%m} in {folder}: taxable {taxable}, "
            f"VAT {tax}, total {total}."
        )


def _today() -> dt.date:
    return timezone.localdate()


def _month(text: str) -> dt.date:
    match = MONTH.match(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise CommandError(_(ERR_RUN_MONTH) % {"month": text}, returncode=EXIT_FAILED)
    return dt.date(int(match[1]), int(match[2]), 1)
