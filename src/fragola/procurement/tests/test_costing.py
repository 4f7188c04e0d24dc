"""Cost per hour of a lot and the labour-cost check of an offer, computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fragola.procurement.costing import (
    ERR_NO_MINIMUM,
    ERR_NO_RATE,
    ERR_SHARES,
    ContractType,
    CostingError,
    CostInputs,
    LabourRate,
    MinimumWage,
    OfferStatus,
    StaffLine,
    lot_cost,
    offer_check,
    rate_on,
)

D = Decimal
RATES = [
    LabourRate("C1", ContractType.PERMANENT, dt.date(2024, 2, 1), D("20.00")),
    LabourRate("C1", ContractType.PERMANENT, dt.date(2025, 1, 1), D("21.00")),
    LabourRate("C1", ContractType.FIXED_TERM, dt.date(2025, 1, 1), D("22.00")),
    LabourRate("D2", ContractType.PERMANENT, dt.date(2025, 1, 1), D("25.00")),
]
MINIMUMS = [
    MinimumWage("C1", dt.date(2025, 1, 1), D("10.00")),
    MinimumWage("D2", dt.date(2025, 1, 1), D("12.00")),
]
# 80 % OSS (C1), 20 % educators (D2); €1.50/h non-labour; 10 % overheads; 5 % margin
MIX = CostInputs(
    staff=(StaffLine("C1", D("0.8")), StaffLine("D2", D("0.2"))),
    on=dt.date(2025, 6, 30),
    non_labour_per_hour=D("1.50"),
    overhead_rate=D("0.10"),
    margin_rate=D("0.05"),
)


def test_it_costs_an_hour_of_the_staff_mix_at_the_table_in_force():
    cost = lot_cost(MIX, RATES, base_price_per_hour=D("28.00"))
    assert cost.labour_per_hour == D("21.80")  # 0.8 * 21 + 0.2 * 25
    assert cost.overheads_per_hour == D("2.33")  # (21.80 + 1.50) * 0.10
    assert cost.margin_per_hour == D("1.28")  # (23.30 + 2.33) * 0.05 = 1.2815
    assert cost.price_per_hour == D("26.91")  # 25.63 + 1.2815 = 26.9115
    assert cost.headroom_per_hour == D("1.09")  # 28.00 - 26.91
    assert cost.max_discount == D("0.0389")  # 1.09 / 28 = 0.03892..


def test_a_base_price_under_the_cost_leaves_no_room_to_discount():
    cost = lot_cost(MIX, RATES, base_price_per_hour=D("25.00"))
    assert (cost.headroom_per_hour, cost.max_discount) == (D("-1.91"), D("0"))


def test_it_takes_the_row_valid_on_the_date():
    assert rate_on(RATES, "C1", ContractType.PERMANENT, dt.date(2024, 12, 31)) == D("20.00")
    assert rate_on(RATES, "C1", ContractType.PERMANENT, dt.date(2025, 1, 1)) == D("21.00")
    assert rate_on(RATES, "C1", ContractType.FIXED_TERM, dt.date(2025, 1, 1)) == D("22.00")


def test_an_offer_under_the_table_needs_a_justification_with_its_gap():
    # funded = 23.00 - 1.50 - 2.33 = 19.17; table 21.80: gap 2.63 = 12.06 %; minimum 10.40
    check = offer_check(MIX, RATES, MINIMUMS, offered_per_hour=D("23.00"))
    assert check.status is OfferStatus.NEEDS_JUSTIFICATION
    assert (check.labour_funded_per_hour, check.gap_per_hour, check.gap_percent) == (
        D("19.17"), D("2.63"), D("12.06")
    )  # fmt: skip
    assert check.minimum_per_hour == D("10.40")  # 0.8 * 10 + 0.2 * 12


def test_an_offer_under_the_minimum_wage_is_blocked():
    # funded = 14.00 - 3.83 = 10.17 < 10.40; gap 11.63 = 53.35 % of 21.80
    check = offer_check(MIX, RATES, MINIMUMS, offered_per_hour=D("14.00"))
    assert (check.status, check.gap_per_hour, check.gap_percent) == (
        OfferStatus.BLOCKED, D("11.63"), D("53.35")
    )  # fmt: skip


def test_an_offer_that_pays_the_table_is_fine():
    check = offer_check(MIX, RATES, MINIMUMS, offered_per_hour=D("26.00"))  # funds 22.17
    assert (check.status, check.gap_per_hour, check.gap_percent) == (OfferStatus.OK, 0, 0)


def test_it_names_the_missing_table_row_and_minimum():
    early = CostInputs(staff=(StaffLine("D2", D("1")),), on=dt.date(2024, 12, 31))
    with pytest.raises(CostingError) as caught:
        lot_cost(early, RATES, base_price_per_hour=D("30"))
    assert caught.value.message == ERR_NO_RATE
    assert "D2" in str(caught.value)
    no_minimum = CostInputs(staff=(StaffLine("C1", D("1")),), on=dt.date(2024, 6, 1))
    with pytest.raises(CostingError) as caught:
        offer_check(no_minimum, RATES, MINIMUMS, offered_per_hour=D("30"))
    assert caught.value.message == ERR_NO_MINIMUM


def test_the_staff_mix_must_cover_every_hour():
    half = CostInputs(staff=(StaffLine("C1", D("0.5")),), on=dt.date(2025, 6, 30))
    with pytest.raises(CostingError) as caught:
        lot_cost(half, RATES, base_price_per_hour=D("30"))
    assert caught.value.message == ERR_SHARES
