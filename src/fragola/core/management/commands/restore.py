"""``fragola restore FILE``: see docs/production.md (Backups)."""

from __future__ import annotations

import subprocess
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fragola.core.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the media folder from FILE (made by fragola backup)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            backup_restore(path=file)
        except (BackupError, OSError, subprocess.CalledProcessError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored from {file}")
