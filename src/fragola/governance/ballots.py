"""Paper ballots typed into a CSV file, read for ``voting`` (``fragola polls tally``).

One row per ballot, one column per option, the header names the options. A cell holds 1 or
nothing (plurality, approval), a number (score) or a rank, 1 = first (Borda, IRV). Plurality
also reads a file of ranks: each ballot counts for the option it ranks 1 (its first
preference), so one file can be counted by plurality, Borda and IRV alike. Rows are
numbered as a spreadsheet shows them (the header is row 1), columns by letter and option name.

A cell that is not what the method reads (``x`` in a rank column, a rank above the number of
options) is a typing error: the file is refused and every such cell named. A ballot the voter
filled in so that it cannot be read (two marks for plurality, two options ranked alike) is a
spoiled ballot: it is counted as such and reported, as at a polling station.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from fragola.governance import voting
from fragola.governance.voting import Method

ERR_BALLOTS_EMPTY = _("The file is empty: the first row must name the options.")
ERR_BALLOTS_NONE = _("There are no ballots below the header.")
ERR_OPTION_UNNAMED = _("the column has no option name.")
ERR_OPTION_TWICE = _("the option %(name)s is named twice.")
ERR_EXTRA_CELLS = _("the row has more cells than there are options.")
ERR_MARK = _("write 1 or leave the cell empty (found “%(value)s”).")
ERR_RANK = _("write a rank from 1 to %(n)d or leave the cell empty (found “%(value)s”).")
ERR_SCORE = _("write a number or leave the cell empty (found “%(value)s”).")

SPOILED_REASONS = {
    voting.Spoil.OVERVOTE: _("more than one option marked"),
    voting.Spoil.SAME_RANK: _("two options ranked alike"),
    voting.Spoil.SKIPPED_RANK: _("a rank is skipped"),
    voting.Spoil.UNKNOWN_OPTION: _("an option not on the ballot"),
}

MARKED = {"1"}


@dataclass(frozen=True)
class CellError:
    row: int
    column: int | None  # from 0; None for the whole row or file
    message: str


@dataclass(frozen=True)
class BallotFile:
    options: tuple[str, ...]
    rows: tuple[int, ...]  # each ballot's row number in the file
    ballots: tuple[object, ...]  # marks, scores or ranks, as ``voting`` reads them


class BallotFileError(Exception):
    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def delimiter(first_line: str) -> str:
    """Comma, semicolon (Italian spreadsheets) or tab, whichever the header uses most."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(content: bytes) -> list[list[str]]:
    text = decode(content)
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text), delimiter=delimiter(first)))


def read_header(rows: list[list[str]]) -> tuple[str, ...]:
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise BallotFileError([CellError(1, None, str(ERR_BALLOTS_EMPTY))])
    header = [cell.strip() for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    errors: list[CellError] = []
    seen: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            errors.append(CellError(1, index, str(ERR_OPTION_UNNAMED)))
        elif name in seen:
            errors.append(CellError(1, index, str(ERR_OPTION_TWICE % {"name": name})))
        seen.add(name)
    if errors:
        raise BallotFileError(errors)
    return tuple(header)


def read_ballots(content: bytes, method: Method) -> BallotFile:
    """The options and ballots of the file, or BallotFileError naming every bad cell."""
    rows = read_rows(content)
    options = read_header(rows)
    errors: list[CellError] = []
    numbers: list[int] = []
    ballots: list[object] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells) and len(cells) <= 1:
            continue  # an empty line, not a ballot (a blank ballot has its commas)
        if any(cell.strip() for cell in cells[len(options) :]):
            errors.append(CellError(number, None, str(ERR_EXTRA_CELLS)))
            continue
        ballot = _ballot(method, options, cells, number, errors)
        numbers.append(number)
        ballots.append(ballot)
    if not ballots and not errors:
        errors.append(CellError(2, None, str(ERR_BALLOTS_NONE)))
    if errors:
        raise BallotFileError(errors)
    return BallotFile(options, tuple(numbers), tuple(ballots))


def _ballot(
    method: Method, options: tuple[str, ...], cells: list[str], row: int, errors: list[CellError]
) -> object:
    filled = {
        index: cells[index].strip()
        for index in range(len(options))
        if index < len(cells) and cells[index].strip()
    }
    if method is Method.APPROVAL:
        for index, value in filled.items():
            if value not in MARKED:
                errors.append(CellError(row, index, str(ERR_MARK % {"value": value})))
        return frozenset(options[index] for index in filled)
    if method is Method.PLURALITY:
        # A ranked ballot counts for its first preference: ranks below 1 are not marks.
        for index, value in filled.items():
            if not (value.isdigit() and 1 <= int(value) <= len(options)):
                errors.append(CellError(row, index, str(ERR_MARK % {"value": value})))
        return frozenset(options[index] for index, value in filled.items() if value in MARKED)
    if method is Method.SCORE:
        scores: dict[str, Decimal] = {}
        for index, value in filled.items():
            number = _number(value)
            if number is None:
                errors.append(CellError(row, index, str(ERR_SCORE % {"value": value})))
            else:
                scores[options[index]] = number
        return scores
    ranks: dict[str, int] = {}
    for index, value in filled.items():
        rank = int(value) if value.isdigit() else 0
        if not 1 <= rank <= len(options):
            errors.append(
                CellError(row, index, str(ERR_RANK % {"n": len(options), "value": value}))
            )
        else:
            ranks[options[index]] = rank
    return ranks


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def tally(file: BallotFile, method: Method) -> voting.Tally:
    return voting.COUNTERS[method](file.options, list(file.ballots))
