"""The counting methods on hand-computed ballots (no database)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from fragola.governance import voting
from fragola.governance.voting import Decision, ProposalCounts, Spoil

ABC = ("Anna", "Bruno", "Carla")


def ranks(*orders: str, times: int = 1) -> list[dict[str, int]]:
    """``"ABC"`` → Anna 1, Bruno 2, Carla 3 (by initial), each order ``times`` times."""
    by_initial = {name[0]: name for name in ("Anna", "Bruno", "Carla", "Dario")}
    return [{by_initial[c]: i for i, c in enumerate(order, start=1)} for order in orders] * times


# 7 Anna > Bruno > Carla, 6 Carla > Bruno > Anna, 5 Bruno > Carla > Anna.
CLASSIC = ranks("ABC", times=7) + ranks("CBA", times=6) + ranks("BCA", times=5)


def test_it_elects_three_different_winners_by_plurality_borda_and_irv() -> None:
    first = [frozenset(o for o, r in b.items() if r == 1) for b in CLASSIC]
    plurality = voting.plurality(ABC, first)
    assert (plurality.winner, plurality.totals) == ("Anna", {"Anna": 7, "Bruno": 5, "Carla": 6})
    borda = voting.borda(ABC, CLASSIC)
    # Anna 7x2; Bruno 7x1 + 6x1 + 5x2; Carla 6x2 + 5x1.
    assert (borda.winner, borda.totals) == ("Bruno", {"Anna": 14, "Bruno": 23, "Carla": 17})
    irv = voting.irv(ABC, CLASSIC)
    assert irv.winner == "Carla"
    assert [r.counts for r in irv.rounds] == [
        {"Anna": 7, "Bruno": 5, "Carla": 6},
        {"Anna": 7, "Carla": 11},
    ]
    assert [r.eliminated for r in irv.rounds] == [("Bruno",), ()]


def test_plurality_spoils_a_ballot_with_two_marks_and_counts_blanks_apart() -> None:
    ballots = [frozenset({"Anna"}), frozenset({"Anna", "Bruno"}), frozenset(), frozenset({"Bruno"})]
    result = voting.plurality(ABC, ballots)
    assert result.spoiled == (voting.Spoiled(1, Spoil.OVERVOTE),)
    assert (result.blank, result.counted) == (1, 2)
    assert (result.winner, result.tie) == (None, ("Anna", "Bruno"))


def test_approval_counts_every_mark() -> None:
    ballots = [frozenset({"Anna", "Bruno"}), frozenset({"Bruno"}), frozenset({"Carla", "Anna"})]
    result = voting.approval(ABC, ballots)
    assert result.totals == {"Anna": 2, "Bruno": 2, "Carla": 1}
    assert result.tie == ("Anna", "Bruno")


def test_score_sums_the_scores_and_an_empty_cell_scores_nothing() -> None:
    ballots = [
        {"Anna": Decimal("4.5"), "Bruno": Decimal(3)},
        {"Bruno": Decimal(5), "Carla": Decimal(1)},
        {},
    ]
    result = voting.score(ABC, ballots)
    assert result.totals == {"Anna": Decimal("4.5"), "Bruno": Decimal(8), "Carla": Decimal(1)}
    assert (result.winner, result.blank) == ("Bruno", 1)


def test_borda_gives_n_minus_1_to_0_and_nothing_to_unranked_options() -> None:
    options = (*ABC, "Dario")
    result = voting.borda(options, ranks("A", "BC", "DCBA"))
    # A: 3 + 0; B: 3 + 1; C: 2 + 2; D: 3.
    assert result.totals == {"Anna": 3, "Bruno": 4, "Carla": 4, "Dario": 3}
    assert (result.winner, result.tie) == (None, ("Bruno", "Carla"))


def test_a_ranking_with_a_shared_or_skipped_rank_is_spoiled() -> None:
    ballots = [{"Anna": 1, "Bruno": 1}, {"Anna": 1, "Carla": 3}, {"Carla": 1}, {}]
    result = voting.borda(ABC, ballots)
    assert [s.reason for s in result.spoiled] == [Spoil.SAME_RANK, Spoil.SKIPPED_RANK]
    assert (result.winner, result.blank, result.totals["Carla"]) == ("Carla", 1, 2)


def test_irv_needs_a_majority_of_the_ballots_still_ranking_a_candidate() -> None:
    # 4 Anna only, 3 Bruno > Carla, 2 Carla only. Carla goes; her ballots are exhausted and
    # Anna's 4 are a majority of the 7 ballots left, though not of the 9 cast.
    result = voting.irv(ABC, ranks("A", times=4) + ranks("BC", times=3) + ranks("C", times=2))
    assert result.winner == "Anna"
    assert [(r.counts, r.exhausted) for r in result.rounds] == [
        ({"Anna": 4, "Bruno": 3, "Carla": 2}, 0),
        ({"Anna": 4, "Bruno": 3}, 2),
    ]


def test_irv_follows_a_tie_for_last_when_every_order_elects_the_same() -> None:
    options = (*ABC, "Dario")
    ballots = ranks("A", times=4) + ranks("BD", "BD", "CD", "CD") + ranks("D", times=3)
    result = voting.irv(options, ballots)
    assert result.winner == "Dario"
    assert (result.rounds[0].tied, result.rounds[0].eliminated) == (("Bruno", "Carla"), ("Bruno",))


def test_irv_reports_a_tie_when_the_order_of_elimination_decides() -> None:
    # Anna 3; Bruno 2 (then Carla); Carla 2 (then Bruno): out goes Bruno → Carla 4 of 7, and
    # out goes Carla → Bruno 4 of 7.
    result = voting.irv(ABC, ranks("A", times=3) + ranks("BC", times=2) + ranks("CB", times=2))
    assert (result.winner, result.tie) == (None, ("Bruno", "Carla"))
    assert (result.rounds[-1].tied, result.rounds[-1].eliminated) == (("Bruno", "Carla"), ())


def test_irv_reports_an_even_final_as_a_tie_and_drops_unranked_options_together() -> None:
    options = (*ABC, "Dario")
    result = voting.irv(options, ranks("A", "A", "B", "B"))
    assert result.rounds[0].eliminated == ("Carla", "Dario")
    assert (result.winner, result.tie) == (None, ("Anna", "Bruno"))


def test_no_ballot_counted_means_no_winner_and_no_tie() -> None:
    for result in (voting.irv(ABC, [{}]), voting.plurality(ABC, [frozenset()])):
        assert (result.winner, result.tie, result.blank) == (None, (), 1)


QUORUM, HALF = Fraction(1, 2), Fraction(1, 2)


def test_a_single_block_blocks_a_proposal_the_others_carry() -> None:
    counts = ProposalCounts(agree=9, block=1)
    result = voting.proposal_result(counts, electorate=10, quorum=QUORUM, threshold=HALF)
    assert result.decision is Decision.BLOCKED
    assert voting.consent_result(counts, electorate=10, quorum=QUORUM).decision is Decision.BLOCKED


def test_quorum_is_on_turnout_abstentions_included() -> None:
    counts = ProposalCounts(agree=2, abstain=3)
    passed = voting.proposal_result(counts, electorate=10, quorum=QUORUM, threshold=HALF)
    assert (passed.decision, passed.turnout) == (Decision.PASSED, Fraction(1, 2))
    short = voting.proposal_result(counts, electorate=11, quorum=QUORUM, threshold=HALF)
    assert (short.decision, short.quorum_met) == (Decision.NO_QUORUM, False)


def test_threshold_is_on_agree_over_agree_and_disagree() -> None:
    def decide(agree: int, disagree: int, threshold: Fraction) -> Decision:
        counts = ProposalCounts(agree=agree, abstain=5, disagree=disagree)
        return voting.proposal_result(
            counts, electorate=20, quorum=Fraction(0), threshold=threshold
        ).decision

    assert decide(3, 2, HALF) is Decision.PASSED  # abstentions do not count against
    assert decide(3, 3, HALF) is Decision.REJECTED  # a tie never passes
    assert decide(6, 3, Fraction(2, 3)) is Decision.PASSED  # two thirds reached
    assert decide(5, 3, Fraction(2, 3)) is Decision.REJECTED


def test_consent_passes_with_quorum_and_no_block() -> None:
    counts = ProposalCounts(agree=1, abstain=2, disagree=3)
    result = voting.consent_result(counts, electorate=6, quorum=QUORUM)
    assert (result.method, result.decision) == ("consent", Decision.PASSED)
    empty = voting.consent_result(ProposalCounts(), electorate=0, quorum=Fraction(0))
    assert empty.decision is Decision.NO_QUORUM
