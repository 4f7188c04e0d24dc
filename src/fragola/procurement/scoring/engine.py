"""Score a tender as ANAC Linee guida n. 2 describe it (docs/procurement.md, "Scoring a tender").

Everything is computed exactly on ``Fraction`` (the concave formula's power, the one irrational
step, on ``Decimal`` with 60 significant digits); scores are rounded half up to the tender's
decimals only when shown. Ranks and the winner come from the exact scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Any

from fragola.procurement.scoring.spec import Bid, Formula, PriceRule, TenderSpec, ThresholdOn

POWER_DIGITS = 60


class Exclusion(StrEnum):
    BELOW_THRESHOLD = "below_threshold"  # technical score under the soglia di sbarramento
    PRICE_ABOVE_BASE = "price_above_base"  # an offer above the base amount (offerta in aumento)


@dataclass(frozen=True)
class BidScore:
    bidder: str
    price: Fraction
    raw_technical: Fraction  # sum of points x mean coefficient, before any re-parametrisation
    technical: Fraction  # the technical score that counts
    discount: Fraction
    excluded: Exclusion | None = None
    economic: Fraction | None = None
    total: Fraction | None = None
    rank: int | None = None

    @property
    def admitted(self) -> bool:
        return self.excluded is None


@dataclass(frozen=True)
class TenderResult:
    decimals: int
    bids: tuple[BidScore, ...]
    winner: str | None
    tied: tuple[str, ...]  # the bidders sharing first place when there is no single winner

    def shown(self, value: Fraction | None) -> str | None:
        return None if value is None else round_half_up(value, self.decimals)

    def to_json(self) -> dict[str, Any]:
        return {
            "winner": self.winner,
            "bids": [
                {
                    "bidder": bid.bidder,
                    "admitted": bid.admitted,
                    "technical": self.shown(bid.technical),
                    "economic": self.shown(bid.economic),
                    "total": self.shown(bid.total),
                    "rank": bid.rank,
                }
                for bid in self.bids
            ],
        }


def round_half_up(value: Fraction, decimals: int) -> str:
    """``value`` rounded half up (away from zero) to ``decimals`` places, exactly, as text."""
    scaled = abs(value) * 10**decimals
    units = math.floor(scaled + Fraction(1, 2))
    text = f"{Decimal(units).scaleb(-decimals):f}"
    return f"-{text}" if value < 0 and units else text


def _mean(values: Sequence[Decimal]) -> Fraction:
    with localcontext() as context:  # coefficients are short decimals: their sum is exact
        context.prec = POWER_DIGITS
        total = sum(values, Decimal(0))
    return Fraction(total) / len(values)


def _raw(spec: TenderSpec, bid: Bid) -> Fraction:
    """Sum of points x mean coefficient: exact sums on Decimal, one division per commission size."""
    by_size: dict[int, Decimal] = {}
    with localcontext() as context:
        context.prec = POWER_DIGITS
        for criterion in spec.criteria:
            marks = bid.coefficients[criterion.id]
            subtotal = criterion.points * sum(marks, Decimal(0))
            by_size[len(marks)] = by_size.get(len(marks), Decimal(0)) + subtotal
    return sum((Fraction(total) / size for size, total in by_size.items()), Fraction(0))


def _per_criterion(spec: TenderSpec) -> dict[str, Fraction]:
    """Sum of points x V / best V of the criterion (a criterion where all have 0 gives 0)."""
    means = {b.bidder: [_mean(b.coefficients[c.id]) for c in spec.criteria] for b in spec.bids}
    factors = []
    for n, criterion in enumerate(spec.criteria):
        best = max(row[n] for row in means.values())
        factors.append(Fraction(criterion.points) / best if best else Fraction(0))
    return {
        name: sum((v * f for v, f in zip(row, factors, strict=True)), Fraction(0))
        for name, row in means.items()
    }


def technical_scores(spec: TenderSpec) -> dict[str, tuple[Fraction, Fraction]]:
    """Each bidder's (raw, counting) technical score, re-parametrised among all bids."""
    raw = {bid.bidder: _raw(spec, bid) for bid in spec.bids}
    how = spec.technical.reparametrise
    counted = _per_criterion(spec) if how.per_criterion else dict(raw)
    if how.on_total:
        top = max(counted.values(), default=Fraction(0))
        points = Fraction(spec.technical.points)
        counted = {name: (t * points / top if top else Fraction(0)) for name, t in counted.items()}
    return {name: (raw[name], counted[name]) for name in raw}


def economic_scores(
    rule: PriceRule, base: Fraction, prices: Mapping[str, Fraction]
) -> dict[str, Fraction]:
    """Every price formula, among the bids in ``prices`` only (the admitted ones)."""
    if not prices:
        return {}
    points = Fraction(rule.points)
    discounts = {name: (base - price) / base for name, price in prices.items()}
    r_max = max(discounts.values())
    if rule.formula is Formula.INVERSE:
        p_min = min(prices.values())
        return {name: points * p_min / price for name, price in prices.items()}
    if r_max == 0:  # nobody offered a discount: linear, bilinear and concave all give 0
        return {name: Fraction(0) for name in prices}
    if rule.formula is Formula.LINEAR:
        return {name: points * r / r_max for name, r in discounts.items()}
    if rule.formula is Formula.BILINEAR:
        assert rule.x is not None
        return _bilinear(points, Fraction(rule.x), discounts, r_max)
    assert rule.alpha is not None
    return {name: points * _power(r / r_max, rule.alpha) for name, r in discounts.items()}


def _bilinear(
    points: Fraction, x: Fraction, discounts: Mapping[str, Fraction], r_max: Fraction
) -> dict[str, Fraction]:
    r_avg = sum(discounts.values(), Fraction(0)) / len(discounts)
    scores = {}
    for name, r in discounts.items():
        if r <= r_avg:  # r_avg > 0 here, since r_max > 0 and every r >= 0
            scores[name] = points * x * r / r_avg
        else:  # r > r_avg implies r_max > r_avg
            scores[name] = points * (x + (1 - x) * (r - r_avg) / (r_max - r_avg))
    return scores


def _power(ratio: Fraction, alpha: Decimal) -> Fraction:
    if ratio in (0, 1):
        return ratio
    with localcontext() as context:
        context.prec = POWER_DIGITS
        base = Decimal(ratio.numerator) / Decimal(ratio.denominator)
        return Fraction(base**alpha)


def ranks(totals: Mapping[str, tuple[Fraction, Fraction]]) -> dict[str, int]:
    """Rank by total, then by technical score; equal on both share a rank (1, 1, 3)."""
    keys = list(totals.values())
    return {name: 1 + sum(other > key for other in keys) for name, key in totals.items()}


def score(spec: TenderSpec) -> TenderResult:
    """Admission, technical, economic and total score, rank and winner of every bid."""
    technical = technical_scores(spec)
    base = Fraction(spec.base_amount)
    threshold = spec.technical.threshold
    admitted: dict[str, Fraction] = {}
    exclusions: dict[str, Exclusion] = {}
    for bid in spec.bids:
        raw, counted = technical[bid.bidder]
        measured = raw if spec.technical.threshold_on is ThresholdOn.RAW else counted
        if threshold is not None and measured < Fraction(threshold):
            exclusions[bid.bidder] = Exclusion.BELOW_THRESHOLD
        elif bid.price > spec.base_amount:
            exclusions[bid.bidder] = Exclusion.PRICE_ABOVE_BASE
        else:
            admitted[bid.bidder] = Fraction(bid.price)
    economic = economic_scores(spec.price, base, admitted)
    totals = {name: (technical[name][1] + e, technical[name][1]) for name, e in economic.items()}
    places = ranks(totals)
    first = tuple(name for name, place in places.items() if place == 1)
    scores = tuple(
        BidScore(
            bidder=bid.bidder,
            price=Fraction(bid.price),
            raw_technical=technical[bid.bidder][0],
            technical=technical[bid.bidder][1],
            discount=(base - Fraction(bid.price)) / base,
            excluded=exclusions.get(bid.bidder),
            economic=economic.get(bid.bidder),
            total=totals[bid.bidder][0] if bid.bidder in totals else None,
            rank=places.get(bid.bidder),
        )
        for bid in spec.bids
    )
    winner = first[0] if len(first) == 1 else None
    return TenderResult(spec.rounding, scores, winner, first if winner is None else ())
