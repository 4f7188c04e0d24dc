from typing import Any

from django.core.management.base import BaseCommand

from fragola.core.italy.territory import DATA_DATE
from fragola.registry.territory import territory_load


class Command(BaseCommand):
    help = "Load Italian regions, provinces and comuni (ISTAT) into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        count = territory_load()
        self.stdout.write(f"Loaded {count} comuni (ISTAT list of {DATA_DATE}).")
