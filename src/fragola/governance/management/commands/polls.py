"""``fragola polls tally BALLOTS.csv --method plurality|approval|score|borda|irv [--json]``.

Counts paper ballots typed into a CSV file (see ``governance.ballots`` for the layout and
``governance.voting`` for the methods). Exit status: 0 counted (a tie included: it is reported,
``"winner": null`` and ``"tie": [...]``), 1 the file has errors (each printed as ``row N,
column X (option): reason``; nothing counted), 2 usage error (no such file).

Messages follow ``--lang`` or, failing that, the LANG environment variable (Italian otherwise).
"""

from __future__ import annotations

import json
import os
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fragola.core.importing.cli import EXIT_DATA_ERRORS, read_file
from fragola.governance import ballots
from fragola.governance.voting import Method, Tally

METHOD_NAMES = {
    Method.PLURALITY: gettext_lazy("Plurality (one mark per ballot)"),
    Method.APPROVAL: gettext_lazy("Approval (every option marked counts)"),
    Method.SCORE: gettext_lazy("Score (highest sum of scores)"),
    Method.BORDA: gettext_lazy("Borda count (n-1 … 0 points by rank)"),
    Method.IRV: gettext_lazy(
        "Instant runoff (fewest first preferences eliminated until a majority)"
    ),
}


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def user_language(option: str | None) -> str:
    if option:
        return option
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value[:2] in ("it", "en"):
            return value[:2]
    return "it"


def tally_json(file: ballots.BallotFile, result: Tally) -> dict[str, Any]:
    return {
        "method": result.method.value,
        "winner": result.winner,
        "tie": list(result.tie),
        "totals": {option: number(value) for option, value in result.totals.items()},
        "rounds": [
            {
                "round": index,
                "counts": round_.counts,
                "exhausted": round_.exhausted,
                "eliminated": list(round_.eliminated),
                "tied": list(round_.tied),
            }
            for index, round_ in enumerate(result.rounds, start=1)
        ],
        "ballots": result.ballots,
        "blank": result.blank,
        "spoiled": [
            {
                "row": file.rows[s.ballot],
                "reason": s.reason.value,
                "message": str(ballots.SPOILED_REASONS[s.reason]),
            }
            for s in result.spoiled
        ],
    }


def where(file_error: ballots.CellError, options: tuple[str, ...]) -> str:
    if file_error.column is None:
        return _("row %(row)d") % {"row": file_error.row}
    name = options[file_error.column] if file_error.column < len(options) else ""
    return _("row %(row)d, column %(letter)s%(name)s") % {
        "row": file_error.row,
        "letter": ballots.column_letter(file_error.column),
        "name": f" ({name})" if name else "",
    }


class Command(BaseCommand):
    help = "Count ballots typed in from paper: `tally FILE --method METHOD [--json]`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        tally = sub.add_parser("tally", help="Count a CSV of ballots, one row per ballot.")
        tally.add_argument("file", help="CSV file: header = option names, one row per ballot.")
        tally.add_argument("--method", required=True, choices=[m.value for m in Method])
        tally.add_argument("--json", action="store_true", help="Machine-readable output.")
        tally.add_argument("--lang", choices=["it", "en"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(user_language(options["lang"])):
            self._tally(options["file"], Method(options["method"]), options["json"])

    def _tally(self, path: str, method: Method, as_json: bool) -> None:
        content = read_file(path)
        try:
            file = ballots.read_ballots(content, method)
        except ballots.BallotFileError as exc:
            header = ballots.read_rows(content)[:1]
            options = tuple(c.strip() for c in header[0]) if header else ()
            lines = [f"{where(e, options)}: {e.message}" for e in exc.errors]
            raise CommandError("\n".join(lines), returncode=EXIT_DATA_ERRORS) from exc
        result = ballots.tally(file, method)
        if as_json:
            payload = tally_json(file, result)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._text(file, result)

    def _text(self, file: ballots.BallotFile, result: Tally) -> None:
        write = self.stdout.write
        write(str(METHOD_NAMES[result.method]))
        write(
            _("Ballots: %(n)d, blank: %(blank)d, spoiled: %(spoiled)d")
            % {"n": result.ballots, "blank": result.blank, "spoiled": len(result.spoiled)}
        )
        width = max(len(o) for o in result.options)
        for option, value in result.totals.items():
            write(f"  {option:<{width}}  {number(value)}")
        for index, round_ in enumerate(result.rounds, start=1):
            counts = ", ".join(f"{o} {v}" for o, v in round_.counts.items())
            line = _("Round %(n)d: %(counts)s") % {"n": index, "counts": counts}
            if round_.tied:
                line += "; " + _("tied for last: %(names)s") % {"names": ", ".join(round_.tied)}
            if round_.eliminated:
                line += "; " + _("eliminated: %(names)s") % {"names": ", ".join(round_.eliminated)}
            write(line)
        for spoiled in result.spoiled:
            write(
                _("Spoiled ballot, row %(row)d: %(reason)s")
                % {
                    "row": file.rows[spoiled.ballot],
                    "reason": ballots.SPOILED_REASONS[spoiled.reason],
                }
            )
        if result.winner is not None:
            write(self.style.SUCCESS(_("Winner: %(name)s") % {"name": result.winner}))
        elif result.tie:
            write(self.style.WARNING(_("Tie: %(names)s") % {"names": ", ".join(result.tie)}))
        else:
            write(self.style.WARNING(_("No winner: no ballot counts for any option.")))
