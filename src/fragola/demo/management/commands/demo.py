"""``fragola demo``: a working Fragola with believable data, in one command.

It migrates the database, collects static files the first time, loads the demo consortium
(safe to repeat: a second run changes nothing), then serves the site with waitress and runs the
background worker and the scheduler until Ctrl-C. ``--no-serve`` stops after printing the logins.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fragola.demo.server import PortBusyError, create_server, serve
from fragola.demo.services import DemoSummary, demo_load

EXIT_PORT_BUSY = 2


class Command(BaseCommand):
    help = "Load the demo consortium and serve Fragola with its background worker and scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument("--threads", type=int, default=8, help="Request threads.")
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo and print the logins only."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        server = None if options["no_serve"] else self._bind(options)
        self._prepare_database()
        self._print_summary(self._load())
        if server is None:
            return
        self._print_address(options["host"], options["port"])
        serve(server)
        self.stdout.write("Fragola demo stopped.")

    def _bind(self, options: dict[str, Any]) -> Any:
        """Take the port first: if it is busy, say so before doing anything else."""
        try:
            return create_server(
                host=options["host"], port=options["port"], threads=options["threads"]
            )
        except PortBusyError as exc:
            raise CommandError(str(exc), returncode=EXIT_PORT_BUSY) from exc

    def _prepare_database(self) -> None:
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if not any(settings.STATIC_ROOT.iterdir()):
            self.stdout.write("Collecting static files (first run only)…")
            call_command("collectstatic", interactive=False, verbosity=0)

    def _load(self) -> DemoSummary:
        try:
            return demo_load()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _print_summary(self, summary: DemoSummary) -> None:
        verb = "Loaded" if summary.created else "Already loaded:"
        self.stdout.write(
            f"{verb} {summary.organisations} organisations, {summary.members_in_book} members "
            f"on the books ({summary.memberships} lines, {summary.share_movements} share "
            f"capital movements) in {summary.seconds:.1f} s."
        )
        self.stdout.write("")
        rows = [("Username", "Password", "Role", "Organisation")]
        rows += [(x.username, x.password, x.role, x.organisation) for x in summary.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.write("")

    def _print_address(self, host: str, port: int) -> None:
        shown = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::"} else host  # noqa: S104
        shown = f"[{shown}]" if ":" in shown else shown
        url = f"http://{shown}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"Fragola is running at {url}"))
        self.stdout.write(f"Django admin: {url}admin/  ·  background worker and scheduler started")
        self.stdout.write("Press Ctrl-C to stop.")
        self.stdout.flush()
