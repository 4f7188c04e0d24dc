"""``fragola tenders simulate FILE [--json] [--lang it|en]``: score a tender as the commission will.

One sub-command per action (``ACTIONS``), so others can join. Exit status: 0 scored, 1 the file
has errors (each printed on stderr as ``field: reason``, bids named), 2 usage error (no file).
The file's shape and the scoring rules are in docs/procurement.md, "Scoring a tender".
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fragola.core.importing.cli import EXIT_DATA_ERRORS, read_file
from fragola.procurement.scoring import (
    Exclusion,
    Problem,
    SpecError,
    TenderResult,
    TenderSpec,
    parse_tender,
    score,
)

ERR_NOT_JSON = gettext_noop("The file is not JSON: %(reason)s (line %(line)d, column %(column)d).")
ERR_NOT_UTF8 = gettext_noop("The file is not UTF-8 text.")
ERR_FILE_ERRORS = gettext_noop("%(count)d error(s): the tender was not scored.")


@dataclass(frozen=True)
class Action:
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[BaseCommand, dict[str, Any]], None]


def _simulate_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the tender's JSON file")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def load_tender(content: bytes) -> TenderSpec:
    """The tender in a file's bytes; ``SpecError`` names every problem."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpecError([Problem("(file)", ERR_NOT_UTF8)]) from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        params = {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
        raise SpecError([Problem("(file)", ERR_NOT_JSON, params)]) from None
    return parse_tender(data)


def _simulate(command: BaseCommand, options: dict[str, Any]) -> None:
    try:
        spec = load_tender(read_file(options["file"]))
    except SpecError as exc:
        for problem in exc.problems:
            command.stderr.write(problem.render(_))
        count = len(exc.problems)
        raise CommandError(
            _(ERR_FILE_ERRORS) % {"count": count}, returncode=EXIT_DATA_ERRORS
        ) from None
    result = score(spec)
    if options["json"]:
        command.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in table(spec, result):
            command.stdout.write(line)


def _reason(exclusion: Exclusion | None) -> str:
    if exclusion is Exclusion.BELOW_THRESHOLD:
        return _("excluded: technical score below the threshold")
    if exclusion is Exclusion.PRICE_ABOVE_BASE:
        return _("excluded: price above the base amount")
    return ""


def table(spec: TenderSpec, result: TenderResult) -> list[str]:
    """The scores as a commission's minutes would list them, in the file's order."""
    head = (_("bidder"), _("technical"), _("economic"), _("total"), _("rank"))
    width = max([len(head[0]), *(len(bid.bidder) for bid in result.bids)])
    lines = [spec.name] if spec.name else []
    lines.append(f"{head[0]:<{width}} {head[1]:>10} {head[2]:>10} {head[3]:>10} {head[4]:>5}")
    for bid in result.bids:
        cells = [result.shown(v) or "-" for v in (bid.technical, bid.economic, bid.total)]
        rank = str(bid.rank) if bid.rank else "-"
        row = f"{bid.bidder:<{width}} {cells[0]:>10} {cells[1]:>10} {cells[2]:>10} {rank:>5}"
        lines.append(f"{row}  {_reason(bid.excluded)}".rstrip())
    if result.winner:
        lines.append(_("Winner: %(bidder)s") % {"bidder": result.winner})
    elif result.tied:
        names = ", ".join(result.tied)
        lines.append(
            _("No winner: %(bidders)s tie on total and technical score.") % {"bidders": names}
        )
    else:
        lines.append(_("No winner: no bid was admitted."))
    return lines


ACTIONS: dict[str, Action] = {
    "simulate": Action(
        "score a tender's bids from a JSON file, as the commission will",
        _simulate_arguments,
        _simulate,
    ),
}


def _language(chosen: str | None) -> str:
    """``--lang``, else the shell's language if Italian or English, else the site's."""
    if chosen:
        return chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(variable, "")[:2].lower()
        if code in ("it", "en"):
            return code
    return str(settings.LANGUAGE_CODE)


class Command(BaseCommand):
    help = "Public tenders: `simulate FILE` scores a tender's bids as the commission will."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, action in ACTIONS.items():
            sub = actions.add_parser(name, help=action.help, description=action.help)
            action.add_arguments(sub)
            sub.add_argument("--lang", choices=["it", "en"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(_language(options.get("lang"))):
            ACTIONS[options["action"]].run(self, options)


__all__ = ["Command"]
