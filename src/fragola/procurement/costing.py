"""Cost per hour of a lot and the labour-cost check of an offer (P4, P5): plain Python.

The Ministry of Labour's tables (€/h by CCNL level and contract type, valid from a date) and the
CCNL minimum wages are data imported from files, never literals here. The check follows D.Lgs
36/2023 art. 110 and CdS 3418/2025: the tables are a benchmark (an offer under them needs a
justification), the minimum wages are binding (an offer under them is blocked).

Cost per hour of a lot, for a staff mix whose hour shares add up to 1:

    labour      = Σ share * table €/h of the level (at the date)
    cost        = labour + non-labour costs per hour
    overheads   = cost * overhead rate
    margin      = (cost + overheads) * margin rate
    price       = cost + overheads + margin           (compared with the base price per hour)

An offered hourly price funds labour with what is left after non-labour costs and overheads (the
margin can be given up): ``offered - non-labour - overheads``. Under the mix's table cost it
"needs justification" (gap in €/h and in % of the table cost); under the mix's minimum wage it is
blocked. Amounts are exact and rounded half up to the cent only in ``LotCost``/``OfferCheck``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
PERCENT = Decimal("0.01")


def _(message: str) -> str:  # marks a message for makemessages; translated where shown
    return message


ERR_NO_RATE = _("No labour cost for level %(level)s (%(contract)s) valid on %(date)s.")
ERR_NO_MINIMUM = _("No CCNL minimum wage for level %(level)s valid on %(date)s.")
ERR_SHARES = _("The staff mix's hour shares add up to %(sum)s, not to 1.")


class CostingError(ValueError):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params)
        self.message = message
        self.params = params


class ContractType(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"


@dataclass(frozen=True)
class LabourRate:
    """One cell of the Ministry's table: €/h of a level and contract type from a date."""

    level: str
    contract_type: ContractType
    valid_from: dt.date
    eur_per_hour: Decimal


@dataclass(frozen=True)
class MinimumWage:
    """The CCNL's minimum hourly wage of a level from a date (binding)."""

    level: str
    valid_from: dt.date
    eur_per_hour: Decimal


@dataclass(frozen=True)
class StaffLine:
    level: str  # e.g. "C1" (OSS), "D2" (educator)
    share: Decimal  # of the lot's hours, the lines adding up to 1
    contract_type: ContractType = ContractType.PERMANENT


@dataclass(frozen=True)
class CostInputs:
    staff: tuple[StaffLine, ...]
    on: dt.date  # the date whose table applies
    non_labour_per_hour: Decimal = Decimal(0)
    overhead_rate: Decimal = Decimal(0)  # e.g. 0.08 for 8 % of the direct cost
    margin_rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class LotCost:
    labour_per_hour: Decimal
    non_labour_per_hour: Decimal
    overheads_per_hour: Decimal
    margin_per_hour: Decimal
    price_per_hour: Decimal  # what the lot costs us, margin included
    base_price_per_hour: Decimal
    headroom_per_hour: Decimal  # base - price: negative means the base price does not pay
    max_discount: Decimal  # headroom / base, as a fraction (0.0512 = 5.12 %), never below 0


class OfferStatus(StrEnum):
    OK = "ok"
    NEEDS_JUSTIFICATION = "needs_justification"  # under the Ministry's table
    BLOCKED = "blocked"  # under the CCNL minimum wage


@dataclass(frozen=True)
class OfferCheck:
    status: OfferStatus
    labour_funded_per_hour: Decimal  # offered - non-labour - overheads
    table_per_hour: Decimal
    minimum_per_hour: Decimal
    gap_per_hour: Decimal  # table - funded, 0 when not under the table
    gap_percent: Decimal  # of the table cost, 2 decimals


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def rate_on(
    rates: Sequence[LabourRate], level: str, contract_type: ContractType, on: dt.date
) -> Decimal:
    """The table's €/h in force on ``on``: the latest row valid from that day or before."""
    rows = [
        r
        for r in rates
        if r.level == level and r.contract_type == contract_type and r.valid_from <= on
    ]
    if not rows:
        raise CostingError(ERR_NO_RATE, level=level, contract=contract_type.value, date=on)
    return max(rows, key=lambda r: r.valid_from).eur_per_hour


def minimum_on(minimums: Sequence[MinimumWage], level: str, on: dt.date) -> Decimal:
    rows = [w for w in minimums if w.level == level and w.valid_from <= on]
    if not rows:
        raise CostingError(ERR_NO_MINIMUM, level=level, date=on)
    return max(rows, key=lambda w: w.valid_from).eur_per_hour


def _check_shares(staff: Sequence[StaffLine]) -> None:
    total = sum((line.share for line in staff), Decimal(0))
    if total != 1:
        raise CostingError(ERR_SHARES, sum=total)


def labour_per_hour(inputs: CostInputs, rates: Sequence[LabourRate]) -> Decimal:
    """The staff mix's table cost per hour, unrounded."""
    _check_shares(inputs.staff)
    return sum(
        (
            line.share * rate_on(rates, line.level, line.contract_type, inputs.on)
            for line in inputs.staff
        ),
        Decimal(0),
    )


def _overheads(inputs: CostInputs, labour: Decimal) -> Decimal:
    return (labour + inputs.non_labour_per_hour) * inputs.overhead_rate


def lot_cost(
    inputs: CostInputs, rates: Sequence[LabourRate], *, base_price_per_hour: Decimal
) -> LotCost:
    labour = labour_per_hour(inputs, rates)
    overheads = _overheads(inputs, labour)
    direct = labour + inputs.non_labour_per_hour + overheads
    margin = direct * inputs.margin_rate
    price = _money(direct + margin)
    headroom = base_price_per_hour - price
    max_discount = (
        max(Decimal(0), headroom / base_price_per_hour) if base_price_per_hour else Decimal(0)
    )
    return LotCost(
        labour_per_hour=_money(labour),
        non_labour_per_hour=_money(inputs.non_labour_per_hour),
        overheads_per_hour=_money(overheads),
        margin_per_hour=_money(margin),
        price_per_hour=price,
        base_price_per_hour=base_price_per_hour,
        headroom_per_hour=headroom,
        max_discount=max_discount.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
    )


def offer_check(
    inputs: CostInputs,
    rates: Sequence[LabourRate],
    minimums: Sequence[MinimumWage],
    *,
    offered_per_hour: Decimal,
) -> OfferCheck:
    """Is an hourly price enough to pay the staff mix at the table, or at least at the minimum?"""
    table = labour_per_hour(inputs, rates)
    minimum = sum(
        (line.share * minimum_on(minimums, line.level, inputs.on) for line in inputs.staff),
        Decimal(0),
    )
    funded = offered_per_hour - inputs.non_labour_per_hour - _overheads(inputs, table)
    gap = max(Decimal(0), table - funded)
    status = OfferStatus.OK
    if funded < minimum:
        status = OfferStatus.BLOCKED
    elif funded < table:
        status = OfferStatus.NEEDS_JUSTIFICATION
    percent = (gap * 100 / table).quantize(PERCENT, rounding=ROUND_HALF_UP) if table else Decimal(0)
    return OfferCheck(status, _money(funded), _money(table), _money(minimum), _money(gap), percent)
