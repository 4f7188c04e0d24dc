"""Public value: an estimate of what each integrated worker saves the public purse in a year.

Benefits not paid (the worker would otherwise draw an income benefit) plus income tax and
contributions paid on the wage. Every number comes from ``params.PUBLIC_VALUE`` with its source
and date; those marked ``assumption`` are Fragola's and the page says so. An estimate, not an
audit. Pure Python, Decimal throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import fragola_law as law

CENT = Decimal("0.01")
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class WorkerYear:
    key: str
    weekly_hours: Decimal
    months: Decimal  # months worked in the year considered (0-12)
    relief_rate: Decimal  # share of contributions waived (L4.5)


@dataclass(frozen=True)
class PublicValueLine:
    key: str
    gross_pay: Decimal
    income_tax: Decimal
    contributions: Decimal
    benefits_avoided: Decimal

    @property
    def total(self) -> Decimal:
        return self.income_tax + self.contributions + self.benefits_avoided


def parameter_table(on: date) -> list[law.Versioned[Decimal]]:
    """The parameters used on ``on``, each with its value, source, date and assumption flag."""
    chosen = law.value_at(law.PUBLIC_VALUE, on).value
    return [
        chosen.gross_hourly_pay,
        chosen.irpef_effective_rate,
        chosen.employee_contribution_rate,
        chosen.employer_contribution_rate,
        chosen.benefit_avoided_per_year,
        chosen.benefit_take_up,
    ]


def estimate(worker: WorkerYear, on: date) -> PublicValueLine:
    p = law.value_at(law.PUBLIC_VALUE, on).value
    share_of_year = min(max(worker.months, Decimal(0)), MONTHS_PER_YEAR) / MONTHS_PER_YEAR
    gross = worker.weekly_hours * WEEKS_PER_YEAR * p.gross_hourly_pay.value * share_of_year
    contribution_rate = p.employee_contribution_rate.value + p.employer_contribution_rate.value
    paid_share = Decimal(1) - worker.relief_rate
    benefits = p.benefit_avoided_per_year.value * p.benefit_take_up.value * share_of_year
    return PublicValueLine(
        key=worker.key,
        gross_pay=money(gross),
        income_tax=money(gross * p.irpef_effective_rate.value),
        contributions=money(gross * contribution_rate * paid_share),
        benefits_avoided=money(benefits),
    )


def total(lines: list[PublicValueLine]) -> PublicValueLine:
    return PublicValueLine(
        key="total",
        gross_pay=sum((x.gross_pay for x in lines), Decimal(0)),
        income_tax=sum((x.income_tax for x in lines), Decimal(0)),
        contributions=sum((x.contributions for x in lines), Decimal(0)),
        benefits_avoided=sum((x.benefits_avoided for x in lines), Decimal(0)),
    )
