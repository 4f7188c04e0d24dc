"""``fragola backoffice allocate --pools POOLS.csv --drivers DRIVERS.csv [--json] [--lang it|en]``.

A preview of the shared costs' allocation from two files (CSV or XLSX), writing nothing: each
co-op's share of each pool and its total, exact to the cent (each pool's lines add up to the
pool). ``--json`` prints ``{"coops": [{"coop": FISCAL_CODE, "shares": {POOL: "EUR"}, "total":
"EUR"}]}`` with amounts as strings, co-ops by fiscal code, every pool in every co-op's shares.

Exit status: 0 done; 1 the files have problems (each printed on stderr as ``FILE, row N, column:
reason``; nothing on stdout); 2 usage error (a file that does not exist).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fragola.backoffice.allocation import CENT, ZERO, Allocation
from fragola.backoffice.preview import PreviewProblems, allocate_files
from fragola.core.importing.cli import EXIT_DATA_ERRORS, read_file

ERR_PREVIEW_FAILED = gettext_lazy("%(count)d problem(s) in the files: nothing allocated.")


class Command(BaseCommand):
    help = "The consortium's back office: `allocate` previews a split of shared costs."
    # A preview reads two files and writes nothing: no database, no system checks needed.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        allocate = sub.add_parser(
            "allocate", help="Split cost pools among co-ops by their drivers, to the cent."
        )
        allocate.add_argument(
            "--pools", required=True, metavar="POOLS.csv", help="columns: pool, amount_eur, driver"
        )
        allocate.add_argument(
            "--drivers",
            required=True,
            metavar="DRIVERS.csv",
            help="columns: coop_fiscal_code, driver, value",
        )
        allocate.add_argument("--json", action="store_true", help="machine-readable output")
        allocate.add_argument("--lang", choices=["it", "en"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        lang = options["lang"] or ("en" if translation.get_language() == "en" else "it")
        with translation.override(lang):
            self._allocate(options["pools"], options["drivers"], as_json=options["json"])

    def _allocate(self, pools: str, drivers: str, *, as_json: bool) -> None:
        try:
            allocation = allocate_files(
                pools=read_file(pools),
                pools_name=pools,
                drivers=read_file(drivers),
                drivers_name=drivers,
            )
        except PreviewProblems as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            message = str(ERR_PREVIEW_FAILED) % {"count": len(exc.problems)}
            raise CommandError(message, returncode=EXIT_DATA_ERRORS) from exc
        if as_json:
            self.stdout.write(json.dumps(allocation_json(allocation), ensure_ascii=False, indent=2))
        else:
            for line in allocation_table(allocation):
                self.stdout.write(line)


def allocation_json(allocation: Allocation) -> dict[str, Any]:
    return {
        "coops": [
            {
                "coop": coop,
                "shares": {pool: str(amount) for pool, amount in allocation.shares[coop].items()},
                "total": str(allocation.total(coop)),
            }
            for coop in allocation.coops
        ]
    }


def allocation_table(allocation: Allocation) -> list[str]:
    """One row per co-op, one column per pool, its total last; then each pool's amount."""
    pools = [pool.name for pool in allocation.pools]
    header = [_("Co-op"), *pools, _("Total")]
    rows = [
        [coop, *(str(allocation.shares[coop][p]) for p in pools), str(allocation.total(coop))]
        for coop in allocation.coops
    ]
    amounts = [pool.amount.quantize(CENT) for pool in allocation.pools]
    rows.append([_("Pools"), *(str(amount) for amount in amounts), str(sum(amounts, ZERO))])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
