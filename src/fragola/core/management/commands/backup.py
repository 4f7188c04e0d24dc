"""``fragola backup FILE``: see docs/production.md (Backups)."""

from __future__ import annotations

import subprocess
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fragola.core.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the media folder into FILE (a tar archive)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            backup_create(path=file)
        except (BackupError, OSError, subprocess.CalledProcessError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up to {file}")
