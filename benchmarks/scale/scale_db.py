"""Point Django at the scale database: DATABASE_URL, FRAGOLA_DATA_DIR or ./var/scale (SQLite)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def configure(*, migrate: bool = False) -> None:
    if "DATABASE_URL" not in os.environ and "FRAGOLA_DATA_DIR" not in os.environ:
        data = ROOT / "var" / "scale"
        data.mkdir(parents=True, exist_ok=True)
        os.environ["FRAGOLA_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fragola.settings")
    os.environ.setdefault("FRAGOLA_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
