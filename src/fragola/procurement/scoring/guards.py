"""Guards from the law on a tender's award criterion, as pure checks.

- D.Lgs 36/2023 art. 108 c.2 lett. a: social services are awarded on the best price-quality
  ratio only, never on the lowest price.
- Art. 108 c.4 (Allegato I.1 art. 2 c.1 lett. e): in a labour-intensive contract (labour at
  least 50 % of its value) the economic score is capped at 30 % of the points.
"""

from __future__ import annotations

from decimal import Decimal

from fragola.procurement.scoring import messages as m
from fragola.procurement.scoring.spec import Problem

PRICE_CAP_SHARE = Decimal("0.30")
LABOUR_INTENSIVE_SHARE = Decimal("0.50")


def is_labour_intensive(*, labour_cost: Decimal, contract_value: Decimal) -> bool:
    """Labour is at least half of the contract's value."""
    return contract_value > 0 and labour_cost >= LABOUR_INTENSIVE_SHARE * contract_value


def lowest_price_problem(*, social_services: bool, lowest_price: bool) -> Problem | None:
    if social_services and lowest_price:
        return Problem("criterion", m.ERR_SOCIAL_LOWEST_PRICE)
    return None


def price_cap_problem(
    *, labour_intensive: bool, price_points: Decimal, technical_points: Decimal
) -> Problem | None:
    """Price may have at most 30 % of all the points (30 of 100) in a labour-intensive tender."""
    total = price_points + technical_points
    if not labour_intensive or price_points <= PRICE_CAP_SHARE * total:
        return None
    params = {"cap": "30%", "points": price_points, "total": total}
    return Problem("price.points", m.ERR_PRICE_CAP, params)


def award_problems(
    *,
    social_services: bool,
    lowest_price: bool,
    labour_intensive: bool,
    price_points: Decimal,
    technical_points: Decimal,
) -> list[Problem]:
    """Every guard of art. 108 a tender's award criterion breaks (none: it may be saved)."""
    found = [
        lowest_price_problem(social_services=social_services, lowest_price=lowest_price),
        price_cap_problem(
            labour_intensive=labour_intensive,
            price_points=price_points,
            technical_points=technical_points,
        ),
    ]
    return [problem for problem in found if problem is not None]
