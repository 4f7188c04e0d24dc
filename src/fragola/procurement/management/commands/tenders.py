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

from fragola.core.importing.cli import EXIT_DATA_ERRORS, read_file, usage_error
from fragola.procurement.scoring import (
    Exclusion,
    Outcome,
    Problem,
    SpecError,
    TenderResult,
    TenderSpec,
    WinningOffer,
    discount_to_win_tender,
    parse_tender,
    score,
)
from fragola.procurement.scoring.workbook import tender_from_xlsx

ERR_NOT_JSON = gettext_noop("The file is not JSON: %(reason)s (line %(line)d, column %(column)d).")
ERR_NOT_UTF8 = gettext_noop("The file is not UTF-8 text.")
ERR_FILE_ERRORS = gettext_noop("%(count)d error(s): the tender was not scored.")
ERR_UNKNOWN_BIDDER = gettext_noop("No bid of %(bidder)s in the file.")


@dataclass(frozen=True)
class Action:
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[BaseCommand, dict[str, Any]], None]


def _simulate_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the tender's JSON (or .xlsx) file")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--to-win",
        metavar="BIDDER",
        default=None,
        help="also say the highest price at which BIDDER, keeping its technical score, wins",
    )


def load_tender(content: bytes, *, xlsx: bool = False) -> TenderSpec:
    """The tender in a file's bytes (JSON or .xlsx); ``SpecError`` names every problem."""
    if xlsx:
        return parse_tender(tender_from_xlsx(content))
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
        xlsx = options["file"].lower().endswith(".xlsx")
        spec = load_tender(read_file(options["file"]), xlsx=xlsx)
    except SpecError as exc:
        for problem in exc.problems:
            command.stderr.write(problem.render(_))
        count = len(exc.problems)
        raise CommandError(
            _(ERR_FILE_ERRORS) % {"count": count}, returncode=EXIT_DATA_ERRORS
        ) from None
    result = score(spec)
    answer = _to_win(spec, result, options.get("to_win"))
    if options["json"]:
        payload = result.to_json()
        if answer is not None:
            payload["to_win"] = _answer_json(*answer)
        command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for line in table(spec, result):
        command.stdout.write(line)
    if answer is not None:
        command.stdout.write(_answer_line(*answer))


def _to_win(
    spec: TenderSpec, result: TenderResult, bidder: str | None
) -> tuple[str, WinningOffer] | None:
    if bidder is None:
        return None
    names = {bid.bidder.casefold(): bid.bidder for bid in spec.bids}
    if bidder.casefold() not in names:
        raise usage_error(_(ERR_UNKNOWN_BIDDER) % {"bidder": bidder})
    name = names[bidder.casefold()]
    return name, discount_to_win_tender(spec, result, name)


def _answer_json(bidder: str, answer: WinningOffer) -> dict[str, Any]:
    return {
        "bidder": bidder,
        "outcome": answer.outcome.value,
        "price": None if answer.price is None else f"{answer.price:f}",
        "discount": None if answer.discount is None else f"{answer.discount:f}",
    }


def _answer_line(bidder: str, answer: WinningOffer) -> str:
    if answer.outcome is Outcome.BELOW_THRESHOLD:
        return _("%(bidder)s is below the threshold: no price wins.") % {"bidder": bidder}
    if answer.outcome is Outcome.CANNOT_WIN:
        return _("%(bidder)s cannot win at any price with its technical score.") % {
            "bidder": bidder
        }
    assert answer.price is not None and answer.discount is not None
    params = {"bidder": bidder, "price": answer.price, "discount": f"{answer.discount * 100:.4f}"}
    return _("%(bidder)s wins alone at %(price)s or less (discount %(discount)s%%).") % params


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
