from typing import Any

from django.core.management.base import BaseCommand

from fragola.registry.territory import territory_load
from fragola.registry.territory_data import DATA_DATE


class Command(BaseCommand):
    help = "Load Italian regions, provinces and comuni (ISTAT) into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        count = territory_load()
        self.stdout.write(f"Loaded {count} comuni (ISTAT list of {DATA_DATE}).")
