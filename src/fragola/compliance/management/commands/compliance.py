"""``fragola compliance check --coop CODE [--as-of DATE] [--json]`` and ``fragola compliance scan``.

``check`` exits 0 when no rule is in breach, 1 when one is, 2 on a usage error (unknown fiscal
code, bad date). ``scan`` checks every organisation (or one) and opens or resolves alerts.
"""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import fragola_law as r
from fragola.compliance.adapter import evaluate_all
from fragola.compliance.services import compliance_scan
from fragola.compliance.wording import explain, result_json
from fragola.registry.models import Organisation

EXIT_BREACH = 1
EXIT_USAGE = 2
ERR_UNKNOWN_COOP = "No organisation has the fiscal code %(code)s."
ERR_DATE = "Not a date: %(value)s (write YYYY-MM-DD)."


def iso_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise CommandError(_(ERR_DATE) % {"value": value}, returncode=EXIT_USAGE) from exc


class Command(BaseCommand):
    help = "Law 381 and co-operative law checks: `check` one co-op, `scan` all and raise alerts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Check every rule for one co-op or consortium.")
        check.add_argument("--coop", required=True, help="Fiscal code of the co-op.")
        check.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today).")
        check.add_argument("--json", action="store_true", help="Machine-readable output.")
        check.add_argument("--lang", choices=["it", "en"], default=None)
        scan = sub.add_parser("scan", help="Check every organisation and sync alerts.")
        scan.add_argument("--coop", default=None, help="Only this fiscal code.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "scan":
            self._scan(options["coop"])
            return
        lang: r.result.Lang = "en" if translation.get_language() == "en" else "it"
        if options["lang"] in ("it", "en"):
            lang = options["lang"]
        with translation.override(lang):
            self._check(options["coop"], iso_date(options["as_of"]), options["json"], lang)

    def _organisation(self, code: str) -> Organisation:
        organisation = Organisation.objects.filter(fiscal_code=code.strip().upper()).first()
        if organisation is None:
            raise CommandError(_(ERR_UNKNOWN_COOP) % {"code": code}, returncode=EXIT_USAGE)
        return organisation

    def _check(self, code: str, as_of: dt.date | None, as_json: bool, lang: r.result.Lang) -> None:
        organisation = self._organisation(code)
        day = as_of or timezone.localdate()
        results = evaluate_all(day, [organisation.pk])[organisation.pk]
        if as_json:
            payload = {
                "coop": organisation.fiscal_code,
                "as_of": day.isoformat(),
                "results": [result_json(x, personal=True) for x in results],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._table(organisation, day, results, lang)
        if any(x.status is r.Status.BREACH for x in results):
            raise SystemExit(EXIT_BREACH)

    def _table(
        self, organisation: Organisation, day: dt.date, results: list[r.RuleResult], lang: str
    ) -> None:
        self.stdout.write(f"{organisation.name} ({organisation.fiscal_code}) · {day.isoformat()}")
        self.stdout.write(f"{'rule':<6} {'status':<15} {'value':>8} {'thresh':>8} {'n/d':>11}")
        for x in results:
            value = "" if x.value is None else f"{x.value:.3f}"
            threshold = "" if x.threshold is None else f"{x.threshold:.3f}"
            counts = "" if x.numerator is None else f"{x.numerator:g}/{x.denominator or 0:g}"
            line = f"{x.rule:<6} {x.status.value:<15} {value:>8} {threshold:>8} {counts:>11}"
            style = {r.Status.BREACH: self.style.ERROR, r.Status.WARNING: self.style.WARNING}
            self.stdout.write(style.get(x.status, str)(line))
            self.stdout.write(f"       {explain(x, personal=True)}")

    def _scan(self, code: str | None) -> None:
        org_ids = [self._organisation(code).pk] if code else None
        opened = compliance_scan(org_ids=org_ids)
        self.stdout.write(_("%(n)d new alerts.") % {"n": len(opened)})
