"""What discount wins with technical score X: answers computed by hand."""

from __future__ import annotations

from decimal import Decimal

from fragola.procurement.scoring import (
    Competitor,
    Formula,
    Outcome,
    PriceRule,
    discount_to_win,
)

BASE = Decimal("100000")


def rule(formula, **extra):
    return PriceRule(points=Decimal(30), formula=Formula(formula), **extra)


def test_inverse_needs_a_price_that_beats_the_competitors_lead():
    # Beta: 65 technical at 90,000. Ours 60 at P (the lowest): 60 + 30 > 65 + 30 * P/90,000
    # -> P < 75,000; at 75,000 the totals tie and Beta's technical score wins
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("inverse"),
        technical=Decimal(60),
        competitors=[Competitor("Beta", Decimal(65), Decimal(90000))],
    )
    assert (answer.outcome, answer.price) == (Outcome.WINS, Decimal("74999.99"))
    assert answer.discount == Decimal("0.250001")  # 25,000.01 / 100,000, rounded up


def test_linear_needs_a_discount_above_what_closes_the_gap():
    # Beta R = 0.10. With R > 0.10 we get 30 and Beta 3/R: 90 > 65 + 3/R -> R > 0.12
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("linear"),
        technical=Decimal(60),
        competitors=[Competitor("Beta", Decimal(65), Decimal(90000))],
    )
    assert answer.price == Decimal("87999.99")


def test_a_better_technical_score_wins_at_the_base_price():
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("linear"),
        technical=Decimal(70),
        competitors=[Competitor("Beta", Decimal(30), Decimal(100000))],
    )
    # nobody discounts: 0 points each, 70 > 30
    assert (answer.price, answer.discount) == (BASE, Decimal("0"))


def test_it_says_when_no_discount_can_win():
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("concave", alpha=Decimal("0.5")),
        technical=Decimal(30),
        competitors=[Competitor("Beta", Decimal(65), Decimal(99000))],
    )
    # at best 30 + 30 = 60 < 65
    assert (answer.outcome, answer.price) == (Outcome.CANNOT_WIN, None)


def test_below_the_threshold_we_are_excluded_and_so_are_competitors():
    competitors = [
        Competitor("Beta", Decimal(65), Decimal(90000)),
        Competitor("Weak", Decimal(20), Decimal(50000)),  # under 40: its price never counts
    ]
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("inverse"),
        technical=Decimal(39),
        competitors=competitors,
        threshold=Decimal(40),
    )
    assert answer.outcome is Outcome.BELOW_THRESHOLD
    answer = discount_to_win(
        base_amount=BASE,
        price_rule=rule("inverse"),
        technical=Decimal(60),
        competitors=competitors,
        threshold=Decimal(40),
    )
    assert answer.price == Decimal("74999.99")  # as if Weak were not there


def test_bilinear_accounts_for_our_discount_moving_the_average():
    # Beta 65 at R 0.04; X = 0.9. With our R > 0.04: R_avg = (0.04 + R)/2, Beta below it:
    # E_Beta = 27 * 0.04 / R_avg, ours 30. Win: 90 > 65 + 2.16 / (0.04 + R) -> R > 0.0464
    answer = discount_to_win(
        base_amount=Decimal(500000),
        price_rule=rule("bilinear", x=Decimal("0.9")),
        technical=Decimal(60),
        competitors=[Competitor("Beta", Decimal(65), Decimal(480000))],
    )
    assert answer.price == Decimal("476799.99")  # 500,000 * (1 - 0.0464) = 476,800 ties
