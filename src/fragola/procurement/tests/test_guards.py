"""The guards of art. 108 on a tender's award criterion."""

from __future__ import annotations

from decimal import Decimal

from fragola.procurement.scoring import award_problems, is_labour_intensive
from fragola.procurement.scoring import messages as m


def problems(**overrides):
    settings = {
        "social_services": False,
        "lowest_price": False,
        "labour_intensive": False,
        "price_points": Decimal(30),
        "technical_points": Decimal(70),
    } | overrides
    return [p.message for p in award_problems(**settings)]


def test_a_social_services_tender_cannot_be_awarded_on_the_lowest_price():
    assert problems(social_services=True, lowest_price=True) == [m.ERR_SOCIAL_LOWEST_PRICE]
    assert problems(social_services=False, lowest_price=True) == []
    assert problems(social_services=True, lowest_price=False) == []


def test_a_labour_intensive_tender_gives_price_at_most_30_of_100_points():
    assert problems(labour_intensive=True) == []
    assert problems(
        labour_intensive=True, price_points=Decimal("30.01"), technical_points=Decimal("69.99")
    ) == [m.ERR_PRICE_CAP]
    # 30 % of whatever the total is: 18 of 60 is fine, 19 of 60 is not
    assert (
        problems(labour_intensive=True, price_points=Decimal(18), technical_points=Decimal(42))
        == []
    )
    assert problems(
        labour_intensive=True, price_points=Decimal(19), technical_points=Decimal(41)
    ) == [m.ERR_PRICE_CAP]
    assert (
        problems(labour_intensive=False, price_points=Decimal(40), technical_points=Decimal(60))
        == []
    )


def test_labour_intensive_means_labour_at_least_half_the_value():
    assert is_labour_intensive(labour_cost=Decimal(50), contract_value=Decimal(100))
    assert not is_labour_intensive(labour_cost=Decimal("49.99"), contract_value=Decimal(100))
