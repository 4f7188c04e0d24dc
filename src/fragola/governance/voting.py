"""Counting votes: plain Python, no Django (an import-linter contract keeps it so).

The methods of public-contracts.md §7. Every count names its method and reports a tie as a tie:
``winner`` is None and ``tie`` lists the options sharing first place; nothing is drawn by lot.

Ballots come in three shapes:

- marks (plurality, approval): the set of options marked. A plurality ballot with more than one
  mark is spoiled (counted in ``spoiled``, for no one); a ballot with no mark is blank.
- scores (score): option → number; an option left empty scores nothing (0).
- ranks (Borda, IRV): option → rank, 1 = first. A ballot may rank some options only (1…k);
  a ballot ranking two options alike, or skipping a rank (1, 3 without 2), is spoiled: the
  voter's order cannot be read from it. Borda gives n-1 … 0 points by rank (n = number of
  options); an unranked option gets 0. IRV counts each ballot for its highest-ranked
  continuing option and eliminates the option with the fewest such votes until one holds a
  majority (more than half) of the ballots still ranking a continuing option; a ballot whose
  ranked options are all eliminated is exhausted. Its totals are the last round's counts (the
  options still in the count).

Ties for elimination in IRV: options with no votes at all are eliminated together (who goes
first cannot matter, they carry no ballots). Otherwise, when several options share the fewest
votes, every order of elimination is followed: if all of them elect the same option, it wins
and the round says which options were tied (``tied``); if they elect different options, the
count stops at that round and the result is a tie between every option some order elects.

Proposals (agree, abstain, disagree, block): any block blocks; the quorum is on turnout (votes
cast, abstentions and blocks included, over the electorate); a proposal passes when
agree / (agree + disagree) reaches the threshold and agree outnumbers disagree (a tied vote
never passes, so a threshold of one half means a strict majority). Consent: the quorum, and no
block.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any


class Method(StrEnum):
    PLURALITY = "plurality"
    APPROVAL = "approval"
    SCORE = "score"
    BORDA = "borda"
    IRV = "irv"


class Spoil(StrEnum):
    """Why a ballot counts for no one."""

    OVERVOTE = "overvote"  # plurality: more than one mark
    SAME_RANK = "same_rank"  # two options with one rank
    SKIPPED_RANK = "skipped_rank"  # a rank missing below the lowest given
    UNKNOWN_OPTION = "unknown_option"  # a mark or rank on an option not on the ballot


Marks = Collection[str]
Scores = Mapping[str, Decimal]
Ranks = Mapping[str, int]


@dataclass(frozen=True)
class Spoiled:
    ballot: int  # position in the ballots given, from 0
    reason: Spoil


@dataclass(frozen=True)
class Round:
    """One IRV round: each continuing option's votes, the exhausted ballots, who went out."""

    counts: dict[str, int]
    exhausted: int
    eliminated: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tally:
    method: Method
    options: tuple[str, ...]
    winner: str | None
    tie: tuple[str, ...]
    totals: dict[str, Decimal]
    ballots: int
    blank: int = 0
    spoiled: tuple[Spoiled, ...] = ()
    rounds: tuple[Round, ...] = field(default=())

    @property
    def counted(self) -> int:
        """Ballots that count for someone's totals (not blank, not spoiled)."""
        return self.ballots - self.blank - len(self.spoiled)


def top(
    options: Sequence[str], totals: Mapping[str, Decimal], counted: int
) -> tuple[str | None, tuple[str, ...]]:
    """The single highest option, or (None, the options tied for first). No ballot counted:
    no winner and no tie."""
    if counted <= 0 or not options:
        return None, ()
    best = max(totals[o] for o in options)
    leaders = tuple(o for o in options if totals[o] == best)
    if len(leaders) == 1:
        return leaders[0], ()
    return None, leaders


def _result(
    method: Method,
    options: Sequence[str],
    totals: dict[str, Decimal],
    ballots: int,
    blank: int,
    spoiled: list[Spoiled],
) -> Tally:
    winner, tie = top(options, totals, ballots - blank - len(spoiled))
    return Tally(method, tuple(options), winner, tie, totals, ballots, blank, tuple(spoiled))


def _unknown(options: Sequence[str], chosen: Iterable[str]) -> bool:
    return any(o not in options for o in chosen)


def plurality(options: Sequence[str], ballots: Sequence[Marks]) -> Tally:
    totals = dict.fromkeys(options, Decimal(0))
    blank, spoiled = 0, []
    for index, marks in enumerate(ballots):
        if _unknown(options, marks):
            spoiled.append(Spoiled(index, Spoil.UNKNOWN_OPTION))
        elif len(marks) > 1:
            spoiled.append(Spoiled(index, Spoil.OVERVOTE))
        elif not marks:
            blank += 1
        else:
            totals[next(iter(marks))] += 1
    return _result(Method.PLURALITY, options, totals, len(ballots), blank, spoiled)


def approval(options: Sequence[str], ballots: Sequence[Marks]) -> Tally:
    totals = dict.fromkeys(options, Decimal(0))
    blank, spoiled = 0, []
    for index, marks in enumerate(ballots):
        if _unknown(options, marks):
            spoiled.append(Spoiled(index, Spoil.UNKNOWN_OPTION))
            continue
        if not marks:
            blank += 1
        for option in marks:
            totals[option] += 1
    return _result(Method.APPROVAL, options, totals, len(ballots), blank, spoiled)


def score(options: Sequence[str], ballots: Sequence[Scores]) -> Tally:
    """The highest sum of scores wins."""
    totals = dict.fromkeys(options, Decimal(0))
    blank, spoiled = 0, []
    for index, scores in enumerate(ballots):
        if _unknown(options, scores):
            spoiled.append(Spoiled(index, Spoil.UNKNOWN_OPTION))
            continue
        if not scores:
            blank += 1
        for option, value in scores.items():
            totals[option] += value
    return _result(Method.SCORE, options, totals, len(ballots), blank, spoiled)


def ranking_problem(options: Sequence[str], ranks: Ranks) -> Spoil | None:
    """Why a ranking cannot be read, or None: ranks must be 1…k, each used once."""
    if _unknown(options, ranks):
        return Spoil.UNKNOWN_OPTION
    given = sorted(ranks.values())
    if len(set(given)) < len(given):
        return Spoil.SAME_RANK
    if given != list(range(1, len(given) + 1)):
        return Spoil.SKIPPED_RANK
    return None


def _orders(
    options: Sequence[str], ballots: Sequence[Ranks]
) -> tuple[list[tuple[str, ...]], int, list[Spoiled]]:
    """Each readable, non-blank ballot as its options in order of preference."""
    orders: list[tuple[str, ...]] = []
    blank, spoiled = 0, []
    for index, ranks in enumerate(ballots):
        problem = ranking_problem(options, ranks)
        if problem is not None:
            spoiled.append(Spoiled(index, problem))
        elif not ranks:
            blank += 1
        else:
            orders.append(tuple(sorted(ranks, key=lambda o: ranks[o])))
    return orders, blank, spoiled


def borda(options: Sequence[str], ballots: Sequence[Ranks]) -> Tally:
    orders, blank, spoiled = _orders(options, ballots)
    n = len(options)
    totals = dict.fromkeys(options, Decimal(0))
    for order in orders:
        for position, option in enumerate(order):
            totals[option] += n - 1 - position
    return _result(Method.BORDA, options, totals, len(ballots), blank, spoiled)


def irv(options: Sequence[str], ballots: Sequence[Ranks]) -> Tally:
    orders, blank, spoiled = _orders(options, ballots)
    count = _RunoffCount(tuple(options), tuple(orders))
    rounds, winner, tie = count.run()
    final = rounds[-1].counts if rounds else {}
    totals = {o: Decimal(votes) for o, votes in final.items()}
    return Tally(
        Method.IRV, tuple(options), winner, tie, totals, len(ballots), blank, tuple(spoiled),
        tuple(rounds),
    )  # fmt: skip


class _RunoffCount:
    """Instant runoff over fixed orders of preference; ``outcome`` memoised on the set of
    continuing options, so following every order of a tied elimination stays cheap."""

    def __init__(self, options: tuple[str, ...], orders: tuple[tuple[str, ...], ...]) -> None:
        self.options = options
        self.orders = orders
        self.outcome = cache(self._outcome)

    def counts(self, continuing: frozenset[str]) -> tuple[dict[str, int], int]:
        counts = {o: 0 for o in self.options if o in continuing}
        exhausted = 0
        for order in self.orders:
            choice = next((o for o in order if o in continuing), None)
            if choice is None:
                exhausted += 1
            else:
                counts[choice] += 1
        return counts, exhausted

    def majority(self, counts: dict[str, int]) -> str | None:
        live = sum(counts.values())
        return next((o for o, votes in counts.items() if 2 * votes > live), None)

    def last(self, counts: dict[str, int]) -> tuple[str, ...]:
        if not counts:
            return ()
        zero = tuple(o for o, votes in counts.items() if votes == 0)
        if zero and len(zero) < len(counts):
            return zero  # eliminated together: they carry no ballots
        fewest = min(counts.values())
        return tuple(o for o, votes in counts.items() if votes == fewest)

    def _outcome(self, continuing: frozenset[str]) -> frozenset[str]:
        """Every option some order of tied eliminations elects from ``continuing``."""
        counts, _ = self.counts(continuing)
        if not counts or sum(counts.values()) == 0:
            return frozenset()
        winner = self.majority(counts)
        if winner is not None:
            return frozenset({winner})
        last = self.last(counts)
        if len(last) == 1 or all(counts[o] == 0 for o in last):
            return self.outcome(continuing - frozenset(last))
        return frozenset().union(*(self.outcome(continuing - {o}) for o in last))

    def run(self) -> tuple[list[Round], str | None, tuple[str, ...]]:
        continuing = frozenset(self.options)
        rounds: list[Round] = []
        while True:
            counts, exhausted = self.counts(continuing)
            winner = self.majority(counts)
            if winner is not None or sum(counts.values()) == 0:
                rounds.append(Round(counts, exhausted))
                return rounds, winner, ()
            last = self.last(counts)
            if len(last) == 1 or all(counts[o] == 0 for o in last):
                rounds.append(Round(counts, exhausted, eliminated=last))
                continuing -= frozenset(last)
                continue
            possible = self.outcome(continuing)
            if len(possible) != 1:
                rounds.append(Round(counts, exhausted, tied=last))
                return rounds, None, tuple(o for o in self.options if o in possible)
            # Every order elects the same option: follow the first tied option's elimination.
            rounds.append(Round(counts, exhausted, eliminated=last[:1], tied=last))
            continuing -= {last[0]}


COUNTERS: dict[Method, Callable[[Sequence[str], Sequence[Any]], Tally]] = {
    Method.PLURALITY: plurality,
    Method.APPROVAL: approval,
    Method.SCORE: score,
    Method.BORDA: borda,
    Method.IRV: irv,
}


# Proposals and consent ---------------------------------------------------------------------


class Decision(StrEnum):
    PASSED = "passed"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    NO_QUORUM = "no_quorum"


@dataclass(frozen=True)
class ProposalCounts:
    agree: int = 0
    abstain: int = 0
    disagree: int = 0
    block: int = 0

    @property
    def cast(self) -> int:
        return self.agree + self.abstain + self.disagree + self.block


@dataclass(frozen=True)
class ProposalResult:
    method: str  # "proposal" or "consent"
    decision: Decision
    counts: ProposalCounts
    electorate: int
    turnout: Fraction
    quorum: Fraction
    quorum_met: bool
    approval: Fraction | None  # agree / (agree + disagree); None when both are 0
    threshold: Fraction | None

    @property
    def passed(self) -> bool:
        return self.decision is Decision.PASSED


def _turnout(counts: ProposalCounts, electorate: int) -> Fraction:
    return Fraction(counts.cast, electorate) if electorate > 0 else Fraction(0)


def proposal_result(
    counts: ProposalCounts, *, electorate: int, quorum: Fraction, threshold: Fraction
) -> ProposalResult:
    turnout = _turnout(counts, electorate)
    quorum_met = electorate > 0 and turnout >= quorum
    expressed = counts.agree + counts.disagree
    ratio = Fraction(counts.agree, expressed) if expressed else None
    if counts.block:
        decision = Decision.BLOCKED
    elif not quorum_met:
        decision = Decision.NO_QUORUM
    elif ratio is not None and ratio >= threshold and counts.agree > counts.disagree:
        decision = Decision.PASSED
    else:
        decision = Decision.REJECTED
    return ProposalResult(
        "proposal", decision, counts, electorate, turnout, quorum, quorum_met, ratio, threshold
    )


def consent_result(counts: ProposalCounts, *, electorate: int, quorum: Fraction) -> ProposalResult:
    turnout = _turnout(counts, electorate)
    quorum_met = electorate > 0 and turnout >= quorum
    if counts.block:
        decision = Decision.BLOCKED
    elif not quorum_met:
        decision = Decision.NO_QUORUM
    else:
        decision = Decision.PASSED
    expressed = counts.agree + counts.disagree
    ratio = Fraction(counts.agree, expressed) if expressed else None
    return ProposalResult(
        "consent", decision, counts, electorate, turnout, quorum, quorum_met, ratio, None
    )


# Assemblies: weighted votes (G2, G3) -------------------------------------------------------


def supporters_capped(
    votes: Mapping[int, int], supporters: Collection[int], share: Fraction = Fraction(1, 3)
) -> dict[int, Fraction]:
    """Each voter's weight, supporters' votes scaled down together so that they hold at most
    ``share`` of all the votes (G3). ``votes``: voter → votes (G2: 1, a legal person up to 5)."""
    held = sum(v for k, v in votes.items() if k in supporters)
    others = sum(votes.values()) - held
    weights = {k: Fraction(v) for k, v in votes.items()}
    if held == 0 or held <= share * (held + others):
        return weights
    # held * f = share * (held * f + others), so f = share * others / ((1 - share) * held)
    factor = share * others / ((1 - share) * held)
    return {k: w * factor if k in supporters else w for k, w in weights.items()}


def quorum_reached(present: Fraction, total: Fraction, quorum: Fraction) -> bool:
    """The votes present (in person, remote or by proxy) reach ``quorum`` of all the votes; a
    quorum of 0 (a second call under most statutes) is reached by anyone present."""
    if total <= 0:
        return False
    return present > 0 and present >= quorum * total
