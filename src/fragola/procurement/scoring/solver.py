"""What discount do we need to win if our technical score is X?

The technical scores (ours and the competitors') are taken as the ones that count, after any
re-parametrisation: a tender office estimates them, it does not know the commissioners'
coefficients in advance. For every formula our economic score never falls, and no competitor's
ever rises, as our discount grows (bilinear included: a higher average only lowers the others), so
"we win" is monotone in our price and a bisection over whole cents finds the highest winning
price exactly, in about 30 scorings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from fractions import Fraction

from fragola.procurement.scoring.engine import Exclusion, TenderResult, economic_scores, ranks
from fragola.procurement.scoring.spec import PriceRule, TenderSpec

CENT = Decimal("0.01")
US = "\x00us"  # a key no bidder's name can clash with


class Outcome(StrEnum):
    WINS = "wins"  # ``price`` is the highest price that still ranks us first, alone
    BELOW_THRESHOLD = "below_threshold"  # our technical score would be excluded
    CANNOT_WIN = "cannot_win"  # not even one cent would do


@dataclass(frozen=True)
class Competitor:
    bidder: str
    technical: Decimal | Fraction
    price: Decimal


@dataclass(frozen=True)
class WinningOffer:
    outcome: Outcome
    price: Decimal | None = None  # the highest winning price, in whole cents
    discount: Decimal | None = None  # its discount on the base amount, rounded up to 1e-6


def _we_win(
    rule: PriceRule, base: Fraction, technical: dict[str, Fraction], prices: dict[str, Fraction]
) -> bool:
    economic = economic_scores(rule, base, prices)
    places = ranks({name: (technical[name] + e, technical[name]) for name, e in economic.items()})
    return places[US] == 1 and sum(place == 1 for place in places.values()) == 1


def discount_to_win(
    *,
    base_amount: Decimal,
    price_rule: PriceRule,
    technical: Decimal | Fraction,
    competitors: Sequence[Competitor],
    threshold: Decimal | None = None,
) -> WinningOffer:
    """The smallest discount (highest price, to the cent, at most the base) that ranks us first.

    Competitors under ``threshold`` are excluded, as the commission would; so are we if under it.
    Ties on total and technical score are not a win (the award would be drawn).
    """
    if threshold is not None and technical < threshold:
        return WinningOffer(Outcome.BELOW_THRESHOLD)
    admitted = [
        c
        for c in competitors
        if (threshold is None or c.technical >= threshold) and c.price <= base_amount
    ]
    scores = {c.bidder: Fraction(c.technical) for c in admitted} | {US: Fraction(technical)}
    prices = {c.bidder: Fraction(c.price) for c in admitted}
    base = Fraction(base_amount)

    def wins(cents: int) -> bool:
        return _we_win(price_rule, base, scores, prices | {US: Fraction(cents, 100)})

    low, high = 1, int(base_amount / CENT)  # 1 cent .. the base amount, in cents
    if not wins(low):
        return WinningOffer(Outcome.CANNOT_WIN)
    if wins(high):
        low = high
    while high - low > 1:  # invariant: wins(low), not wins(high)
        middle = (low + high) // 2
        if wins(middle):
            low = middle
        else:
            high = middle
    price = Decimal(low) * CENT
    discount = ((base_amount - price) / base_amount).quantize(
        Decimal("0.000001"), rounding=ROUND_CEILING
    )
    return WinningOffer(Outcome.WINS, price, discount)


def discount_to_win_tender(spec: TenderSpec, result: TenderResult, bidder: str) -> WinningOffer:
    """The same question for one bid of a scored tender, the others as they are.

    The bidder keeps its counting technical score; the others keep theirs and their prices;
    bids the threshold excluded stay out (and if the bidder is one of them, it cannot win).
    """
    ours = next(bid for bid in result.bids if bid.bidder == bidder)
    if ours.excluded is Exclusion.BELOW_THRESHOLD:
        return WinningOffer(Outcome.BELOW_THRESHOLD)
    prices = {bid.bidder: bid.price for bid in spec.bids}
    competitors = [
        Competitor(bid.bidder, bid.technical, prices[bid.bidder])
        for bid in result.bids
        if bid.bidder != bidder and bid.excluded is not Exclusion.BELOW_THRESHOLD
    ]
    return discount_to_win(
        base_amount=spec.base_amount,
        price_rule=spec.price,
        technical=ours.technical,
        competitors=competitors,
    )
