"""Properties of the scoring every tender must show, on random tenders (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from fragola.procurement.scoring import (
    Competitor,
    Formula,
    Outcome,
    discount_to_win,
    parse_tender,
    score,
)

BASE = 100000
PRICE_POINTS = 30

FORMULAS = st.sampled_from(
    [
        {"formula": "inverse"},
        {"formula": "linear"},
        {"formula": "bilinear", "x": "0.85"},
        {"formula": "concave", "alpha": "0.4"},
    ]
)


@st.composite
def tenders(draw):
    points = draw(st.lists(st.integers(1, 40), min_size=1, max_size=4))
    criteria = [{"id": f"C{i}", "points": p} for i, p in enumerate(points)]
    commissioners = draw(st.integers(1, 3))
    coefficient = st.integers(0, 10).map(lambda k: str(Decimal(k) / 10))
    bids = []
    for n in range(draw(st.integers(1, 6))):
        marks = {
            c["id"]: draw(st.lists(coefficient, min_size=commissioners, max_size=commissioners))
            for c in criteria
        }
        price = draw(st.integers(50000, BASE))
        bids.append({"bidder": f"B{n}", "price": str(price), "coefficients": marks})
    return {
        "base_amount": str(BASE),
        "rounding": draw(st.integers(0, 3)),
        "technical": {
            "points": sum(points),
            "reparametrise": draw(st.sampled_from(["none", "criterion", "total", "both"])),
        },
        "price": {"points": PRICE_POINTS, **draw(FORMULAS)},
        "criteria": criteria,
        "bids": bids,
    }


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_scores_stay_within_their_points_and_the_best_offer_gets_them_all(data):
    spec = parse_tender(data)
    result = score(spec)
    admitted = [b for b in result.bids if b.admitted]
    assert len(admitted) == len(result.bids)  # no threshold, no price above the base
    for bid in admitted:
        assert 0 <= bid.technical <= spec.technical.points
        assert 0 <= bid.economic <= PRICE_POINTS
    if spec.price.formula is Formula.INVERSE:
        best = min(admitted, key=lambda b: b.price)
        assert best.economic == PRICE_POINTS
    elif max(b.discount for b in admitted) > 0:
        best = max(admitted, key=lambda b: b.discount)
        all_equal = len({b.discount for b in admitted}) == 1
        if spec.price.formula is Formula.BILINEAR and all_equal:  # all at the average: X * Pts
            assert best.economic == PRICE_POINTS * spec.price.x
        else:
            assert best.economic == PRICE_POINTS


@settings(max_examples=100, deadline=None)
@given(tenders(), st.randoms(use_true_random=False))
def test_the_order_of_the_bids_in_the_file_changes_nobodys_score(data, random):
    before = {b["bidder"]: b for b in score(parse_tender(data)).to_json()["bids"]}
    random.shuffle(data["bids"])
    after = {b["bidder"]: b for b in score(parse_tender(data)).to_json()["bids"]}
    assert before == after


@settings(max_examples=100, deadline=None)
@given(tenders())
def test_the_winner_is_alone_at_the_top_of_total_then_technical(data):
    result = score(parse_tender(data))
    keys = sorted(((b.total, b.technical) for b in result.bids), reverse=True)
    if result.winner is None:
        assert len(keys) > 1 and keys[0] == keys[1]
    else:
        winner = next(b for b in result.bids if b.bidder == result.winner)
        assert (winner.total, winner.technical, winner.rank) == (*keys[0], 1)
        assert len(keys) == 1 or keys[1] < keys[0]


def _with_us(competitors, technical_half_points, cents, price_rule):
    """A tender where each technical score is one criterion of 50 points, exactly."""
    bids = [
        {"bidder": c.bidder, "price": str(c.price), "coefficients": {"A": [str(c.technical / 50)]}}
        for c in competitors
    ]
    ours = Decimal(technical_half_points) / 2
    bids.append(
        {
            "bidder": "us",
            "price": str(Decimal(cents) / 100),
            "coefficients": {"A": [str(ours / 50)]},
        }
    )
    data = {
        "base_amount": str(BASE),
        "rounding": 2,
        "technical": {"points": 50},
        "price": price_rule,
        "criteria": [{"id": "A", "points": 50}],
        "bids": bids,
    }
    return score(parse_tender(data)).winner == "us"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.integers(60000, BASE)), min_size=1, max_size=4),
    st.integers(0, 100),
    FORMULAS,
)
def test_the_discount_to_win_is_the_smallest_that_wins_the_full_scoring(rivals, ours, price):
    competitors = [
        Competitor(f"R{n}", Decimal(t) / 2, Decimal(p)) for n, (t, p) in enumerate(rivals)
    ]
    spec = parse_tender(
        {
            "base_amount": str(BASE),
            "rounding": 2,
            "technical": {"points": 50},
            "price": {"points": PRICE_POINTS, **price},
            "criteria": [{"id": "A", "points": 50}],
            "bids": [{"bidder": "x", "price": "1", "coefficients": {"A": ["1"]}}],
        }
    )
    answer = discount_to_win(
        base_amount=Decimal(BASE),
        price_rule=spec.price,
        technical=Decimal(ours) / 2,
        competitors=competitors,
    )
    rule = {"points": PRICE_POINTS, **price}
    if answer.outcome is Outcome.CANNOT_WIN:
        assert not _with_us(competitors, ours, 1, rule)
        return
    cents = int(answer.price * 100)
    assert _with_us(competitors, ours, cents, rule)
    if cents < BASE * 100:
        assert not _with_us(competitors, ours, cents + 1, rule)
